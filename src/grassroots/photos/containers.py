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

# Markup a browser would run. Only searched outside compressed pixel data, where random
# bytes could spell it by chance.
MARKUP = re.compile(rb"<(?:script|html|!doctype|iframe|body|svg|\?php)[\s>/]", re.IGNORECASE)


def jpeg_scans(data):
    # Entropy-coded data escapes every 0xFF with 0x00, so a start-of-scan marker is real.
    return data.count(b"\xff\xda")


def skip_scan(data, pos):
    """The position of the first marker after entropy-coded data starting at `pos`. Inside
    it 0xFF is only ever followed by 0x00 (stuffing) or a restart marker; bytes.find keeps
    a 25 MB photo to milliseconds."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return len(data)
        if data[pos + 1] != 0x00 and not 0xD0 <= data[pos + 1] <= 0xD7:
            return pos
        pos += 2


def _jpeg_outside_pixels(data):
    """The bytes of a JPEG's marker segments (comments, APPn) and whatever follows the end
    of its image, skipping the compressed scans."""
    parts, pos, turns = [], 2, 0
    try:
        while pos + 4 <= len(data):
            turns += 1  # segments, fill bytes, restart markers: each costs Pillow a turn too
            if turns > MAX_PARTS:
                raise Refused("too_many_parts")
            if data[pos] != 0xFF:
                break
            marker = data[pos + 1]
            if marker == 0xD9:
                parts.append(data[pos + 2 :])
                break
            if marker == 0xFF or 0xD0 <= marker <= 0xD7:
                pos += 1 if marker == 0xFF else 2
                continue
            (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
            if marker != 0xDA:
                parts.append(data[pos + 4 : pos + 2 + length])
            pos += 2 + length
            if marker == 0xDA:
                pos = skip_scan(data, pos)
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
    is exactly the cost a hostile animation would impose."""
    frames = parts = 0
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
            parts += extension
            if parts > MAX_PARTS:
                raise Refused("too_many_parts")
            pos += 1
        return frames
    except IndexError:
        return frames
