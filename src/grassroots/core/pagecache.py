"""The page cache for readers: anonymous GETs of public pages are answered from Django's cache
(shared through Redis when REDIS_URL is set) until content changes.

Django's own cache middleware keys on headers and cannot be invalidated by content, so this
small one keys on a site-wide content version instead: any write to a post, comment, photo or
the blog identity moves the version, and every cached page is stale at once. Times alone can
change content too (a scheduled post going public), so apps register expiry hints that cap
how long a page may be kept."""

import hashlib
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

VERSION_KEY = "pagecache:version"
LOCAL_CACHE = "django.core.cache.backends.locmem.LocMemCache"
CONTENT_APPS = {"blog", "comments", "photos"}
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml",
                   "text/xml", "text/plain")  # fmt: skip
KEPT_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "Link")
# callables() -> seconds until time alone changes some page (None: no such moment)
EXPIRY_HINTS = []
# callables(content: bytes) -> bytes, run on every cache hit: parts of a page that must be
# fresh for each reader (a comment form's time token) are renewed in the cached copy.
REFRESHERS = []


def register_expiry_hint(hint):
    EXPIRY_HINTS.append(hint)


def register_refresher(refresher):
    REFRESHERS.append(refresher)


def _version_file():
    """Without REDIS_URL every worker process of `grassroots run` has a cache of its own, so
    the content version, which all of them must agree on, lives in a small file instead."""
    if settings.CACHES["default"]["BACKEND"] != LOCAL_CACHE:
        return None
    return Path(settings.DATA_DIR) / "content-version"


def _new_version():
    current = uuid.uuid4().hex
    path = _version_file()
    if path is None:
        cache.set(VERSION_KEY, current, timeout=None)
    else:
        spare = path.with_name(f".{path.name}.{current}")
        spare.write_text(current)
        os.replace(spare, path)  # atomic: readers see the old version or the new one
    return current


def version():
    path = _version_file()
    if path is not None:
        try:
            return path.read_text() or _new_version()
        except FileNotFoundError:
            return _new_version()
    current = cache.get(VERSION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, current, timeout=None):
            current = cache.get(VERSION_KEY, current)
    return current


def bump():
    """Content changed: forget every cached page, now and again once the write commits (so a
    request that read the old rows in between cannot leave a stale page behind)."""
    _new_version()
    transaction.on_commit(_new_version)


def _key(request):
    raw = f"{request.get_host()}|{request.get_full_path()}".encode()
    return f"pagecache:{version()}:{hashlib.sha256(raw).hexdigest()}"


def _eligible(request):
    return (
        settings.GRASSROOTS_PAGE_CACHE_SECONDS > 0
        and request.method in {"GET", "HEAD"}
        and not request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith("/admin/")
    )


def _storable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        # A page that used a CSP nonce must not hand the same nonce to every reader.
        and not isinstance(getattr(request, "_csp_nonce", None), str)
    )


def _timeout():
    seconds = settings.GRASSROOTS_PAGE_CACHE_SECONDS
    for hint in EXPIRY_HINTS:
        due = hint()
        if due is not None:
            seconds = min(seconds, max(1, int(due)))
    return seconds


def page_cache(get_response):
    def middleware(request):
        if not _eligible(request):
            return get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            for refresh in REFRESHERS:
                content = refresh(content)
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = get_response(request)
        if _storable(request, response):
            headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
            cache.set(key, (response.content, headers), timeout=_timeout())
            response["X-Page-Cache"] = "miss"
        return response

    return middleware


def anonymous_gzip(get_response):
    """Compress pages for readers without cookies only: a page that carries a secret (a staff
    CSRF token) must not be compressed, or BREACH could recover it."""
    from django.middleware.gzip import GZipMiddleware

    gzip = GZipMiddleware(get_response)

    def middleware(request):
        # Media are JPEG, WebP and other images that gzip cannot shrink: not worth the CPU.
        if request.COOKIES or request.path.startswith(settings.MEDIA_URL):
            return get_response(request)
        return gzip(request)

    return middleware


def content_changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        bump()
