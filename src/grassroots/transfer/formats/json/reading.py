"""Reading the export into an empty site, all or nothing, ids kept."""

import json
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.blog.models import Author, Blog, Post, PostSlugHistory, Tag
from grassroots.blog.selectors import blog_identity_forget
from grassroots.blog.services import post_render
from grassroots.comments import guard
from grassroots.comments.models import Comment
from grassroots.comments.render import body_to_html
from grassroots.comments.services.moderation import recount_approved
from grassroots.photos import inspection
from grassroots.photos.models import Photo
from grassroots.transfer.errors import TransferError
from grassroots.transfer.formats.json import (
    BLOG_FIELDS,
    DOCUMENT,
    FORMAT,
    MEDIA,
    PHOTO_FIELDS,
    PUBLIC_COMMENT,
    VERSION,
    _parse_time,
)


def site_is_empty():
    return not any(
        model.objects.exists() for model in (Post, Author, Tag, Photo, Comment, PostSlugHistory)
    )


def _load(archive):
    try:
        data = json.loads(archive.read(DOCUMENT))
    except (KeyError, ValueError):
        raise TransferError(
            _("This is not a Grassroots export: %(name)s is missing or broken.")
            % {"name": DOCUMENT}
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TransferError(_("This is not a Grassroots export."))
    if data.get("version") != VERSION:
        raise TransferError(
            _("This export has format version %(found)s; this Grassroots reads version %(ours)s.")
            % {"found": data.get("version"), "ours": VERSION}
        )
    return data


def read(path):
    """Restore an export into an empty site. All or nothing: on any problem the database is
    unchanged and the photo files written so far are removed. Returns the counts."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise TransferError(
            _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": error}
        ) from None
    with archive:
        data = _load(archive)
        if not site_is_empty():
            raise TransferError(
                _(
                    "This site already has content. Import a Grassroots export only into an "
                    "empty site."
                )
            )
        written = []
        try:
            with transaction.atomic():
                counts = _restore(data, archive, written)
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    blog_identity_forget()
    return counts


def _save(instance, **times):
    try:
        instance.full_clean(validate_unique=True)
    except ValidationError as error:
        raise TransferError(
            _("%(kind)s %(id)s in the export is not valid: %(problems)s")
            % {
                "kind": instance._meta.verbose_name,
                "id": instance.pk,
                "problems": "; ".join(error.messages),
            }
        ) from None
    instance.save(force_insert=True)
    stamps = {name: _parse_time(value) for name, value in times.items() if value}
    if stamps:
        # auto_now and auto_now_add overwrite on save: put the exported times back.
        type(instance).objects.filter(pk=instance.pk).update(**stamps)


def _restore(data, archive, written):
    if data.get("blog"):
        blog = Blog.objects.order_by("pk").first() or Blog()
        for name in BLOG_FIELDS:
            if name in data["blog"]:
                setattr(blog, name, data["blog"][name])
        blog.full_clean()
        blog.save()
    for row in data.get("authors", []):
        author = Author(
            pk=row["id"], display_name=row["display_name"], slug=row["slug"], bio=row.get("bio", "")
        )
        _save(author, created_at=row.get("created_at"), updated_at=row.get("updated_at"))
    for row in data.get("tags", []):
        _save(Tag(pk=row["id"], name=row["name"], slug=row["slug"]))
    for row in data.get("photos", []):
        _restore_photo(row, archive, written)
    posts = data.get("posts", [])
    for row in posts:
        _restore_post(row)
    _restore_comments(data.get("comments", []))
    recount_approved([row["id"] for row in posts])
    for row in posts:  # recount_approved and m2m writes moved updated_at
        if row.get("updated_at"):
            Post.objects.filter(pk=row["id"]).update(updated_at=_parse_time(row["updated_at"]))
    _reset_sequences()
    return {
        kind: len(data.get(kind, [])) for kind in ("authors", "tags", "photos", "posts", "comments")
    }


def _restore_photo(row, archive, written):
    photo = Photo(pk=row["id"], **{name: row[name] for name in PHOTO_FIELDS if name in row})
    names = [row["file"]] + [n for r in row.get("renditions", []) for n in (r["jpeg"], r["webp"])]
    for name in names:
        try:
            content = archive.read(MEDIA + name)
        except KeyError:
            raise TransferError(
                _("The photo file %(name)s is missing from the export.") % {"name": name}
            ) from None
        # Our own files are clean; a file from elsewhere must prove it before it is served.
        if inspection.metadata_problems(content):
            raise TransferError(
                _("The photo file %(name)s carries metadata; it was not imported.") % {"name": name}
            )
        saved = default_storage.save(name, ContentFile(content))
        written.append(saved)
        if saved != name:
            raise TransferError(
                _("A photo file named %(name)s is already stored.") % {"name": name}
            )
    photo.image.name = row["file"]
    photo.checked_clean_at = timezone.now()
    photo.checked_files = len(names)
    _save(photo, created_at=row.get("created_at"), updated_at=row.get("updated_at"))


def _restore_post(row):
    post = Post(
        pk=row["id"],
        title=row["title"],
        slug=row["slug"],
        status=row["status"],
        published_at=_parse_time(row.get("published_at")),
        body=row.get("body", ""),
        excerpt=row.get("excerpt", ""),
        excerpt_written=bool(row.get("excerpt", "").strip()),
        language=row.get("language", ""),
        comments_open=row.get("comments_open", True),
        cover_id=row.get("cover"),
    )
    post_render(post=post)
    _save(post, created_at=row.get("created_at"))
    post.authors.set(row.get("authors", []))
    post.tags.set(row.get("tags", []))
    for slug in row.get("old_slugs", []):
        PostSlugHistory.objects.create(post=post, slug=slug)


def _restore_comments(rows):
    known = set()
    for row in sorted(rows, key=lambda r: r["id"]):
        parent = row.get("parent") if row.get("parent") in known else None
        email = row.get("email", "")
        comment = Comment(
            pk=row["id"],
            post_id=row["post"],
            parent_id=parent,
            depth=0,
            name=row["name"],
            email=email,
            email_key=guard.email_key(email),
            website=row.get("website", ""),
            body=row["body"],
            body_html=body_to_html(row["body"]),
            status=row.get("status", PUBLIC_COMMENT),
            fingerprint=guard.fingerprint(row["body"]),
            notify_replies=bool(row.get("notify_replies")),
            notify_confirmed_at=_parse_time(row.get("notify_confirmed_at")),
            edited_at=_parse_time(row.get("edited_at")),
        )
        if parent:
            comment.depth = Comment.objects.get(pk=parent).depth + 1
        comment.full_clean(exclude=["form_nonce", "email_key"])
        comment.save(force_insert=True)
        if row.get("created_at"):
            Comment.objects.filter(pk=comment.pk).update(created_at=_parse_time(row["created_at"]))
        known.add(comment.pk)


def _reset_sequences():
    """Rows came with their ids: PostgreSQL's sequences must move past them (SQLite needs
    nothing), or the next post would collide with an imported one."""
    from django.core.management.color import no_style

    models = [Author, Tag, Photo, Post, PostSlugHistory, Comment, Blog]
    for sql in connection.ops.sequence_reset_sql(no_style(), models):
        with connection.cursor() as cursor:
            cursor.execute(sql)


def summary(path):
    """What read() would restore, counted, without writing anything (for --dry-run)."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise TransferError(
            _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": error}
        ) from None
    with archive:
        data = _load(archive)
    return {key: len(rows) for key, rows in data.items() if isinstance(rows, list)}
