"""Cache hits for readers without cookies, answered in front of Django (grassroots/wsgi.py).

A page-cache hit that walks Django's middleware stack spends most of its time there, not in
the cache: an MD5 ETag of the whole page, django-csp building its header, a dozen headers,
gzip, a new comment-form token. This layer keeps, per worker process, what the full stack
answered the last time it served a hit for the same request (the headers, in order, and the
cache entry's content) and replays it, so the answer is the one Django would give:

- the response is learnt only from a hit that went through every middleware, separately for
  each method, "accepts gzip" and 304, so headers and their order are Django's own;
- a replayed page is checked against the page cache's tag versions (the shared mmap file or
  Redis) and the entry's expiry on every request, so invalidation reaches it as it reaches
  the cache itself, across workers and servers;
- what changes with the clock is renewed once a second: the refreshers (a comment form's
  time token, whose time is whole seconds anyway), then the ETag and gzip of that copy, and
  `X-Accel-Expires`. Readers within one second share one form nonce, as they do behind the
  nginx recipe; the comment guard counts a nonce once per email (comments/guard.py).

Anything unusual (a cookie, credentials, a conditional header other than If-None-Match, a
query an app claims, the cache turned off) goes to Django as before."""

import contextlib
import contextvars
import hashlib
import re
import time

from django.conf import settings
from django.core.signals import setting_changed
from django.utils.http import parse_etags
from django.utils.text import compress_string

from grassroots.core import pagecache, pagetags

# Requests whose answer an app above the page cache may decide (an old ?p=12 address): a
# callable(path, query) -> True sends the request through Django.
BYPASS = []
# Learnt requests per worker: a site's busy pages (about 50 KB each, a post page with 50
# comments); a crawler walking the archive pushes out the oldest, never more than ~3 MB.
MAX_PAGES = 64
DYNAMIC = {"content-length", "etag", "x-accel-expires", "x-page-cache"}
_CONDITIONAL = ("HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE", "HTTP_IF_MODIFIED_SINCE")

# GZipMiddleware's test, compiled here: Django's is a lazy object, slower on every call.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")

_served = contextvars.ContextVar("fastpages_served", default=None)
_pages = {}  # request key -> Page


def register_bypass(predicate):
    BYPASS.append(predicate)


def served_from_cache(key, entry):
    """Called by the page cache on a hit: tells this layer which entry the answer came from."""
    slot = _served.get()
    if slot is not None:
        slot.append((key, entry))


class Page:
    """One cache entry as the full stack answered it, and its copy for the current second."""

    def __init__(self, cache_key, entry):
        self.cache_key = cache_key
        content, _headers, self.entry_tags, *rest = entry
        self.expires = rest[0] if rest else 0
        self.tags = [tag for tag, _version in self.entry_tags]
        self.versions = [version for _tag, version in self.entry_tags]
        self.templates = {}  # (gzip, status) -> [(name, value)]
        # Only the latest copy is kept (a page per worker, not two): refreshers renew what
        # must be fresh in any copy of the page, the last one as well as the stored one.
        self.copy = Copy(None, content)

    def fresh(self, now):
        return now < self.expires and pagetags.versions(self.tags) == self.versions

    def current(self, now):
        """This second's copy: refreshers run once a second, not per hit."""
        second = int(now)
        copy = self.copy
        if copy.second != second:
            content = copy.content
            for refresh in pagecache.REFRESHERS:
                content = refresh(content)
            copy = self.copy = Copy(second, content)
        return copy


class Copy:
    def __init__(self, second, content):
        self.second, self.content = second, content
        self.etag = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
        self.packed = None
        self.answers = {}  # (gzip, status) -> (template, headers, body)

    def gzipped(self):
        if self.packed is None:
            # Django's GZipMiddleware with its random padding, once a second instead of per hit.
            self.packed = compress_string(self.content, max_random_bytes=100)
        return self.packed


class Config:
    """The settings read on every request, read once (settings change only in tests)."""

    def __init__(self):
        proxy = settings.SECURE_PROXY_SSL_HEADER
        self.proxy_header = proxy[0] if proxy else "-"
        self.forwarded_host = "HTTP_X_FORWARDED_HOST" if settings.USE_X_FORWARDED_HOST else "-"
        self.on = settings.GRASSROOTS_PAGE_CACHE_SECONDS > 0 and not settings.DEBUG


_config = None


