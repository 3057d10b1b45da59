"""Writes to posts, authors and tags. Every write validates, renders and saves atomically."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.audit import audit_record
from grassroots.blog import access
from grassroots.blog.models import Author, Post, PostSlugHistory, Tag
from grassroots.core.text import ascii_slug, lead_text, markdown_to_html, plain_text

EXCERPT_LENGTH = 280


def unique_slug(model, text, *, exclude_pk=None, max_length=200):
    """A slug from `text` that no other row of `model` uses: "title", "title-2", "title-3"…
    Empty when the text has no letters or digits in any script."""
    base = ascii_slug(text, max_length=max_length - 4)
    if not base:
        return ""
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def author_create(*, display_name, slug=None, bio="", user=None):
    author = Author(
        display_name=display_name,
        slug=slug or unique_slug(Author, display_name, max_length=120),
        bio=bio,
        user=user,
    )
    author.full_clean()
    author.save()
    return author


@transaction.atomic
def tag_get_or_create(*, name):
    tag = Tag.objects.filter(name__iexact=name.strip()).first()
    if tag:
        return tag
    tag = Tag(name=name.strip(), slug=unique_slug(Tag, name, max_length=100))
    tag.full_clean()
    tag.save()
    return tag


def _render(post):
    """Everything derived from the Markdown source, stored so pages never recompute it."""
    post.body_html = markdown_to_html(post.body)
    post.body_text = plain_text(post.body)
    if not post.excerpt_written or not post.excerpt.strip():
        post.excerpt_written = False
        post.excerpt = lead_text(post.body, limit=EXCERPT_LENGTH)


def post_render(*, post):
    """Fill in the stored HTML, plain text and excerpt from the Markdown source without
    saving: for a caller that saves the row itself (a restore that keeps ids and dates) or
    shows it unsaved (the studio's preview of pending changes)."""
    _render(post)
    return post


def _store(post, *, authors=None, tags=None):
    """Fill in what staff may leave empty, validate, save, keep the old permalink alive."""
    if post.status == Post.Status.PUBLISHED and post.published_at is None:
        post.published_at = timezone.now()
    if not post.slug:
        post.slug = unique_slug(Post, post.title, exclude_pk=post.pk)
    _render(post)
    old_slug = (
        Post.objects.filter(pk=post.pk).values_list("slug", flat=True).first() if post.pk else None
    )
    post.full_clean()
    if authors is not None and not list(authors):
        raise ValidationError({"authors": _("A post needs at least one author.")})
    post.save()
    if old_slug and old_slug != post.slug:
        # The old address keeps working (301); a slug the post takes back is live again.
        PostSlugHistory.objects.update_or_create(slug=old_slug, defaults={"post": post})
    PostSlugHistory.objects.filter(slug=post.slug).delete()
    if authors is not None:
        post.authors.set(authors)
    if tags is not None:
        post.tags.set(tags)
    return post


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
    language="",
    translation_of=None,
    actor=None,
):
    """A new post. With an `actor` (a signed-in person) the role and object rules apply
    (blog/access.py) and publishing it is recorded in the audit log."""
    post = Post(
        title=title,
        slug=slug or "",
        body=body,
        excerpt=excerpt,
        excerpt_written=bool(excerpt.strip()),
        status=status,
        published_at=published_at,
        comments_open=comments_open,
        cover=cover,
        language=language,
        translation_of=translation_of,
    )
    access.post_check_change(
        user=actor,
        post=Post(),
        data={"status": status, "published_at": published_at, "authors": authors, "slug": slug},
    )
    _store(post, authors=authors, tags=tags)
    _audit_publishing(actor, post, before_status=Post.Status.DRAFT)
    return post


def _audit_publishing(actor, post, *, before_status):
    action = access.publishing_action(before_status=before_status, after=post)
    if actor is not None and action:
        audit_record(actor=actor, action=action, target=post)


@transaction.atomic
def post_update(*, post, actor=None, **fields):
    """Change any fields (authors= and tags= take lists). A changed slug or date keeps the
    old permalink answering with a redirect. With an `actor`, the role and object rules
    apply (blog/access.py) and publishing changes are recorded in the audit log."""
    access.post_check_change(user=actor, post=post, data=fields)
    before_status = post.status
    authors = fields.pop("authors", None)
    tags = fields.pop("tags", None)
    if "excerpt" in fields:
        post.excerpt_written = bool((fields["excerpt"] or "").strip())
    for name, value in fields.items():
        setattr(post, name, value)
    _store(post, authors=authors, tags=tags)
    _audit_publishing(actor, post, before_status=before_status)
    return post


@transaction.atomic
def post_save_from_form(*, post, actor=None):
    """The admin's save (Administrators only): the form has set the fields; the m2m rows
    follow via the form. A change of publishing state is recorded for the `actor`."""
    before = Post.objects.filter(pk=post.pk).values_list("status", flat=True).first()
    _store(post)
    _audit_publishing(actor, post, before_status=before or Post.Status.DRAFT)
    return post


@transaction.atomic
def post_rerender(*, post):
    """Render the stored HTML again, e.g. after a photo's alt text or caption changed."""
    _render(post)
    post.save(update_fields=["body_html", "body_text", "excerpt", "excerpt_written", "updated_at"])
    return post


def post_publish(*, post, published_at=None, actor=None):
    return post_update(
        post=post,
        actor=actor,
        status=Post.Status.PUBLISHED,
        published_at=published_at or post.published_at or timezone.now(),
    )


def post_unpublish(*, post, actor=None):
    return post_update(post=post, actor=actor, status=Post.Status.DRAFT)


@transaction.atomic
def post_delete(*, post, actor=None):
    """Delete a post; with an `actor`, only when their role and the post allow it."""
    access.post_check_delete(user=actor, post=post)
    if actor is not None:
        audit_record(actor=actor, action="post.delete", target=post)
    post.delete()
