"""The studio in a real chromium: a photo story from an empty post to scheduled, autosave
that survives a reload, restoring a revision, the review round trip and the menu order."""

import datetime
import zoneinfo

import pytest

from grassroots.blog.models import MenuItem, Post
from tests.browser.conftest import screenshot
from tests.browser.studio import close_quietly
from tests.factories import make_blog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long staff password 42"
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


@pytest.fixture
def js_page(browser):
    context = browser.new_context(java_script_enabled=True, viewport={"width": 390, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    close_quietly(context)
    assert errors == []  # no script error on any studio page


def sign_in(page, base, username, next_url):
    page.goto(f"{base}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_a_photo_story_from_empty_to_scheduled_with_autosave_and_a_restored_revision(
    js_page, live_server, django_user_model, tmp_path
):
    from tests.photos import corpus

    make_blog()
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page = js_page
    sign_in(page, live_server.url, "editor", "/studio/posts/new/")
    page.fill("#id_title", "Park day")
    page.fill("#id_body", "We met in the park.")
    page.wait_for_selector("#save-status:has-text(':')")
    assert "/studio/posts/" in page.url and "/new/" not in page.url
    page.click("button[value=save]")  # a revision of its own: autosaves in a row share one
    page.wait_for_selector(".messages")
    # Photos: choose two files, describe them, insert a gallery without typing a number.
    files = []
    for n in range(2):
        path = tmp_path / f"IMG_{n}.jpg"
        path.write_bytes(corpus.jpeg_bytes(corpus.scene((800, 600))))
        files.append(str(path))
    page.set_input_files("input[name=photos]", files)
    page.wait_for_selector(".photo-card >> nth=1")
    for n, card in enumerate(page.locator(".photo-card").all()):
        card.locator("input[name^=alt_]").fill(f"Volunteers at table {n}")
        card.locator("input[name^=caption_]").fill(f"Caption {n}")
        card.locator("input[name^=alt_]").press("Tab")
        card.locator("[data-gallery]").check()
    page.click("#id_body")
    page.keyboard.press("End")
    page.click("#insert-gallery")
    assert "```gallery" in page.input_value("#id_body")
    page.wait_for_selector("#live-preview .photo-gallery img")
    page.wait_for_selector("#checks .ready")
    screenshot(page, "studio-editor-390")
    # Preview as a reader, in the site's own look.
    page.click("text=Preview as a reader")
    page.wait_for_selector(".preview-banner")
    assert page.locator(".photo-gallery figure").count() == 2
    assert "readers cannot see this post" in page.locator(".preview-banner").inner_text()
    page.go_back()
    # Autosave survives a forced reload.
    page.fill("#id_body", page.input_value("#id_body") + "\n\nThe last sentence")
    page.wait_for_selector("#save-status:has-text(':')")
    page.wait_for_timeout(3500)
    page.reload()
    assert "The last sentence" in page.input_value("#id_body")
    post = Post.objects.get()
    assert "The last sentence" in post.body and "photo:" in post.body
    # A deliberate save, then restore the first revision.
    page.click("button[value=save]")
    page.click("text=Revisions")
    rows = page.locator("table.revisions tbody tr")
    assert rows.count() >= 2
    rows.last.get_by_role("button", name="Restore this version").click()
    assert page.input_value("#id_body") == "We met in the park."
    # Schedule in the blog's time zone.
    day = (datetime.datetime.now(ALMATY) + datetime.timedelta(days=2)).date()
    page.fill("#id_publish_date", day.isoformat())
    page.fill("#id_publish_time", "10:15")
    page.click("button[value=schedule]")
    post.refresh_from_db()
    assert post.state == "scheduled"
    assert post.published_at.astimezone(ALMATY).time() == datetime.time(10, 15)
    page.goto(live_server.url + "/studio/")
    assert "Park day" in page.locator("#h-scheduled").locator("..").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_menu_is_ordered_by_dragging(js_page, live_server, django_user_model):
    from grassroots.blog import pages
    from grassroots.blog.models import Page

    make_blog()
    for title in ("About us", "Contact", "Donate"):
        page_row = pages.page_create(title=title, status=Page.Status.PUBLISHED)
        pages.menu_item_add(page=page_row)
    django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    page = js_page
    page.set_viewport_size({"width": 1200, "height": 900})
    sign_in(page, live_server.url, "admin", "/studio/menu/")
    page.locator("#menu-items li", has_text="Donate").drag_to(
        page.locator("#menu-items li", has_text="About us"),
        target_position={"x": 20, "y": 2},
    )
    page.wait_for_selector("#menu-items[data-saved]", state="attached")
    assert MenuItem.objects.first().text == "Donate"
    page.goto(live_server.url + "/")
    first = page.locator("header nav li").nth(3).inner_text()
    assert first == "Donate"


def test_two_people_editing_one_post_get_a_warning_not_an_overwrite(
    js_page, browser, live_server, django_user_model
):
    make_blog()
    for name in ("ana", "ben"):
        django_user_model.objects.create_superuser(name, f"{name}@example.org", PASSWORD)
    post = Post.objects.create(title="Shared", slug="shared", body="Start.")
    from grassroots.blog.editing import author_for_user

    post.authors.set([author_for_user(user=django_user_model.objects.get(username="ana"))])
    ana = js_page
    other = browser.new_context(java_script_enabled=True)
    ben = other.new_page()
    sign_in(ana, live_server.url, "ana", f"/studio/posts/{post.pk}/")
    sign_in(ben, live_server.url, "ben", f"/studio/posts/{post.pk}/")
    ana.fill("#id_body", "Start. Ana's sentence.")
    ana.wait_for_selector("#save-status:has-text(':')")
    ben.fill("#id_body", "Start. Ben's sentence.")
    ben.wait_for_selector("#conflict:not([hidden])")
    assert "while you were editing" in ben.locator("#conflict").inner_text()
    post.refresh_from_db()
    assert post.body == "Start. Ana's sentence."
    ben.get_by_role("button", name="Save my text anyway").click()
    ben.wait_for_selector(".messages")
    post.refresh_from_db()
    assert post.body == "Start. Ben's sentence."
    assert post.revisions.filter(body="Start. Ana's sentence.").exists()
    other.close()
