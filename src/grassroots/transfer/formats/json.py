"""The Grassroots export (docs/export-format.md): one ZIP file holding `grassroots-export.json`
(everything a group owns, versioned) and the photo files under `media/`.

write() reads through the apps' models; read() restores into an empty site, keeping every
id so permalinks, `photo:12` references and comment anchors stay the same. The HTML in the
file is informative only: on import posts and comments are rendered again from their source,
so a crafted file cannot smuggle markup past our sanitiser."""

import json
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from grassroots.blog.models import Author, Blog, Post, PostSlugHistory, Tag
from grassroots.blog.selectors import blog_identity_forget
from grassroots.blog.services import _render as render_post
from grassroots.comments import guard
from grassroots.comments.models import Comment
from grassroots.comments.render import body_to_html
from grassroots.comments.services.moderation import recount_approved
from grassroots.photos import inspection
from grassroots.photos.models import Photo
from grassroots.transfer.errors import TransferError

FORMAT = "grassroots-export"
VERSION = 1
DOCUMENT = "grassroots-export.json"
MEDIA = "media/"

BLOG_FIELDS = [
    "organisation_name",
    "organisation_url",
    "title",
    "tagline",
    "language",
    "time_zone",
    "comment_policy",
    "comments_close_after_days",
    "commenter_email_retention_days",
]
PHOTO_FIELDS = ["alt_text", "caption", "credit", "width", "height", "renditions", "removed"]
PHOTO_FIELDS += ["source_format", "blurred_regions"]
PUBLIC_COMMENT = Comment.Status.APPROVED


def _time(value):
    return value.isoformat() if value else None


def _parse_time(value):
    if value in (None, ""):
        return None
    moment = parse_datetime(value)
    if moment is None or timezone.is_naive(moment):
        raise TransferError(_("Not a time with a zone: %(value)s") % {"value": value})
    return moment


def detect(path):
    """True when `path` is a Grassroots export (a ZIP holding our document)."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(DOCUMENT) as document:
            head = json.loads(document.read(1 << 20) or b"{}")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return False
    return isinstance(head, dict) and head.get("format") == FORMAT


# --- writing ---------------------------------------------------------------------------------


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


# --- reading ---------------------------------------------------------------------------------


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
    render_post(post)
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
