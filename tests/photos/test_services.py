"""photo_upload, photo_update, photo_blur and photo_delete against real storage: every file
under MEDIA_ROOT is read back as raw bytes."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ImageChops, ImageStat

from grassroots.photos import services
from grassroots.photos.models import Photo
from grassroots.photos.refusals import Refused
from tests.photos import corpus
from tests.photos.helpers import assert_clean, open_bytes

pytestmark = pytest.mark.django_db


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload(data, name="IMG_2026_pride_almaty.jpg", **fields):
    return services.photo_upload(file=SimpleUploadedFile(name, data), **fields)


CORPUS = {
    "phone jpeg": corpus.phone_jpeg,
    "rotated jpeg": lambda: corpus.rotated_jpeg(6),
    "heic": corpus.heic,
    "png": corpus.png_with_metadata,
    "webp": corpus.webp_with_metadata,
    "gif": corpus.animated,
    "mpo": corpus.mpo,
}


def test_every_stored_file_of_a_whole_corpus_is_clean(settings):
    for name, make in CORPUS.items():
        upload(make(), name=f"{name}.jpg")
    files = stored_files(settings)
    assert len(files) == len(CORPUS) * 5 or len(files) > len(CORPUS) * 3
    for path in files:
        assert path.suffix in {".jpg", ".webp"}
        assert_clean(path.read_bytes(), name=str(path))


def test_the_original_file_name_and_bytes_are_not_kept(settings):
    data = corpus.phone_jpeg()
    photo = upload(data, name="IMG_2026_pride_almaty.jpg")
    for path in stored_files(settings):
        assert "pride" not in str(path) and "IMG" not in str(path)
        assert path.read_bytes() != data
    assert "file_name" in photo.removed


def test_a_photo_records_what_was_removed_and_that_its_files_were_rechecked(settings):
    photo = upload(corpus.phone_jpeg(), alt_text="Two people holding a banner")
    assert {"gps", "serial", "owner", "xmp", "comment"} <= set(photo.removed)
    assert photo.checked_clean_at is not None
    assert photo.checked_files == len(stored_files(settings)) == 1 + 2 * len(photo.renditions)
    assert photo.source_format == "JPEG"


def test_a_rotated_photo_is_stored_upright_in_every_file(settings):
    photo = upload(corpus.rotated_jpeg(8))
    assert (photo.width, photo.height) == (640, 480)
    for path in stored_files(settings):
        image = open_bytes(path.read_bytes())
        assert image.width > image.height
        top = image.convert("RGB").getpixel((image.width // 2, 3))
        assert top[0] > 150 and top[2] < 100


@pytest.mark.parametrize(
    "make",
    [
        lambda: b"",
        corpus.svg,
        corpus.html_named_jpg,
        corpus.png_with_trailing_html,
        corpus.truncated_jpeg,
        corpus.png_bomb,
        lambda: corpus.gif_with_many_frames(1000),
        corpus.jpeg_with_trailing_html,
        corpus.jpeg_with_html_comment,
        corpus.jpeg_with_many_scans,
        corpus.png_with_many_chunks,
    ],
    ids=[
        "empty",
        "svg",
        "html",
        "png+html",
        "truncated",
        "bomb",
        "frames",
        "jpeg+html",
        "jpeg comment html",
        "scan bomb",
        "chunk flood",
    ],
)
def test_a_refused_upload_stores_nothing(settings, make):
    with pytest.raises(Refused) as refusal:
        upload(make(), name="photo.jpg")
    assert refusal.value.message
    assert stored_files(settings) == []
    assert Photo.objects.count() == 0


def test_an_upload_over_the_size_limit_is_refused_without_reading_it_all(settings):
    settings.GRASSROOTS_PHOTO_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"\0" * (2 * 1024 * 1024))
    with pytest.raises(Refused) as refusal:
        services.photo_upload(file=big)
    assert "1 MB" in refusal.value.message
    assert stored_files(settings) == []


def test_the_pixel_limit_follows_the_setting(settings):
    settings.GRASSROOTS_PHOTO_MAX_MEGAPIXELS = 1
    with pytest.raises(Refused) as refusal:
        upload(corpus.jpeg_bytes(corpus.scene((1500, 1000))))
    assert "1 megapixels" in refusal.value.message


def test_an_editor_can_blur_a_region_and_no_unblurred_file_remains(settings):
    source = corpus.noise((800, 600))
    photo = upload(corpus.jpeg_bytes(source, quality=95), alt_text="A crowd")
    before_files = stored_files(settings)
    region = (200, 100, 300, 300)
    services.photo_blur(photo=photo, regions=[region])
    after_files = stored_files(settings)
    assert not set(before_files) & set(after_files)  # all old files deleted, names changed
    assert len(after_files) == len(before_files)
    box = (200, 100, 500, 400)
    for path in after_files:
        image = open_bytes(path.read_bytes()).convert("RGB")
        scale = image.width / 800
        scaled_box = tuple(round(v * scale) for v in box)
        original = source.resize(image.size).crop(scaled_box)
        blurred = image.crop(scaled_box)
        assert min(ImageStat.Stat(ImageChops.difference(original, blurred)).mean) > 20
        assert corpus.detail(blurred) < corpus.detail(original) / 5
        assert_clean(path.read_bytes())
    photo.refresh_from_db()
    assert photo.blurred_regions == 1


def test_faces_can_be_blurred_automatically_before_anything_is_stored(settings):
    face = corpus.drawn_face()
    photo = upload(corpus.jpeg_bytes(face, quality=95), blur_faces=True)
    assert photo.blurred_regions >= 1
    master = open_bytes(Path(settings.MEDIA_ROOT, photo.image.name).read_bytes()).convert("RGB")
    centre = (200, 220, 400, 420)  # eyes, nose and mouth
    assert corpus.detail(master.crop(centre)) < corpus.detail(face.crop(centre)) / 3


def test_the_detector_suggests_a_rectangle_around_a_face(settings):
    photo = upload(corpus.jpeg_bytes(corpus.drawn_face(), quality=95))
    suggestions = services.photo_suggest_faces(photo=photo)
    assert len(suggestions) == 1
    x, y, w, h = suggestions[0]
    assert x < 300 < x + w and y < 300 < y + h


def test_deleting_a_photo_deletes_its_files(settings):
    photo = upload(corpus.phone_jpeg())
    assert stored_files(settings)
    services.photo_delete(photo=photo)
    assert stored_files(settings) == []


def test_photo_update_trims_and_validates(settings):
    photo = upload(corpus.phone_jpeg())
    services.photo_update(photo=photo, alt_text="  Marchers at the square  ", caption="Noon")
    photo.refresh_from_db()
    assert photo.alt_text == "Marchers at the square"
    assert photo.caption == "Noon"


def test_two_updates_from_stale_copies_keep_both_fields(settings):
    """The editor saves alt text and caption in separate requests, which may arrive out of
    order: each writes only its own field."""
    photo = upload(corpus.phone_jpeg())
    first, second = Photo.objects.get(pk=photo.pk), Photo.objects.get(pk=photo.pk)
    services.photo_update(photo=first, alt_text="Marchers at the square")
    services.photo_update(photo=second, caption="Noon")
    photo.refresh_from_db()
    assert (photo.alt_text, photo.caption) == ("Marchers at the square", "Noon")


def test_upload_accepts_bytes_too(settings):
    photo = services.photo_upload(data=corpus.phone_jpeg())
    assert photo.pk and photo.renditions
    assert isinstance(photo.renditions[0]["width"], int)
