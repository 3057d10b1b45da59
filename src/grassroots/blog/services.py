"""Writes to posts, authors and tags. Every write validates, renders and saves atomically."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from grassroots.blog.models import Author, Post
from grassroots.core.text import markdown_to_html, plain_text


@transaction.atomic
def author_create(*, display_name, slug=None, bio="", user=None):
    author = Author(
        display_name=display_name, slug=slug or slugify(display_name), bio=bio, user=user
    )
    author.full_clean()
    author.save()
    return author


@transaction.atomic
def post_create(
    *,
    title,
    body,
    authors,
    status=Post.Status.DRAFT,
    published_at=None,
    slug=None,
    excerpt="",
    tags=(),
    comments_open=True,
    cover=None,
):
    if status == Post.Status.PUBLISHED and published_at is None:
        published_at = timezone.now()
    post = Post(
        title=title,
        slug=slug or slugify(title),
        body=body,
        excerpt=excerpt,
        status=status,
        published_at=published_at,
        comments_open=comments_open,
        cover=cover,
    )
    post.body_html = markdown_to_html(body)
    if not post.excerpt:
        post.excerpt = plain_text(body, limit=280)
    post.full_clean()
    post.save()
    post.authors.set(authors)
    post.tags.set(tags)
    return post
