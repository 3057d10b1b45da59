"""Headers Django's SecurityMiddleware does not set itself."""

from django.conf import settings


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
