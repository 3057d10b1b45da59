"""Words for what imaging.py found in an upload and removed (the editor's proof)."""

from django.utils.translation import gettext_lazy as _

from grassroots.photos import imaging

REMOVED = {
    imaging.GPS: _("GPS position"),
    imaging.CAMERA: _("camera make and model"),
    imaging.SERIAL: _("camera or lens serial number"),
    imaging.OWNER: _("owner or artist name"),
    imaging.DATES: _("date and time taken"),
    imaging.SOFTWARE: _("editing software"),
    imaging.MAKER_NOTES: _("maker notes (camera-private data)"),
    imaging.THUMBNAIL: _("embedded thumbnail"),
    imaging.EXIF_OTHER: _("EXIF block"),
    imaging.XMP: _("XMP metadata"),
    imaging.IPTC: _("IPTC metadata"),
    imaging.COMMENT: _("embedded comment"),
    imaging.TEXT_CHUNKS: _("PNG text fields"),
    imaging.ICC: _("colour profile (colours converted to sRGB)"),
    imaging.EXTRA_IMAGES: _("extra images or frames (only the first is kept)"),
    imaging.ORIENTATION: _("rotation flag (the photo was turned upright)"),
    imaging.FILE_NAME: _("original file name"),
}

# Shown first: what puts people at risk.
ORDER = [
    imaging.GPS, imaging.SERIAL, imaging.OWNER, imaging.CAMERA, imaging.DATES,
    imaging.MAKER_NOTES, imaging.XMP, imaging.IPTC, imaging.COMMENT, imaging.TEXT_CHUNKS,
    imaging.THUMBNAIL, imaging.EXTRA_IMAGES, imaging.SOFTWARE, imaging.EXIF_OTHER,
    imaging.ICC, imaging.ORIENTATION, imaging.FILE_NAME,
]  # fmt: skip


def removed_labels(codes):
    codes = set(codes)
    return [str(REMOVED[code]) for code in ORDER if code in codes]
