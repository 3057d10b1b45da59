"""Previews as readers will see them: a pending revision rendered in memory (never saved
over the public post or page), and private links that expire, signed so no table is
needed."""

import copy
from functools import reduce

from django.core import signing
from django.db.models import Q

from grassroots.blog.models import Post, Tag
from grassroots.blog.selectors import post_get_for_preview
from grassroots.blog.services import post_render
from grassroots.core.text import markdown_to_html, plain_text

SALT = "grassroots.studio.preview"
SHARE_DAYS = 7


def as_readers_will_see(owner):
    """The post or page with its pending changes applied, unsaved; itself otherwise."""
    if not owner.pending_id:
        return owner
    revision = owner.pending
    shown = copy.copy(owner)
    shown.title, shown.body = revision.title, revision.body
    if not isinstance(owner, Post):
        shown.body_html = markdown_to_html(revision.body)
        shown.body_text = plain_text(revision.body)
        return shown
    shown.excerpt, shown.excerpt_written = revision.excerpt, bool(revision.excerpt.strip())
    shown.cover = revision.cover
    post_render(post=shown)
    # The tags publishing will link (matched as publishing matches them), not today's.
    named = [Q(name__iexact=name.strip()) for name in revision.tags if name.strip()]
    tags = Tag.objects.filter(reduce(Q.__or__, named)) if named else Tag.objects.none()
    list(tags)  # evaluated once: post.tags.all in the template reads it from here
    shown._prefetched_objects_cache = {
        **getattr(owner, "_prefetched_objects_cache", {}),
        "tags": tags,
    }
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
