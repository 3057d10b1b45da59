"""Writes to photos. Pixels are cleaned and encoded in memory before anything touches
storage; what is written is read back and checked clean; on any failure nothing stays."""

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.audit import audit_record
from grassroots.photos import faces, hooks, inspection, limits, usage
from grassroots.photos.models import Photo
from grassroots.photos.refusals import Refused

logger = logging.getLogger(__name__)


def read_capped(file):
    """The bytes of an uploaded or opened file, refusing past the limit without reading it
    all (a 10 GB upload costs one chunk of memory, not 10 GB)."""
    cap = limits.max_bytes()
    size = getattr(file, "size", None)
    if size is not None and size > cap:
        raise Refused("too_large_file")
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(cap + 1)
    if len(data) > cap:
        raise Refused("too_large_file")
    return data


def _write_checked(encoded):
    """Write every file of `encoded`, read each back through storage and check it. Returns
    the names; deletes them all and refuses if any is not clean."""
    written = []
    try:
        for name, data in encoded.files():
            saved = default_storage.save(name, ContentFile(data))
            written.append(saved)
            if saved != name:
                raise Refused("not_clean")
        for name in written:
            with default_storage.open(name, "rb") as stored:
                if inspection.metadata_problems(stored.read()):
                    raise Refused("not_clean")
    except BaseException:
        _delete_files(written)
        raise
    return written


def _delete_files(names):
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # already gone, or the bucket refused: nothing more we can do here
            logger.warning("could not delete a photo file")


def _apply(photo, encoded, written):
    photo.image.name = written[0]
    photo.width, photo.height = encoded.width, encoded.height
    photo.renditions = [
        {
            "width": width,
            "height": height,
            "jpeg": f"photos/{encoded.token}/{width}w.jpg",
            "webp": f"photos/{encoded.token}/{width}w.webp",
        }
        for width, height, _jpeg, _webp in encoded.renditions
    ]
    photo.checked_clean_at = timezone.now()
    photo.checked_files = len(written)


def _detect(image):
    return faces.detect(image)


def photo_upload(
    *,
    file=None,
    data=None,
    title="",
    alt_text="",
    caption="",
    credit="",
    blur_faces=False,
    regions=(),
    actor=None,
):
    """A new Photo from an upload (file-like or bytes). Raises Refused with a translated
    message; then nothing is stored. The original bytes are dropped once decoded."""
    from grassroots.photos import imaging  # Pillow and numpy: docs/performance.md

    if data is None:
        data = read_capped(file)
    cleaned = imaging.decode(data, **limits.decode_limits())
    del data
    image = cleaned.image
    regions = list(regions)
    if blur_faces:
        regions += _detect(image)
    if regions:
        image = imaging.blur(image, regions)
    encoded = imaging.encode(image)
    photo = Photo(
        title=title.strip(),
        alt_text=alt_text.strip(),
        caption=caption.strip(),
        credit=credit.strip(),
        removed=cleaned.removed,
        source_format=cleaned.source_format,
        blurred_regions=len(regions),
    )
    photo.full_clean(exclude=["image"])
    written = _write_checked(encoded)
    try:
        with transaction.atomic():
            _apply(photo, encoded, written)
            photo.save()
    except BaseException:
        _delete_files(written)
        raise
    _audit(actor, "photo.upload", photo)
    return photo


def _changed(pk):
    hooks.photo_changed.send(sender=Photo, pk=pk)


def _audit(actor, action, photo, detail=""):
    if actor is not None:
        audit_record(actor=actor, action=action, target=photo, label=f"#{photo.pk}", detail=detail)


def photo_upload_batch(*, files, credit="", blur_faces=False, actor=None):
    """[(file name, photo or None, message)] for each file; a refusal never stops the others.
    The file name is for the message now; it is not stored."""
    results = []
    for file in files:
        try:
            photo = photo_upload(file=file, credit=credit, blur_faces=blur_faces, actor=actor)
            results.append((file.name, photo, ""))
        except Refused as refusal:
            results.append((file.name, None, refusal.message))
        except faces.DetectorUnavailable:
            results.append((file.name, None, _("Face detection is not installed.")))
    return results


