"""A post's approved comments as HTML, rendered once per change and kept in the cache.

Rendering 50 comments was most of a post page's time for readers the page cache does not
serve (a reader with a cookie, a page just invalidated). The thread is the same for every
reader, so its HTML is kept with the versions of the page cache's dependency tags
(core/pagetags.py) it was rendered under: "post:<id>" moves with every comment shown on the
post (and with the post), "all" with the blog identity. A copy whose versions differ from
the current ones is never used, and the next one replaces it (one entry per post, language,
time zone and open/closed state, however often the thread changes). What differs per
reader (their own held comments, the form and its token, Edit links on their own recent
comments) is not in it."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from grassroots.comments import selectors
from grassroots.core import pagecache, pagetags

TIMEOUT = 24 * 3600


@dataclass
class Thread:
    count: int
    html: SafeString
    # {comment id: created_at}: whether the reader's own comments may still be edited,
    # without loading them again.
    written: dict


def _key(post, *, closed):
    parts = (
        post.pk,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        int(closed),
        settings.GRASSROOTS_COMMENT_MAX_DEPTH,
    )
    return "comments:thread:" + ":".join(map(str, parts))


def render(post, *, closed, editable=frozenset()):
    """The thread rendered now: one query. `editable`: ids that get Edit and Delete links."""
    comments = selectors.comment_list_public(post)
    for comment in comments:
        comment.editable = comment.pk in editable
    html = render_to_string(
        "comments/_thread.html",
        {
            "comments": comments,
            "closed": closed,
            "max_depth": settings.GRASSROOTS_COMMENT_MAX_DEPTH,
        },
    )
    written = {comment.pk: comment.created_at for comment in comments}
    return Thread(count=len(comments), html=mark_safe(html), written=written)  # noqa: S308 - our template's output


def thread_html(post, *, closed):
    """The thread for any reader, from the cache when nothing it shows has changed."""
    # Versions read before the comments: a change while this renders leaves a copy with
    # the old versions, which no later reader uses.
    versions = pagetags.versions([f"post:{post.pk}", pagecache.EVERYTHING])
    key = _key(post, closed=closed)
    found = cache.get(key)
    if found is not None and found[0] == versions:
        _versions, count, html, written = found
        return Thread(count=count, html=mark_safe(html), written=written)  # noqa: S308 - ours
    thread = render(post, closed=closed)
    cache.set(key, (versions, thread.count, str(thread.html), thread.written), TIMEOUT)
    return thread
