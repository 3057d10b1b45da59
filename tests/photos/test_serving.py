"""What a reader's browser receives for a photo: exact type, no sniffing, a sandbox, a year
of caching, and bytes with nothing but pixels."""

import pytest
from django.core.files.storage import default_storage

from grassroots.photos import services
from tests.photos import corpus
from tests.photos.helpers import assert_clean

pytestmark = pytest.mark.django_db


def test_every_rendition_is_served_clean_with_strict_headers(client):
    photo = services.photo_upload(data=corpus.phone_jpeg(size=(1200, 900)))
    names = photo.stored_names()
    assert len(names) == 1 + 2 * len(photo.renditions)
    for name in names[1:]:  # the renditions; the master is never served (below)
        response = client.get(default_storage.url(name))
        assert response.status_code == 200
        expected = "image/webp" if name.endswith(".webp") else "image/jpeg"
        assert response["Content-Type"] == expected
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert "max-age=31536000" in response["Cache-Control"]
        assert not response.cookies
        assert_clean(b"".join(response.streaming_content), name=name)


def test_rendition_urls_change_when_the_image_changes(client):
    photo = services.photo_upload(data=corpus.phone_jpeg())
    before = set(photo.stored_names())
    services.photo_blur(photo=photo, regions=[(0, 0, 50, 50)])
    assert not before & set(photo.stored_names())
    for name in before:
        assert client.get(default_storage.url(name)).status_code == 404


def test_the_full_size_master_stays_in_storage_but_is_never_served(client):
    # Readers get renditions only (issue 12, item 7): the master is kept to make new ones.
    photo = services.photo_upload(data=corpus.phone_jpeg(size=(3000, 2000)))
    master = photo.image.name
    assert master.endswith("/master.jpg") and default_storage.exists(master)
    assert client.get(default_storage.url(master)).status_code == 404
    for disguised in ("/media/photos/./", "/media/photos//", "/media/photos/x/../"):
        url = default_storage.url(master).replace("/media/photos/", disguised)
        assert client.get(url).status_code == 404, url
    page = str(photo.sources()) + photo.rendition_url()
    assert "master" not in page
    services.photo_blur(photo=photo, regions=[(0, 0, 50, 50)])  # new renditions from it
    assert client.get(photo.rendition_url()).status_code == 200


def test_photos_are_sent_as_they_are_because_gzip_cannot_shrink_them(client):
    photo = services.photo_upload(data=corpus.phone_jpeg(size=(1200, 900)))
    for name in photo.stored_names():
        if name == photo.image.name:
            continue  # the master is never served
        response = client.get(default_storage.url(name), HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert "Content-Encoding" not in response
    page = client.get("/no-such-page/", HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"  # pages still are compressed
