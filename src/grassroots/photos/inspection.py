"""Reading what a file carries besides pixels: find_metadata() on an upload (for the
editor's proof of what was removed) and metadata_problems() on our own encoded files (the
re-check after every write). Raw bytes and Pillow only; no storage, no database."""

import struct

from PIL.ExifTags import IFD

from grassroots.photos.containers import skip_scan

# Labels for what we found and removed; labels.py translates them for the admin.
GPS = "gps"
CAMERA = "camera"
SERIAL = "serial"
OWNER = "owner"
DATES = "dates"
SOFTWARE = "software"
MAKER_NOTES = "maker_notes"
THUMBNAIL = "thumbnail"
EXIF_OTHER = "exif"
XMP = "xmp"
IPTC = "iptc"
COMMENT = "comment"
TEXT_CHUNKS = "text_chunks"
ICC = "icc"
EXTRA_IMAGES = "extra_images"
ORIENTATION = "orientation"
FILE_NAME = "file_name"


def _exif_findings(exif):
    found = set()
    if not exif:
        return found
    found.add(EXIF_OTHER)
    base = dict(exif)
    sub = dict(exif.get_ifd(IFD.Exif))
    if 0x8825 in base or exif.get_ifd(IFD.GPSInfo):
        found.add(GPS)
    if base.keys() & {0x010F, 0x0110} or sub.keys() & {0xA433, 0xA434}:
        found.add(CAMERA)
    if sub.keys() & {0xA431, 0xA435, 0xA420}:
        found.add(SERIAL)
    if base.keys() & {0x013B, 0x8298} or 0xA430 in sub:
        found.add(OWNER)
    if 0x0132 in base or sub.keys() & {0x9003, 0x9004}:
        found.add(DATES)
    if 0x0131 in base:
        found.add(SOFTWARE)
    if 0x927C in sub:
        found.add(MAKER_NOTES)
    if exif.get_ifd(IFD.IFD1) or 0x0201 in base:
        found.add(THUMBNAIL)
    if base.get(0x0112, 1) != 1:
        found.add(ORIENTATION)
    return found


def find_metadata(image, data, chunks=()):
    """What the upload carries besides pixels, as labels. Used for the editor's proof."""
    found = {FILE_NAME}
    info = image.info
    try:
        found |= _exif_findings(image.getexif())
    except Exception:  # a broken EXIF block is still an EXIF block we drop
        found.add(EXIF_OTHER)
    if info.get("exif") or b"Exif\x00\x00" in data[:262144]:
        found.add(EXIF_OTHER)
    if info.get("xmp") or info.get("XML:com.adobe.xmp") or b"http://ns.adobe.com/xap/" in data:
        found.add(XMP)
    if b"Photoshop 3.0\x00" in data[:262144] or info.get("photoshop"):
        found.add(IPTC)
    if info.get("comment"):
        found.add(COMMENT)
    if {b"tEXt", b"iTXt", b"zTXt"} & set(chunks):
        found.add(TEXT_CHUNKS)
    if b"eXIf" in chunks:
        found.add(EXIF_OTHER)
    if info.get("icc_profile"):
        found.add(ICC)
    if info.get("original_orientation", 1) not in (None, 1):
        found.add(ORIENTATION)
    if (
        getattr(image, "n_frames", 1) > 1
        or info.get("thumbnails")
        or info.get("depth_images")
        or info.get("aux")
    ):
        found.add(EXTRA_IMAGES)
    if info.get("thumbnails"):
        found.add(THUMBNAIL)
    # A GPS position is the thing people ask about first: say so even when only XMP has it.
    if b"GPSLatitude" in data or b"exif:GPS" in data:
        found.add(GPS)
    return sorted(found)


# JPEG markers our encoder writes; any other one (APP1 EXIF/XMP, APP2 ICC, APP13 IPTC,
# COM, a second SOI) means something that is not pixels got into a file.
_JPEG_ALLOWED = {0xC0, 0xC1, 0xC2, 0xC4, 0xDB, 0xDD, 0xDA, 0xE0} | set(range(0xD0, 0xD8))


def _jpeg_problems(data):
    if data[:2] != b"\xff\xd8" or data[-2:] != b"\xff\xd9":
        return ["not a single complete JPEG"]
    problems, pos = [], 2
    while pos < len(data) - 2:
        if data[pos] != 0xFF:
            return [*problems, "unexpected bytes"]
        marker = data[pos + 1]
        if marker == 0xD9:
            return [*problems, "data after the image"]
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker not in _JPEG_ALLOWED:
            problems.append(f"marker {marker:#04x}")
        if marker == 0xE0 and data[pos + 4 : pos + 9] != b"JFIF\x00":
            problems.append("APP0 that is not JFIF")
        pos += 2 + length
        if marker == 0xDA:
            pos = skip_scan(data, pos)
    return problems


def _webp_problems(data):
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return ["not a WebP"]
    problems, pos = [], 12
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        (length,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        if kind not in (b"VP8 ", b"VP8L", b"VP8X", b"ALPH"):
            problems.append(f"chunk {kind!r}")
        if kind == b"VP8X" and data[pos + 8] & 0b00101110:
            problems.append("VP8X announces metadata or animation")
        pos += 8 + length + (length & 1)
    if pos != len(data):
        problems.append("data after the image")
    return problems


def metadata_problems(data):
    """What, besides pixels, an encoded file of ours carries: [] means clean. Run on every
    stored file after it is written, as the editor's proof."""
    if data[:2] == b"\xff\xd8":
        return _jpeg_problems(data)
    if data[:4] == b"RIFF":
        return _webp_problems(data)
    return ["not a format we write"]
