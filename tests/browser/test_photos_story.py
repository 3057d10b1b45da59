"""A real chromium reads a photo story: every photo loads as WebP at a size that fits, with
its space reserved before it arrives, and captions under the photos."""

import pytest

from grassroots.blog.galleries import append_gallery
from grassroots.photos import services
from tests.browser.conftest import screenshot
from tests.factories import make_blog, make_post
from tests.photos import corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_sees_the_photo_story_with_responsive_webp_photos(page, live_server):
    make_blog()
    photos = [
        services.photo_upload(
            data=corpus.jpeg_bytes(corpus.scene((2400, 1600))),
            alt_text=f"Scene number {n}",
            caption=f"Caption number {n}",
        )
        for n in range(3)
    ]
    post = make_post(title="A day in the park", body="Intro text.")
    append_gallery(post=post, photos=photos, cover=photos[0])
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(live_server.url + post.get_absolute_url())
    gallery = page.locator(".photo-gallery img")
    assert gallery.count() == 3
    for index in range(3):
        image = gallery.nth(index)
        image.scroll_into_view_if_needed()
        image.evaluate("img => img.decode()")
        current = image.evaluate("img => img.currentSrc")
        assert current.endswith(".webp"), current
        assert "480w" in current or "960w" in current  # a phone gets a small rendition
        assert image.evaluate("img => img.naturalWidth") > 0
        assert image.get_attribute("alt") == f"Scene number {index}"
        assert image.get_attribute("loading") == "lazy"
    assert page.locator("figcaption", has_text="Caption number 2").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    screenshot(page, "photos-story-phone")
