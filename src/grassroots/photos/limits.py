"""The operator's limits for uploads (docs/settings.md), in the units imaging.py takes."""

from django.conf import settings

MAX_FRAMES = 200
# Media paths never served to readers: the full-size master each rendition is made from.
MASTER_PATTERN = r"photos/[^/]+/master\."


def max_bytes():
    return settings.GRASSROOTS_PHOTO_MAX_UPLOAD_MB * 1024 * 1024


def max_pixels():
    return settings.GRASSROOTS_PHOTO_MAX_MEGAPIXELS * 1_000_000


def decode_limits():
    return {"max_bytes": max_bytes(), "max_pixels": max_pixels(), "max_frames": MAX_FRAMES}
