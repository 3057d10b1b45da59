"""Writing the export: the document from the apps' models, then the photo files."""

import json
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from grassroots.blog.models import Author, Blog, Post, Tag
from grassroots.comments.models import Comment
from grassroots.photos.models import Photo
from grassroots.transfer.formats.json import (
    BLOG_FIELDS,
    DOCUMENT,
    FORMAT,
    MEDIA,
    PHOTO_FIELDS,
    PUBLIC_COMMENT,
    VERSION,
    _time,
)


def document(*, private=False):
    """The export as plain data. Without `private`: approved comments only, and no emails."""
    blog = Blog.objects.order_by("pk").first()
    statuses = list(Comment.Status.values) if private else [PUBLIC_COMMENT]
    comments = Comment.objects.filter(status__in=statuses).order_by("pk")
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": "Grassroots",
        "exported_at": _time(timezone.now()),
        "site_url": settings.SITE_URL,
        "private": private,
        "blog": {name: getattr(blog, name) for name in BLOG_FIELDS} if blog else None,
        "authors": [
            {"id": a.pk, "display_name": a.display_name, "slug": a.slug, "bio": a.bio}
            | {"created_at": _time(a.created_at), "updated_at": _time(a.updated_at)}
            for a in Author.objects.order_by("pk")
        ],
        "tags": [{"id": t.pk, "name": t.name, "slug": t.slug} for t in Tag.objects.order_by("pk")],
        "photos": [_photo(photo) for photo in Photo.objects.order_by("pk")],
        "posts": [
            _post(post)
            for post in Post.objects.order_by("pk").prefetch_related("authors", "tags", "old_slugs")
        ],
        # Pages and revisions have no models yet; the lists keep their place in the format.
        "pages": [],
        "revisions": [],
        "comments": [_comment(c, private=private) for c in comments],
    }


def _photo(photo):
    return {
        "id": photo.pk,
        "file": photo.image.name,
        **{name: getattr(photo, name) for name in PHOTO_FIELDS},
        "created_at": _time(photo.created_at),
        "updated_at": _time(photo.updated_at),
    }


def _post(post):
    return {
        "id": post.pk,
        "title": post.title,
        "slug": post.slug,
        "status": post.status,
        "published_at": _time(post.published_at),
        "created_at": _time(post.created_at),
        "updated_at": _time(post.updated_at),
        "body": post.body,
        "body_html": post.body_html,
        "excerpt": post.excerpt if post.excerpt_written else "",
        "language": post.language,
        "comments_open": post.comments_open,
        "cover": post.cover_id,
        "authors": [author.pk for author in post.authors.all()],
        "tags": [tag.pk for tag in post.tags.all()],
        "old_slugs": [old.slug for old in post.old_slugs.all()],
    }


def _comment(comment, *, private):
    row = {
        "id": comment.pk,
        "post": comment.post_id,
        "parent": comment.parent_id,
        "name": comment.name,
        "website": comment.website,
        "body": comment.body,
        "body_html": comment.body_html,
        "status": comment.status,
        "created_at": _time(comment.created_at),
        "edited_at": _time(comment.edited_at),
    }
    if private:
        row |= {
            "email": comment.email,
            "notify_replies": comment.notify_replies,
            "notify_confirmed_at": _time(comment.notify_confirmed_at),
        }
    return row


def write(path, *, private=False):
    """Write the export to `path`; returns the counts per kind."""
    data = document(private=private)
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DOCUMENT, json.dumps(data, ensure_ascii=False, indent=1))
        for photo in Photo.objects.order_by("pk"):
            for name in photo.stored_names():
                with default_storage.open(name, "rb") as stored:
                    # Already re-encoded and compressed: storing saves the CPU.
                    archive.writestr(MEDIA + name, stored.read(), zipfile.ZIP_STORED)
    partial.replace(path)
    return {kind: len(data[kind]) for kind in ("authors", "tags", "photos", "posts", "comments")}
