"""The Grassroots export (docs/export-format.md): one ZIP file holding `grassroots-export.json`
(everything a group owns, versioned) and the photo files under `media/`.

write() reads through the apps' models; read() restores into an empty site, keeping every
id so permalinks, `photo:12` references and comment anchors stay the same. The HTML in the
file is informative only: on import posts and comments are rendered again from their source,
so a crafted file cannot smuggle markup past our sanitiser."""

import json
import zipfile

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from grassroots.comments.models import Comment
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


# The halves import the names above, so they are loaded on first use.
def write(path, *, private=False):
    from grassroots.transfer.formats.json.writing import write

    return write(path, private=private)


def read(path):
    from grassroots.transfer.formats.json.reading import read

    return read(path)


def summary(path):
    from grassroots.transfer.formats.json.reading import summary

    return summary(path)
