"""Headers Django's SecurityMiddleware does not set itself, and what caches in front of us
(a CDN, nginx, the browser) may keep."""

import time

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

# Shared caches (nginx, a CDN) may keep a reader's page this long; browsers revalidate each
# time (max-age=0, answered by a cheap 304), so a commenter never sees an old copy of the
# page they just commented on.
SHARED_MAX_AGE = 10
# What a reader's page can turn into for everyone (unpublished or deleted: 404 or 410; moved
# to a new address: 301). A cache in front must be allowed to keep these too: it can only
# drop its copy of a page by keeping the new answer in its place (nginx, which answers from
# its old copy while it fetches the new one, would otherwise show an unpublished post for
# as long as readers keep asking for it).
SHAREABLE_STATUSES = {200, 301, 304, 404, 410}


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        onion = settings.GRASSROOTS_ONION_URL
        if onion and response.get("Content-Type", "").startswith("text/html"):
            # Tor Browser offers readers the same page at the onion address.
            response.headers.setdefault("Onion-Location", onion + request.get_full_path())
        # Nothing of ours is meant to be embedded by another site.
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "interest-cohort=(), browsing-topics=()")
        return response

    return middleware


def _files(request):
    return request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL))


def _public(request, response):
    return (
        request.method in {"GET", "HEAD"}
        and response.status_code in SHAREABLE_STATUSES
        and not request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not response.cookies
        and not request.path.startswith("/admin/")
    )


def cache_headers(get_response):
    """A response that depends on a cookie (a commenter's own held comment, staff pages, a form
    with errors) must never be kept by a cache in front of us; a reader's public page may be,
    briefly. Vary: Cookie tells shared caches that the two differ."""

    def middleware(request):
        response = get_response(request)
        if _files(request):  # static files and photos carry their own long caching
            return response
        control = response.get("Cache-Control", "")
        if _public(request, response) and "private" not in control and "no-store" not in control:
            if not control:
                patch_cache_control(response, public=True, max_age=0, s_maxage=SHARED_MAX_AGE)
                # nginx (deploy recipe) keeps the page to the end of this second only and
                # never hands it out after that, so a change reaches readers within a second;
                # nginx hides this header. It comes after Cache-Control: nginx before 1.23
                # ignores a Cache-Control that follows X-Accel-Expires.
                response["X-Accel-Expires"] = f"@{int(time.time())}"
        else:
            patch_cache_control(response, private=True, no_store=True)  # drops any "public"
        patch_vary_headers(response, ["Cookie"])
        return response

    return middleware
