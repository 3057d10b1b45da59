"""After all posts are in: links between imported posts that still name an old address
(a post can link to one imported after it) are pointed straight at the new permalink, so
readers skip the redirect. Links to drafts keep the old address: it redirects once the
draft is published."""

import re

from django.db import transaction

from grassroots.blog import services as blog
from grassroots.blog.models import Page
from grassroots.blog.pages import page_update
from grassroots.transfer.models import OldAddress, address_key
from grassroots.transfer.reading import records
from grassroots.transfer.reading.redirects import normalise_url

MARKDOWN_LINK = re.compile(r"(\]\()(/[^)\s]*)")


def _new_url(old, cache):
    if old not in cache:
        address = OldAddress.objects.filter(key=address_key(normalise_url(old))).first()
        target = records.target(address.item) if address else None
        public = getattr(target, "status", "published") == "published"
        url = target.get_absolute_url() if target is not None and public else None
        cache[old] = url if url and hasattr(target, "get_absolute_url") else None
    return cache[old]


def _rewrite(body, cache):
    count = 0

    def swap(match):
        nonlocal count
        url = _new_url(match.group(2), cache)
        if url is None or url == match.group(2):
            return match.group(0)
        count += 1
        return match.group(1) + url

    return MARKDOWN_LINK.sub(swap, body), count


def relink(items):
    """items: ImportedItems of posts whose text links to the old site. Returns how many
    links now point at the new address."""
    cache, changed = {}, 0
    for item in items:
        post = records.target(item)
        if post is None:
            continue
        body, count = _rewrite(post.body, cache)
        if not count:
            continue
        with transaction.atomic():
            if isinstance(post, Page):
                page_update(page=post, body=body)
            else:
                blog.post_update(post=post, body=body)
            records.remember(item.source, item.kind, item.source_id, post, digest=item.digest)
        changed += count
    return changed
