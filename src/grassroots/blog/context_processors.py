from django.conf import settings

from grassroots.blog import selectors


def blog_identity(request):
    return {"blog": selectors.blog_identity(), "onion_url": settings.GRASSROOTS_ONION_URL}