@transaction.atomic
def photo_update(*, photo, **fields):
    """Change title, alt text, caption or credit; pages showing the photo are rendered again."""
    changed = []
    for name in ("title", "alt_text", "caption", "credit"):
        if name in fields:
            setattr(photo, name, (fields.pop(name) or "").strip())
            changed.append(name)
    if fields:
        raise TypeError(f"photo_update cannot change {sorted(fields)}")
    photo.full_clean(exclude=["image"])
    # Only these fields: two requests for one photo (its alt text typed, then its caption)
    # must not write back each other's stale values.
    photo.save(update_fields=[*changed, "updated_at"])
    _changed(photo.pk)
    return photo


@transaction.atomic
def photo_update_many(*, changes):
    """[(photo, {field: value})]: all saved, or none when one is refused."""
    return [photo_update(photo=photo, **fields) for photo, fields in changes]


def photo_blur(*, photo, regions, actor=None):
    """Blur regions (x, y, w, h in master pixels) into every stored file of the photo: a
    new master and renditions are written under new names and the old files deleted, so no
    unblurred copy remains. Irreversible on purpose."""
    from grassroots.photos import imaging  # Pillow and numpy: docs/performance.md

    regions = [tuple(region) for region in regions]
    if not regions:
        return photo
    with default_storage.open(photo.image.name, "rb") as master:
        cleaned = imaging.decode(master.read(), **limits.decode_limits())
    encoded = imaging.encode(imaging.blur(cleaned.image, regions))
    old_names = photo.stored_names()
    written = _write_checked(encoded)
    try:
        with transaction.atomic():
            _apply(photo, encoded, written)
            photo.blurred_regions += len(regions)
            photo.face_suggestions = []
            photo.save()
            _changed(photo.pk)
    except BaseException:
        _delete_files(written)
        raise
    _delete_files(old_names)
    _audit(actor, "photo.blur", photo, detail=f"{len(regions)}")
    return photo


def photo_replace(*, photo, file=None, data=None, actor=None):
    """New pixels for the same photo: every page that shows it shows the new picture, with
    its words (title, alt text, caption) kept. The new upload goes through the same cleaning
    as any upload; the old files are deleted. Earlier blurring belonged to the old pixels."""
    from grassroots.photos import imaging  # Pillow and numpy: docs/performance.md

    if data is None:
        data = read_capped(file)
    cleaned = imaging.decode(data, **limits.decode_limits())
    del data
    encoded = imaging.encode(cleaned.image)
    old_names = photo.stored_names()
    written = _write_checked(encoded)
    try:
        with transaction.atomic():
            _apply(photo, encoded, written)
            photo.removed, photo.source_format = cleaned.removed, cleaned.source_format
            photo.blurred_regions, photo.face_suggestions = 0, []
            photo.save()
            _changed(photo.pk)
            _audit(actor, "photo.replace", photo)
    except BaseException:
        _delete_files(written)
        raise
    _delete_files(old_names)
    return photo


def photo_suggest_faces(*, photo):
    """Ask the offline detector for faces; store its rectangles for the editor to adjust."""
    from grassroots.photos import imaging  # Pillow and numpy: docs/performance.md

    with default_storage.open(photo.image.name, "rb") as master:
        cleaned = imaging.decode(master.read(), **limits.decode_limits())
    photo.face_suggestions = [list(region) for region in _detect(cleaned.image)]
    photo.save(update_fields=["face_suggestions", "updated_at"])
    return photo.face_suggestions


def photo_delete(*, photo, actor=None):
    """Delete the photo and its files; drafts that showed it are rendered without it. Refused
    (PhotoInUse, listing them) while a published or scheduled page shows it."""
    names, pk = photo.stored_names(), photo.pk
    with transaction.atomic():
        blocking = [use for use in usage.uses_of([pk])[pk] if use.public]
        if blocking:
            raise usage.PhotoInUse(blocking)
        _audit(actor, "photo.delete", photo)
        photo.delete()
        _changed(pk)
    _delete_files(names)
