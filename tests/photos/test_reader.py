"""What readers see: photo stories and covers on public pages, with a fixed query budget."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grassroots.blog.galleries import append_gallery
from grassroots.photos import services
from tests.factories import make_blog, make_post
from tests.photos import corpus

pytestmark = pytest.mark.django_db


def make_photo(n=0):
    return services.photo_upload(
        data=corpus.jpeg_bytes(corpus.scene((1000, 667))),
        alt_text=f"Scene {n}",
        caption=f"Caption {n}",
    )


def test_a_photo_story_page_shows_every_photo_with_sizes_and_no_cookie(client):
    make_blog()
    photos = [make_photo(n) for n in range(3)]
    post = make_post(title="Park day", body="Intro.")
    append_gallery(post=post, photos=photos, cover=photos[0])
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 3  # the cover is the gallery's first photo: shown once
    for tag in images:
        assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag), tag
        assert 'alt="' in tag
    assert html.count('type="image/webp"') >= 3
    assert "Caption 2" in html
    assert not response.cookies


def test_covers_in_a_listing_cost_no_query_per_post(client):
    make_blog()
    client.get("/")  # the blog identity is cached after the first page

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/posts/").status_code == 200
        return len(queries)

    make_post(title="First", cover=make_photo())
    make_post(title="Second", cover=make_photo())
    few = count()
    for n in range(3):
        make_post(title=f"Post {n}", cover=make_photo(n))
    assert count() == few
    html = client.get("/posts/").content.decode()
    assert html.count("<picture>") == 5


def test_a_cover_that_is_not_in_the_text_is_shown_above_it(client):
    make_blog()
    cover, other = make_photo(1), make_photo(2)
    post = make_post(title="Park day", body="Intro.")
    append_gallery(post=post, photos=[other], cover=cover)
    html = client.get(post.get_absolute_url()).content.decode()
    assert len(re.findall(r"<img [^>]*>", html)) == 2
    assert 'class="post-cover"' in html
