"""Public pages speak the blog's language and show times in the blog's time zone; staff
pages (the admin) follow each person's browser. The studio speaks each person's language
and shows every time in the blog's time zone, like the permalinks and public pages."""

from django.utils import timezone, translation

from grassroots.blog import selectors
from grassroots.blog.selectors import blog_identity


def blog_locale(get_response):
    def middleware(request):
        if request.path.startswith("/admin/"):
            language = translation.get_language_from_request(request)
            zone = None
        elif request.path.startswith("/studio/"):
            language = translation.get_language_from_request(request)
            zone = blog_identity().time_zone
        else:
            blog = blog_identity()
            language, zone = blog.language, blog.time_zone
        request.LANGUAGE_CODE = language
        if zone:
            timezone.activate(zone)
        # override(), not activate(): the worker thread must not keep this request's
        # language for whatever it runs next (mail after commit, the next request's errors).
        try:
            with translation.override(language), selectors.blog_identity_pinned():
                response = get_response(request)
        finally:
            timezone.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response

    return middleware
