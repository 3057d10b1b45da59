"""The demo photo story: six cleaned photos with alt text, a gallery and a cover."""

from pathlib import Path

import pytest
from django.core.management import call_command

from grassroots.blog.models import Post
from grassroots.demo import photos as demo_photos
from grassroots.photos.models import Photo
from tests.photos.helpers import assert_clean

pytestmark = pytest.mark.django_db


def test_the_demo_illustrates_the_photo_story_with_six_clean_photos(settings):
    call_command("demo")
    post = Post.objects.get(slug="a-day-in-the-park")
    photos = list(Photo.objects.order_by("pk"))
    assert len(photos) == 6
    assert all(photo.alt_text and photo.caption for photo in photos)
    assert all("gps" in photo.removed and "serial" in photo.removed for photo in photos)
    assert post.cover_id == photos[0].pk
    assert "```gallery" in post.body and post.body_html.count("<figure") >= 6
    assert sum(photo.blurred_regions for photo in photos) >= 1  # the visitor's face
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert_clean(data, name=str(path))
            assert b"DEMO-SERIAL" not in data and b"Demo Owner" not in data


def test_the_photo_loader_skips_quietly_without_the_story():
    demo_photos.load()
    assert Photo.objects.count() == 0
