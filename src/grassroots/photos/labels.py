"""Words for what inspection.py found in an upload and removed (the editor's proof)."""

from django.utils.translation import gettext_lazy as _

from grassroots.photos import inspection as found

# In the order the proof lists them: what puts people at risk first.
REMOVED = {
    found.GPS: _("GPS position"),
    found.SERIAL: _("camera or lens serial number"),
    found.OWNER: _("owner or artist name"),
    found.CAMERA: _("camera make and model"),
    found.DATES: _("date and time taken"),
    found.MAKER_NOTES: _("maker notes (camera-private data)"),
    found.XMP: _("XMP metadata"),
    found.IPTC: _("IPTC metadata"),
    found.COMMENT: _("embedded comment"),
    found.TEXT_CHUNKS: _("PNG text fields"),
    found.THUMBNAIL: _("embedded thumbnail"),
    found.EXTRA_IMAGES: _("extra images or frames (only the first is kept)"),
    found.SOFTWARE: _("editing software"),
    found.EXIF_OTHER: _("EXIF block"),
    found.ICC: _("colour profile (colours converted to sRGB)"),
    found.ORIENTATION: _("rotation flag (the photo was turned upright)"),
    found.FILE_NAME: _("original file name"),
}


def removed_labels(codes):
    codes = set(codes)
    return [str(label) for code, label in REMOVED.items() if code in codes]
