"""The post page and a listing as a reader sees them: real chromium, JavaScript off."""

import datetime
import zoneinfo

import pytest

from grassroots.blog import services
from tests.browser.conftest import screenshot
from tests.factories import make_author, make_blog, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")

STORY = """\
Volunteers set up two tables and a banner at the edge of the park and talked with anyone
who stopped. Five members came; others were not ready to be seen, and we respect that.

> For years we met only behind closed doors. Today we sat in the sun.
>
> — Yerlan, coordinator

> One conversation was worth the whole day.
>
> — Madina, 24, volunteer

> Every time we show our faces, it gets easier for the next person.
>
> -- Oleg, peer counsellor
"""


def site():
    make_blog(
        organisation_name="Steppe Voices Foundation",
        title="Open Steppe: field notes",
        tagline="Stories from the groups we support.",
    )
    aliya = make_author(display_name="Aliya Nurlanovna", slug="aliya")
    tag = services.tag_get_or_create(name="Health outreach")
    earlier = make_post(
        title="Testing days in three towns",
        authors=[aliya],
        tags=[tag],
        published_at=datetime.datetime(2026, 6, 1, 10, tzinfo=ALMATY),
    )
    story = make_post(
        title="A day in the park",
        slug="a-day-in-the-park",
        body=STORY,
        authors=[aliya],
        tags=[tag],
        published_at=datetime.datetime(2026, 9, 28, 19, tzinfo=ALMATY),
    )
    return story, earlier


def test_a_reader_sees_the_post_page_with_every_element(page, live_server):
    story, _earlier = site()
    page.goto(live_server.url + story.get_absolute_url())
    assert page.locator("header .organisation").inner_text() == "STEPPE VOICES FOUNDATION"
    assert page.locator("h1").inner_text() == "A day in the park"
    byline = page.locator(".post-header .byline")
    assert byline.inner_text() == "Posted by Aliya Nurlanovna on Sept. 28, 2026"
    assert byline.locator("time").get_attribute("datetime") == "2026-09-28T19:00:00+05:00"
    assert page.get_by_role("link", name="Permanent link").get_attribute("href") == (
        "/2026/09/28/a-day-in-the-park/"
    )
    assert page.locator("article").get_by_role("link", name="All posts").is_visible()
    quotes = page.locator("figure.quote")
    assert quotes.count() == 3
    assert quotes.nth(2).locator("figcaption").inner_text() == "— Oleg, peer counsellor"
    assert page.get_by_role("link", name="Health outreach").is_visible()
    assert "Testing days in three towns" in page.locator(".post-nav .previous").inner_text()
    assert page.locator("#comments").is_visible()
    screenshot(page, "blog-post")
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(page, "blog-post-320")


def test_a_reader_browses_all_posts_and_follows_one(page, live_server):
    story, _earlier = site()
    page.goto(live_server.url + "/posts/")
    titles = page.locator(".post-summary h2").all_inner_texts()
    assert titles == ["A day in the park", "Testing days in three towns"]
    assert "0 comments" in page.locator(".post-summary .meta").first.inner_text()
    screenshot(page, "blog-listing")
    page.get_by_role("link", name="A day in the park").click()
    assert page.url == live_server.url + story.get_absolute_url()


def test_a_reader_searches_in_russian_and_sees_the_match_highlighted(page, live_server):
    make_blog()
    make_post(title="Встреча волонтёров", body="Волонтёры из девяти городов встретились в Алматы.")
    page.goto(live_server.url + "/posts/")
    page.get_by_label("Search posts").fill("волонтёры")
    page.get_by_role("button", name="Search").click()
    assert page.locator(".results mark").first.inner_text() == "Волонтёры"
    screenshot(page, "blog-search")


def test_a_photo_gallery_on_a_wide_screen_is_never_blurred_by_upscaling(page, live_server):
    # The gallery's srcset promises 22rem per photo on wide screens: the layout must keep it
    # (two columns), or the browser picks a small rendition and stretches it.
    from grassroots.blog.galleries import append_gallery
    from grassroots.photos import services as photo_services
    from tests.photos import corpus

    make_blog()
    photos = [
        photo_services.photo_upload(
            data=corpus.jpeg_bytes(corpus.scene((2400, 1600))),
            alt_text=f"Scene number {n}",
            caption=f"Caption number {n}",
        )
        for n in range(2)
    ]
    post = make_post(title="Park day", body="Intro text.")
    append_gallery(post=post, photos=photos)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + post.get_absolute_url())
    gallery = page.locator(".photo-gallery img")
    for index in range(2):
        image = gallery.nth(index)
        image.scroll_into_view_if_needed()
        image.evaluate("img => img.decode()")
        shown, natural = image.evaluate("img => [img.clientWidth, img.naturalWidth]")
        assert 0 < shown <= natural, (shown, natural)
    screenshot(page, "blog-gallery-wide")
