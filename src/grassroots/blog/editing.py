"""Editing a post in the studio: every save keeps a revision, names the version it started
from (a stale one is refused, never silently overwritten), and an edit to a public post
waits as a pending revision until "Publish changes"."""

from django.db import transaction
from django.utils import timezone

from grassroots.blog import services
from grassroots.blog.models import Author, Post, PostPhoto
from grassroots.blog.revisions import (
    EditConflict,  # noqa: F401 (the studio catches it here)
    changes_publish,
    changes_settle,
    revision_keep,
    revision_lock,
)

TEXT_FIELDS = ("title", "body", "excerpt", "tags", "cover")
SETTINGS_FIELDS = ("authors", "language", "comments_open", "slug")


def author_for_user(*, user):
    """The byline of this staff login, made on first use. Its name is the person's full
    name, or the organisation's: a login name is never shown to readers."""
    author = Author.objects.filter(user=user).first()
    if author:
        return author
    from grassroots.blog.selectors import blog_identity

    blog = blog_identity()
    name = user.get_full_name().strip() or blog.organisation_name or blog.title
    return services.author_create(display_name=name, user=user)


def _tags(names):
    return [services.tag_get_or_create(name=name) for name in names if name.strip()]


def _record(post, *, user, values, autosave):
    kept = dict(values, tags=[getattr(tag, "name", tag) for tag in values["tags"]])
    if not (post.excerpt_written or values["excerpt"]):
        kept["excerpt"] = ""
    public = _current(post, pending=False) if post.is_public else None
    return revision_keep(owner=post, user=user, values=kept, autosave=autosave, public=public)


def _current(post, *, pending=True):
    """The text the editor works on: the pending revision of a public post, or the post
    (with pending=False, always the post: what readers see)."""
    source = post.pending if pending and post.pending else None
    if source is None:
        written = post.excerpt_written
        tags = [tag.name for tag in post.tags.all()]
        return {
            "title": post.title,
            "body": post.body,
            "excerpt": post.excerpt if written else "",
            "tags": tags,
            "cover": post.cover,
        }
    return {
        "title": source.title,
        "body": source.body,
        "excerpt": source.excerpt,
        "tags": list(source.tags),
        "cover": source.cover,
    }


def post_editor_values(*, post):
    return _current(post)


@transaction.atomic
def post_start(*, user, title="", body=""):
    """A new draft with this person's byline (saved when they first type)."""
    # No revision yet: the save that follows at once keeps the first one.
    return services.post_create(
        actor=user,
        title=title,
        body=body,
        slug=services.unique_slug(Post, title) or services.unique_slug(Post, "untitled"),
        authors=[author_for_user(user=user)],
    )


@transaction.atomic
def post_edit(*, post, user, base_version, data, autosave=False, force=False):
    """Save the editor's fields. data: title, body, excerpt, tags (names), cover (Photo or
    None), and optionally authors, language, comments_open, slug. Raises EditConflict when
    the post moved on since `base_version` (unless force: the other text stays a revision)."""
    revision_lock(owner=post, base_version=base_version, force=force)
    values = {name: data[name] for name in TEXT_FIELDS if name in data}
    values["tags"] = _tags(values.get("tags", []))
    settings = {name: data[name] for name in SETTINGS_FIELDS if name in data}
    if settings.get("slug") == "" or (not post.is_public and "slug" not in data):
        # A draft's address follows its title until someone sets it.
        if not post.published_at:
            settings["slug"] = services.unique_slug(
                Post, values.get("title") or "untitled", exclude_pk=post.pk
            ) or services.unique_slug(Post, "untitled", exclude_pk=post.pk)
        else:
            settings.pop("slug", None)
    if post.is_public:  # the text waits as pending changes; settings apply now
        services.post_update(post=post, actor=user, **settings)
    else:
        services.post_update(post=post, actor=user, **settings, **values)
    _record(post, user=user, values=values, autosave=autosave)
    return post


def _apply(*, owner, revision, user):
    services.post_update(
        post=owner,
        actor=user,
        title=revision.title,
        body=revision.body,
        excerpt=revision.excerpt,
        tags=_tags(revision.tags),
        cover=revision.cover,
    )


@transaction.atomic
def post_publish_changes(*, post, user):
    """The pending revision becomes what readers see; permalink, date and comments stay."""
    return changes_publish(owner=post, user=user, apply=_apply)


@transaction.atomic
def post_discard_changes(*, post, user):
    return changes_settle(owner=post)


@transaction.atomic
def post_restore_revision(*, post, revision, user):
    """Bring back an older text as a new save (a public post gets it as pending changes)."""
    data = dict(revision.values(), tags=list(revision.tags))
    return post_edit(post=post, user=user, base_version=post.version, data=data)


@transaction.atomic
def post_set_status(*, post, user, status, published_at=None):
    """Publish (now, or scheduled at a future time) or take back to draft. Publishing
    clears a review; a pending revision is published with it."""
    changes_settle(owner=post, user=user, apply=_apply)
    if status == Post.Status.PUBLISHED:
        services.post_update(
            post=post,
            actor=user,
            status=status,
            published_at=published_at or timezone.now(),
            review_state="",
            review_note="",
        )
    else:
        services.post_update(post=post, actor=user, status=Post.Status.DRAFT)
    return post


@transaction.atomic
def post_photo_cards(*, post, add=(), remove=()):
    """Keep photos (ids) on the post's editor cards, or take them off: a card stays until
    its author removes it, whether the photo is in the text or not. Unknown ids are
    ignored; the photo itself stays in the library."""
    remove = {int(pk) for pk in remove}
    wanted = {int(pk) for pk in add} - remove
    if wanted:
        from grassroots.photos.models import Photo

        found = Photo.objects.filter(pk__in=wanted).values_list("pk", flat=True)
        cards = [PostPhoto(post=post, photo_id=pk) for pk in found]
        PostPhoto.objects.bulk_create(cards, ignore_conflicts=True)
    if remove:
        PostPhoto.objects.filter(post=post, photo_id__in=remove).delete()
