"""A photo story as a phone and a desktop show it: light before scrolling, galleries with no
holes for any count of photos, wide and full-width photos, and photos that open large."""

import pytest
from django.core.management import call_command

from grassroots.blog.models import Post
from grassroots.photos import services
from tests.factories import make_blog, make_post
from tests.photos import corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_demo_photo_story_weighs_under_60_kb_on_a_phone_before_scrolling(browser, live_server):
    call_command("demo")
    story = Post.objects.exclude(cover=None).first()
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request))
    page.goto(live_server.url + story.get_absolute_url(), wait_until="load")
    page.wait_for_load_state("networkidle")
    total = sum(request.sizes()["responseBodySize"] for request in loaded)
    assert any(".webp" in request.url for request in loaded)  # the cover did load
    assert total < 60_000, [(r.url, r.sizes()["responseBodySize"]) for r in loaded]
    context.close()


def photos(count):
    return [
        services.photo_upload(
            data=corpus.jpeg_bytes(corpus.scene((1200, 600 + 150 * (n % 3)))),
            alt_text=f"Scene {n}",
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [1, 2, 3, 5, 12])
def test_a_gallery_of_any_size_leaves_no_hole(page, live_server, count):
    make_blog()
    lines = "\n".join(f"photo:{p.pk}" for p in photos(count))
    post = make_post(title="Series", body=f"```gallery\n{lines}\n```")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + post.get_absolute_url())
    boxes = [f.bounding_box() for f in page.locator(".photo-gallery figure").all()]
    gallery = page.locator(".photo-gallery").bounding_box()
    rows = {}
    for box in boxes:
        rows.setdefault(round(box["y"]), []).append(box)
    for row in rows.values():  # every row is filled from edge to edge
        left = min(b["x"] for b in row)
        right = max(b["x"] + b["width"] for b in row)
        assert left == pytest.approx(gallery["x"], abs=1)
        assert right == pytest.approx(gallery["x"] + gallery["width"], abs=1)


def test_wide_and_full_photos_break_out_and_every_photo_opens_large(page, live_server):
    make_blog()
    wide, full = photos(2)
    post = make_post(
        title="Breaking out",
        body=f"Text.\n\n![Wide one](photo:{wide.pk}:wide)\n\n![Full one](photo:{full.pk}:full)",
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + post.get_absolute_url())
    column = page.locator(".post-body > p").first.bounding_box()["width"]
    wide_box = page.locator("figure.photo-wide").bounding_box()
    full_box = page.locator("figure.photo-full").bounding_box()
    assert wide_box["width"] > column + 100
    assert full_box["width"] == pytest.approx(1280, abs=1) and full_box["x"] == pytest.approx(
        0, abs=1
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.get_by_role("link", name="Wide one").click()
    assert page.url.endswith("w.jpg")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + post.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
