"""Damaged and mutated files: decode() either cleans them or refuses them with a reason;
it never raises anything else (which would be a 500 in the admin) and never takes long."""

import io
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from grassroots.photos import imaging, inspection
from grassroots.photos.refusals import Refused
from tests.photos import corpus


def _small(kind):
    buffer = io.BytesIO()
    image = corpus.scene((48, 32))
    if kind == "GIF":
        image = image.convert("P")
    image.save(buffer, kind, **({"exif": corpus.exif()} if kind in ("JPEG", "WEBP") else {}))
    return buffer.getvalue()


SEEDS = [_small(kind) for kind in ("JPEG", "PNG", "GIF", "WEBP")] + [corpus.heic()]


@st.composite
def mutated(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_mutated_file_is_cleaned_or_refused_never_crashes(data):
    started = time.monotonic()
    try:
        cleaned = imaging.decode(data)
    except Refused as refusal:
        assert refusal.message
    else:
        assert isinstance(cleaned.image, Image.Image) and cleaned.image.mode == "RGB"
        for _name, encoded in imaging.encode(cleaned.image).files():
            assert inspection.metadata_problems(encoded) == []
    assert time.monotonic() - started < 2
