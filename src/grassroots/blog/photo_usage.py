"""Which posts show which photos, told to the photos app through its registry
(photos/usage.py), so that photos never import the blog: the photo library lists where each
photo is used, and a photo on a published post is not deleted."""

import re

from django.db.models import Q

from grassroots.blog.models import Post
from grassroots.photos import usage
from grassroots.photos.usage import Use

PHOTO_REF = re.compile(r"photo:(\d+)(?!\d)")


def posts_using_photos(*, photo_ids):
    """{photo_id: [Post, ...]} in one query, covers included: their pages show the photo.
    The pattern is POSIX-style so SQLite (Django's REGEXP) and PostgreSQL read it alike:
    photo:1 must not match photo:12."""
    wanted = {int(pk) for pk in photo_ids}
    found = {pk: [] for pk in wanted}
    if not wanted:
        return found
    alternatives = "|".join(str(pk) for pk in sorted(wanted))
    posts = (
        Post.objects.filter(
            Q(cover_id__in=wanted) | Q(body__regex=rf"photo:({alternatives})([^0-9]|$)")
        )
        .only("title", "slug", "status", "published_at", "created_at", "cover_id", "body")
        .order_by("-published_at", "-pk")
    )
    for post in posts:
        used = {int(n) for n in PHOTO_REF.findall(post.body)} | {post.cover_id}
        for pk in used & wanted:
            found[pk].append(post)
    return found


def photo_uses(photo_ids):
    return {
        pk: [
            Use(
                title=post.title,
                state=post.state,
                public=post.status == Post.Status.PUBLISHED,
                url=post.get_absolute_url() if post.is_public else "",
            )
            for post in posts
        ]
        for pk, posts in posts_using_photos(photo_ids=photo_ids).items()
    }


def connect():
    usage.register_finder(photo_uses)
