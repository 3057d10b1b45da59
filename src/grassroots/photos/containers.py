"""Raw-byte checks on an upload's container, made before Pillow decodes anything: what a
decoder would spend unbounded time on, and web pages hidden where no pixel lives."""

import re
import struct

from grassroots.photos.refusals import Refused

# Progressive JPEGs from cameras and editors use about ten scans. libjpeg decodes every
# scan over the whole canvas, so a file repeating one scan thousands of times costs a
# worker minutes while staying a few hundred KB.
MAX_JPEG_SCANS = 100

# PNG chunks, JPEG segments or GIF extension blocks: Pillow reads each in a Python loop
# (a few us), so a file of millions of empty ones costs seconds. Photos have at most
# thousands.
MAX_PARTS = 100_000
# GIF sub-blocks of every kind: twice what 25 MB of full 255-byte blocks needs.
MAX_GIF_BLOCKS = 200_000

# Markup a browser would run. Only searched outside compressed pixel data, where random
# bytes could spell it by chance.
# "<!DOCTYPE html", not any doctype: Photoshop on a Mac stores print settings as an Apple
# plist ("<!DOCTYPE plist") inside real photos.
MARKUP = re.compile(rb"<(?:script|html|!doctype\s+html|iframe|body|svg|\?php)[\s>/]", re.IGNORECASE)


def jpeg_scans(data):
    # Entropy-coded data escapes every 0xFF with 0x00, so a start-of-scan marker is real.
    return data.count(b"\xff\xda")


# A marker that ends entropy-coded data: 0xFF followed by anything but 0x00 (stuffing) or a
# restart marker. One regex search (C speed, linear) instead of a Python step per 0xFF, which
# a scan made of millions of stuffed 0xFF 0x00 pairs would turn into seconds.
_SCAN_END = re.compile(rb"\xff(?=[^\x00\xd0-\xd7])")


def skip_scan(data, pos):
    """The position of the first marker after entropy-coded data starting at `pos`, or the
    end of the data."""
    found = _SCAN_END.search(data, pos)
    return found.start() if found else len(data)


def _jpeg_outside_pixels(data):
    """The bytes of a JPEG's marker segments (comments, APPn), any junk between them and
    whatever follows the end of its image, skipping the compressed scans. Junk is skipped
    as Pillow does (to the next 0xFF), but searched: a web page may hide in it. Pillow reads
    the header before the first scan one junk or fill byte per Python step, so those count
    towards MAX_PARTS one by one; every step here is O(1) or one C-speed search."""
    parts, pos, turns, scanned = [], 2, 0, False
    try:
        while pos + 4 <= len(data):
            turns += 1  # segments, fill bytes, restart markers: each costs Pillow a turn too
            if data[pos] != 0xFF:
                junk_end = data.find(b"\xff", pos)
                junk_end = len(data) if junk_end < 0 else junk_end
                parts.append(data[pos:junk_end])
                turns += 0 if scanned else junk_end - pos - 1
                pos = junk_end
            elif data[pos + 1] == 0xD9:
                parts.append(data[pos + 2 :])
                break
            elif data[pos + 1] == 0xFF or 0xD0 <= data[pos + 1] <= 0xD7 or data[pos + 1] == 0:
                pos += 1 if data[pos + 1] == 0xFF else 2
            else:
                marker = data[pos + 1]
                (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
                if marker != 0xDA:
                    parts.append(data[pos + 4 : pos + 2 + length])
                pos += 2 + length
                if marker == 0xDA:
                    scanned = True
                    pos = skip_scan(data, pos)
            if turns > MAX_PARTS:
                raise Refused("too_many_parts")
    except struct.error:
        pass
    return parts


def _riff_trailing(data):
    (length,) = struct.unpack("<I", data[4:8])
    return [data[8 + length :]]


def hidden_markup(data, kind):
    """True when a web page hides outside the pixels (a polyglot): a browser or a careless
    server could treat the upload as HTML. PNG refuses any trailing data on its own. The
    JPEG walk also refuses a flood of segments, which would cost Pillow seconds."""
    if kind == "JPEG":
        parts = _jpeg_outside_pixels(data)
    elif kind == "WEBP":
        parts = _riff_trailing(data)
    else:
        return False
    return any(MARKUP.search(part) for part in parts)


def png_chunks(data):
    """Chunk types of a PNG, and the bytes after IEND (a polyglot hides HTML there)."""
    types, pos = [], 8
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        types.append(kind)
        if len(types) > MAX_PARTS:
            raise Refused("too_many_parts")
        pos += 12 + length
        if kind == b"IEND":
            return types, data[pos:]
    raise Refused("truncated")


def gif_frames(data):
    """Count GIF frames by walking its blocks: Pillow's own count decodes every frame, which
    is exactly the cost a hostile animation would impose. Each sub-block is one Python step,
    so their number is bounded too: a real GIF's pixel data comes in blocks of 255 bytes
    (about 100,000 in 25 MB), a crafted one in blocks of 1."""
    frames = parts = blocks = 0
    try:
        pos = 13
        if data[10] & 0x80:
            pos += 3 * 2 ** ((data[10] & 7) + 1)
        while pos < len(data):
            marker = data[pos]
            if marker == 0x3B:
                return frames
            extension = marker == 0x21
            if extension:
                pos += 2
            elif marker == 0x2C:
                frames += 1
                flags = data[pos + 9]
                pos += 10 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0) + 1
            else:
                return frames
            while data[pos]:
                pos += data[pos] + 1
                parts += extension
                blocks += 1
                if blocks > MAX_GIF_BLOCKS:
                    raise Refused("too_many_parts")
            parts += extension
            if parts > MAX_PARTS:
                raise Refused("too_many_parts")
            pos += 1
        return frames
    except IndexError:
        return frames
