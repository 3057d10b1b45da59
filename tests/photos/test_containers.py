"""The hand-written scanners stay linear and bounded on crafted 25 MB files (issue 12,
item 8). Measured by the number of Python lines the scanners run, not by a clock: a scanner
that takes one Python step per byte (or per two bytes) runs millions of lines here."""

import io
import struct
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from PIL import Image

from grassroots.photos import containers, imaging, inspection
from grassroots.photos.refusals import Refused
from tests.photos import corpus

SIZE = 25 * 1024 * 1024 - 4096
SCANNERS = {Path(containers.__file__).name, Path(inspection.__file__).name}
# Every scanner's loop may run MAX_PARTS times (plus GIF sub-blocks), a few lines each.
LINE_BUDGET = 12 * (containers.MAX_PARTS + containers.MAX_GIF_BLOCKS)


class TooManyLines(Exception):
    pass


@contextmanager
def counting_lines():
    """Count the lines run inside the scanner modules; stop early past the budget."""
    count = [0]

    def local(frame, event, arg):
        if event == "line":
            count[0] += 1
            if count[0] > LINE_BUDGET:
                raise TooManyLines(count[0])
        return local

    def calls(frame, event, arg):
        return local if Path(frame.f_code.co_filename).name in SCANNERS else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        yield count
    finally:
        sys.settrace(previous)


def jpeg():
    return corpus.jpeg_bytes(corpus.scene((64, 48)))


def pad(head, unit, tail=b""):
    return head + unit * ((SIZE - len(head) - len(tail)) // len(unit)) + tail


def stuffed_scan():
    """A scan of 0xFF 0x00 pairs (stuffed 0xFF bytes) filling 25 MB."""
    data = jpeg()
    sos = data.index(b"\xff\xda")
    (length,) = struct.unpack(">H", data[sos + 2 : sos + 4])
    head = data[: sos + 2 + length]
    return pad(head, b"\xff\x00", b"\xff\xd9")


def first_segment_end(data):
    (length,) = struct.unpack(">H", data[4:6])
    return 4 + length


def junk_before_markers():
    data = jpeg()
    cut = first_segment_end(data)
    return pad(data[:cut], b"\x00", data[cut:])


def junk_after_the_scan():
    data = jpeg()
    return pad(data[:-2], b"\x01", b"\xff\xd9")


def restart_markers():
    data = jpeg()
    return pad(data[:2], b"\xff\xd0", data[2:])


def fill_bytes():
    data = jpeg()
    return pad(data[:2], b"\xff", data[2:])


def tiny_gif_blocks():
    """One frame whose pixel data comes in 25 MB of one-byte sub-blocks."""
    buffer = io.BytesIO()
    Image.new("P", (2, 2)).save(buffer, "GIF")
    data = buffer.getvalue()
    image_start = data.index(b"\x2c")
    head = data[: image_start + 10] + b"\x02"
    return pad(head, b"\x01\x00", b"\x00\x3b")


CRAFTED = {
    "jpeg scan of stuffed bytes": stuffed_scan,
    "jpeg junk before the markers": junk_before_markers,
    "jpeg junk after the scan": junk_after_the_scan,
    "jpeg restart markers": restart_markers,
    "jpeg fill bytes": fill_bytes,
    "gif one-byte sub-blocks": tiny_gif_blocks,
}


@pytest.mark.parametrize("make", CRAFTED.values(), ids=CRAFTED.keys())
def test_the_scanners_take_a_bounded_number_of_steps_on_a_crafted_25_mb_file(make):
    data = make()
    assert len(data) > 24 * 1024 * 1024
    kind = imaging.sniff(data)
    with counting_lines() as lines:
        try:
            containers.jpeg_scans(data)
            containers.hidden_markup(data, kind)
            if kind == "GIF":
                containers.gif_frames(data)
            inspection.metadata_problems(data)
        except Refused as refusal:
            assert refusal.code == "too_many_parts"
    assert lines[0] <= LINE_BUDGET


@pytest.mark.parametrize("make", [junk_before_markers, fill_bytes], ids=["junk", "fill"])
def test_a_header_pillow_would_read_byte_by_byte_is_refused_before_pillow(make):
    # Pillow reads junk and fill bytes before the first scan one Python step each.
    with pytest.raises(Refused) as refused:
        imaging.decode(make())
    assert refused.value.code == "too_many_parts"


def test_a_web_page_hidden_in_junk_between_jpeg_markers_is_found():
    # Pillow skips junk between markers to the next 0xFF; so must the polyglot search.
    data = jpeg()
    page = b"<html><script>alert(document.cookie)</script></html>"
    cut = first_segment_end(data)
    crafted = data[:cut] + page + data[cut:]
    Image.open(io.BytesIO(crafted)).load()  # Pillow reads it as a photo
    assert containers.hidden_markup(crafted, "JPEG")
    with pytest.raises(Refused) as refused:
        imaging.decode(crafted)
    assert refused.value.code == "hidden_markup"


def test_a_real_photo_still_passes_the_scanners():
    data = corpus.phone_jpeg(size=(1200, 900))
    assert not containers.hidden_markup(data, "JPEG")
    assert imaging.decode(data).image.size == (1200, 900)
