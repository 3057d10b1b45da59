"""The page cache for readers: anonymous GETs of public pages are answered from Django's cache
(shared through Redis when REDIS_URL is set) until something they showed changes.

Django's own cache middleware keys on headers and cannot be invalidated by content, so this
small one keeps dependency tags instead: while a page renders, the code that reads content
names what the page shows (`depends_on("post:12", "list:all")`); the page is stored with the
current version of each tag (core/pagetags.py), and a write gives new versions to exactly the
tags it touches (`invalidate`), found by the taggers apps register for their models. A page
that named nothing depends on "any", which every content change moves; "all" is in every
page and moves when the blog identity or something without a tagger changes.

Times alone can change content too (a scheduled post going public), so apps register expiry
hints that cap how long a page may be kept."""

import contextvars
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

from grassroots.core import fastpages, pagetags

CONTENT_APPS = {"blog", "comments", "photos"}
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml",
                   "text/xml", "text/plain")  # fmt: skip
KEPT_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "Link")
# callables() -> seconds until time alone changes some page (None: no such moment)
EXPIRY_HINTS = []
# callables(content: bytes) -> bytes, run on every cache hit: parts of a page that must be
# fresh for each reader (a comment form's time token) are renewed in the cached copy.
REFRESHERS = []
# model class -> callable(instance) -> tags a change to that instance invalidates
TAGGERS = {}
EVERYTHING, UNDECLARED = "all", "any"

_recorded = contextvars.ContextVar("pagecache_tags", default=None)


def register_expiry_hint(hint):
    EXPIRY_HINTS.append(hint)


def register_refresher(refresher):
    REFRESHERS.append(refresher)


def register_tagger(model, tagger):
    """`tagger(instance)` names the tags a save or delete of `instance` invalidates; return
    () for rows no public page shows (counters, blocklists)."""
    TAGGERS[model] = tagger


def depends_on(*tags):
    """The page being rendered shows what these tags stand for."""
    recorded = _recorded.get()
    if recorded is not None:
        recorded.update(tags)


def invalidate(*tags):
    """Drop every cached page that depended on any of these tags, now and again once the write
    commits (so a request that read the old rows in between cannot leave a stale page)."""
    tags = tuple(dict.fromkeys((*tags, UNDECLARED)))
    pagetags.change(tags)
    transaction.on_commit(lambda: pagetags.change(tags))


def bump():
    """Content changed in a way no tag describes: every cached page is stale."""
    invalidate(EVERYTHING)


def version():
    """Moves whenever every page is dropped (the blog identity is cached under it)."""
    return pagetags.versions([EVERYTHING])[0]


def _key(request):
    raw = f"{request.get_host()}|{request.get_full_path()}".encode()
    return f"pagecache:{hashlib.sha256(raw).hexdigest()}"


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


def _fresh(entry_tags):
    tags = [tag for tag, _version in entry_tags]
    return [version for _tag, version in entry_tags] == pagetags.versions(tags)


def page_cache(get_response):
    def middleware(request):
        if not _eligible(request):
            return get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None and _fresh(stored[2]):
            content, headers, *_rest = stored
            fastpages.served_from_cache(key, stored)
            for refresh in REFRESHERS:
                content = refresh(content)
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["Content-Length"] = len(content)  # as CommonMiddleware gives a miss
            response["X-Page-Cache"] = "hit"
            return response
        token = _recorded.set(set())
        try:
            response = get_response(request)
            recorded = _recorded.get()
        finally:
            _recorded.reset(token)
        if _storable(request, response):
            tags = [EVERYTHING, *(sorted(recorded) or [UNDECLARED])]
            # Versions read after rendering: a change during it leaves a stale-looking entry
            # (dropped at the next read) rather than a stale page that looks fresh.
            entry_tags = tuple(zip(tags, pagetags.versions(tags), strict=True))
            headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
            timeout = _timeout()
            # The expiry travels with the entry: core/fastpages.py replays it until then.
            entry = (response.content, headers, entry_tags, time.time() + timeout)
            cache.set(key, entry, timeout=timeout)
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


def content_changed(sender, instance=None, action=None, **kwargs):
    """post_save, post_delete and m2m_changed: invalidate what the changed row's tagger names
    (for a many-to-many change, the tagger of the row whose relation changed)."""
    if action is not None and not action.startswith("post_"):
        return
    if sender._meta.app_label not in CONTENT_APPS:
        return
    tagger = TAGGERS.get(sender if action is None else type(instance))
    if tagger is None:
        bump()
    elif tags := tuple(tagger(instance)):
        invalidate(*tags)
