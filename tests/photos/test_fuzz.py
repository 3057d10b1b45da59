"""Damaged and mutated files: decode() either cleans them or refuses them with a reason;
it never raises anything else (which would be a 500 in the admin) and never takes long."""

import io
import time

import pytest
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


# The test corpus as uploads arrive: phone photos with metadata, HEIC, MPO, CMYK, 16-bit,
# animations, many progressive scans (kept small so each example decodes in milliseconds).
CORPUS = [
    corpus.phone_jpeg(size=(96, 64)),
    corpus.heic(),
    corpus.mpo(),
    corpus.cmyk_jpeg(),
    corpus.grey16_png(),
    corpus.png_with_metadata(),
    corpus.webp_with_metadata(),
    corpus.animated("GIF"),
    corpus.jpeg_with_many_scans(scans=20, side=16),
    corpus.jpeg_with_html_comment(),
]


@st.composite
def damaged(draw):
    """A corpus file cut short and/or with bits flipped, as a broken copy or upload is."""
    data = bytearray(draw(st.sampled_from(CORPUS)))
    for _ in range(draw(st.integers(0, 8))):
        data[draw(st.integers(0, len(data) - 1))] ^= 1 << draw(st.integers(0, 7))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@pytest.mark.django_db
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=damaged())
def test_the_upload_path_stores_a_clean_photo_or_refuses_a_damaged_one(data):
    # Through photo_upload, as the admin's batch upload calls it (issue 12, item 8).
    from django.core.files.storage import default_storage

    from grassroots.photos import services

    try:
        photo = services.photo_upload(data=data, alt_text="x")
    except Refused as refusal:
        assert refusal.message
    else:
        for name in photo.stored_names():
            with default_storage.open(name, "rb") as stored:
                assert inspection.metadata_problems(stored.read()) == []
