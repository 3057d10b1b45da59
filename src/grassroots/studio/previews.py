"""Previews as readers will see them: a pending revision rendered in memory (never saved
over the public post), and private links that expire, signed so no table is needed."""

import copy

from django.core import signing

from grassroots.blog.selectors import post_get_for_preview
from grassroots.core.text import markdown_to_html, plain_text

SALT = "grassroots.studio.preview"
SHARE_DAYS = 7


def as_readers_will_see(post):
    """The post with its pending changes applied, unsaved; the post itself otherwise."""
    if not post.pending_id:
        return post
    revision = post.pending
    shown = copy.copy(post)
    shown.title, shown.body, shown.excerpt = revision.title, revision.body, revision.excerpt
    shown.cover = revision.cover
    shown.body_html = markdown_to_html(revision.body)
    shown.body_text = plain_text(revision.body)
    return shown


def share_token(post):
    return signing.dumps({"post": post.pk, "v": post.version}, salt=SALT, compress=True)


def post_for_token(token):
    """The post a private link shows, or None when the link is wrong or older than a week."""
    try:
        data = signing.loads(token, salt=SALT, max_age=SHARE_DAYS * 24 * 60 * 60)
    except signing.BadSignature:
        return None
    return post_get_for_preview(pk=data.get("post"))