def _request_key(environ, config):
    # The raw values Django derives the scheme, host and path from: a page is replayed only
    # for the same inputs that Django answered, so its host check and redirects still hold.
    get = environ.get
    return (
        get("REQUEST_METHOD"),
        get("wsgi.url_scheme"),
        get(config.proxy_header),
        get("HTTP_HOST"),
        get(config.forwarded_host),
        get("SERVER_NAME"),
        get("SERVER_PORT"),
        get("SCRIPT_NAME"),
        get("PATH_INFO"),
        get("QUERY_STRING"),
        bool(ACCEPTS_GZIP.search(get("HTTP_ACCEPT_ENCODING", ""))),
    )


def _eligible(environ, config):
    if not config.on or environ.get("REQUEST_METHOD") not in {"GET", "HEAD"}:
        return False
    if "HTTP_COOKIE" in environ or "HTTP_AUTHORIZATION" in environ:
        return False
    if any(name in environ for name in _CONDITIONAL):
        return False
    query = environ.get("QUERY_STRING")
    return not query or not any(bypass(environ.get("PATH_INFO"), query) for bypass in BYPASS)


def _not_modified(environ, etag):
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if not if_none_match:
        return False
    etags = parse_etags(if_none_match)
    if etags == ["*"]:
        return True
    return etag.removeprefix("W/") in (tag.removeprefix("W/") for tag in etags)


def _answer(environ, start_response, key, page, now):
    gzip = key[-1]
    copy = page.current(now)
    conditional = environ["REQUEST_METHOD"] == "GET" and _not_modified(environ, copy.etag)
    status = 304 if conditional else 200
    template = page.templates.get((gzip, status))
    if template is None:
        return None
    # The headers are the same for every hit of this second: built once per copy.
    built = copy.answers.get((gzip, status))
    if built is None or built[0] is not template:
        built = copy.answers[(gzip, status)] = (template, *_build(copy, status, template))
    _template, headers, body = built
    if body is None:
        return None
    # A copy of the list: the server may keep what it is given.
    start_response("304 Not Modified" if status == 304 else "200 OK", list(headers))
    return [body]


def _build(copy, status, template):
    compressed, template = template
    body, etag = (b"" if status == 304 else copy.content), copy.etag
    if status == 200 and compressed:
        body = copy.gzipped()
        if len(body) >= len(copy.content):
            return None, None  # Django would have sent it uncompressed: let it
        etag = "W/" + etag
    dynamic = {
        "content-length": str(len(body)),
        "etag": etag,
        "x-accel-expires": f"@{copy.second}",
        "x-page-cache": "hit",
    }
    return [(name, dynamic.get(lower, value)) for name, lower, value in template], body


def _learn(key, environ, response, served):
    """Keep the headers the full stack gave a page-cache hit, for the next such request."""
    status = getattr(response, "status_code", None)  # a file wrapper has none
    if status not in {200, 304} or response.cookies or response.streaming:
        return
    if status == 200:
        if response.get("X-Page-Cache") != "hit" or not served:
            return
        cache_key, entry = served[-1]
        page = _pages.get(key)
        if page is None or page.cache_key != cache_key or page.entry_tags != entry[2]:
            page = Page(cache_key, entry)
    else:  # a 304 is learnt for a page whose 200 is known
        page = _pages.get(key)
        if page is None or not served:
            return
    if len(_pages) >= MAX_PAGES and key not in _pages:
        # Another thread may change the dict meanwhile: then it has made room itself.
        with contextlib.suppress(RuntimeError, KeyError, StopIteration):
            _pages.pop(next(iter(_pages)))
    headers = [(name, name.lower(), value) for name, value in response.items()]
    page.templates[(key[-1], status)] = ("Content-Encoding" in response, headers)
    _pages[key] = page


def fast_pages(application):
    """Wrap Django's WSGI application."""

    def serve(environ, start_response):
        global _config
        config = _config or (_config := Config())
        if not _eligible(environ, config):
            return application(environ, start_response)
        key = _request_key(environ, config)
        page = _pages.get(key)
        now = time.time()
        if page is not None:
            if page.fresh(now):
                answer = _answer(environ, start_response, key, page, now)
                if answer is not None:
                    return answer
            else:
                _pages.pop(key, None)
        served = []
        token = _served.set(served)
        try:
            response = application(environ, start_response)
        finally:
            _served.reset(token)
        _learn(key, environ, response, served)
        return response

    return serve


def forget(**kwargs):
    """Settings changed (tests): nothing learnt under the old ones may be replayed."""
    global _config
    _pages.clear()
    _config = None


setting_changed.connect(forget)
