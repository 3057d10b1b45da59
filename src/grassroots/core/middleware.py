"""Headers Django's SecurityMiddleware does not set itself."""


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        # Nothing of ours is meant to be embedded by another site.
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "interest-cohort=(), browsing-topics=()")
        return response

    return middleware
