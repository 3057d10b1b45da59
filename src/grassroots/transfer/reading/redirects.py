"""The old site's addresses answer with a 301 to the new pages.

A small middleware placed before the page cache: `/?p=12`, `/?page_id=3`, `/?attachment_id=9`
(and `?cat=`, `?tag=`, `?author=`) are looked up before any page is served, because they sit
on the home page's URL, whose cached copy must not answer them; every other old address
(date permalinks, /category/…/, /tag/…/, /author/…/, attachment pages) is looked up only
when the new site has nothing there (a 404, or Django's redirect that adds a slash), so a
normal page costs no query. Redirects
are never stored by the page cache (it keeps only 200s)."""

from urllib.parse import parse_qsl, unquote, urlsplit

from django.http import HttpResponsePermanentRedirect

from grassroots.transfer.models import OldAddress, address_key

QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author")


def normalise(path, query=""):
    """One spelling per address: decoded, lower case, no trailing slash, and of the query only
    the one WordPress parameter that names the item (`/?p=12`)."""
    path = unquote(path or "/").lower()
    while "//" in path:
        path = path.replace("//", "/")
    path = path.rstrip("/") or "/"
    for key, value in parse_qsl(query or "", keep_blank_values=False):
        if key in QUERY_KEYS and value.strip():
            return f"{path}?{key}={value.strip().lower()}"
    return path


def normalise_url(url):
    parts = urlsplit(url or "")
    return normalise(parts.path, parts.query)


def _target_url(item):
    from grassroots.transfer.reading.records import target

    obj = target(item)
    if obj is None:
        return None
    if getattr(obj, "is_public", True) is False:
        return None  # a draft or a post not yet due: no hint that it exists
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    if hasattr(obj, "rendition_url"):
        return obj.rendition_url() or None
    return None


def lookup(path, query=""):
    address = normalise(path, query)
    old = (
        OldAddress.objects.select_related("item", "item__content_type")
        .filter(key=address_key(address))
        .first()
    )
    if old is None:
        return None
    url = _target_url(old.item)
    if url is None or normalise(url) == normalise(path):
        return None
    return url


def names_item(query):
    return any(key in QUERY_KEYS for key, _value in parse_qsl(query or ""))


def _adds_slash(request, response):
    """Django's APPEND_SLASH redirect: an old permalink without its slash whose date differs
    here (another time zone) would take two hops; one is enough."""
    if response.status_code != 301 or request.path.endswith("/"):
        return False
    return urlsplit(response.get("Location", "")).path == request.path + "/"


def old_addresses(get_response):
    def middleware(request):
        if request.method not in {"GET", "HEAD"}:
            return get_response(request)
        query = request.META.get("QUERY_STRING", "")
        if names_item(query):
            url = lookup(request.path, query)
            if url:
                return HttpResponsePermanentRedirect(url)
        response = get_response(request)
        if response.status_code == 404 or _adds_slash(request, response):
            url = lookup(request.path)
            if url:
                return HttpResponsePermanentRedirect(url)
        return response

    return middleware
