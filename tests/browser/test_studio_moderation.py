import pytest
from playwright.sync_api import expect

from grassroots.comments.models import Comment
from tests.browser.conftest import screenshot
from tests.browser.studio import staff_context
from tests.factories import make_blog, make_post, make_staff
from tests.studio.helpers import make_pending

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue(db):
    make_blog()
    post = make_post(title="A day in the park", slug="a-day-in-the-park")
    return make_pending(post, 20)


def statuses():
    return list(Comment.objects.order_by("pk").values_list("status", flat=True))


def test_a_moderator_clears_twenty_comments_with_the_keyboard(browser, live_server, queue):
    context = staff_context(browser, live_server, make_staff("Moderator", username="mod"))
    page = context.new_page()
    page.goto(live_server.url + "/studio/comments/")
    assert page.locator(".mod-keys").is_visible()
    # Newest first: approve ten, spam five, trash four, and one to look at after moving.
    keys = ["a"] * 10 + ["s"] * 5 + ["d"] * 4
    for n, key in enumerate(keys):
        page.keyboard.press(key)
        expect(page.locator(".mod-item")).to_have_count(19 - n)
    page.keyboard.press("k")
    page.keyboard.press("j")
    page.keyboard.press("a")
    page.wait_for_selector("text=No comment is waiting")
    newest_first = list(reversed(statuses()))
    assert newest_first == ["approved"] * 10 + ["spam"] * 5 + ["trash"] * 4 + ["approved"]
    assert "@example.org" not in page.content()
    context.close()


def test_j_and_k_choose_which_comment_the_keys_act_on(browser, live_server, queue):
    context = staff_context(browser, live_server, make_staff("Moderator", username="mod"))
    page = context.new_page()
    page.goto(live_server.url + "/studio/comments/")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("j")
    page.keyboard.press("s")  # the third newest
    expect(page.locator(".mod-item")).to_have_count(19)
    assert Comment.objects.get(status="spam").pk == queue[-3].pk
    assert page.locator(".mod-count[data-status=pending]").inner_text() == "19"
    context.close()


def test_bulk_approve_works_without_javascript(browser, live_server, queue):
    context = staff_context(
        browser, live_server, make_staff("Editor", username="ed"), javascript=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/studio/comments/")
    for comment in queue[:3]:
        page.locator(f"#tick-{comment.pk}").check()
    page.locator(".mod-bulk").get_by_role("button", name="Approve").click()
    assert "3 comments approved." in page.content()
    assert statuses() == ["approved"] * 3 + ["pending"] * 17
    page.locator(f"#c-{queue[3].pk}").get_by_role("button", name="Trash").click()
    assert "1 comment moved to the trash." in page.content()
    context.close()


def test_the_queue_fits_a_phone_screen(browser, live_server, queue):
    long_word = "Unbreakable" * 30
    Comment.objects.filter(pk=queue[-1].pk).update(body_html=f"<p>{long_word}</p>")
    context = staff_context(
        browser, live_server, make_staff("Moderator", username="mod"), width=390, height=844
    )
    page = context.new_page()
    page.goto(live_server.url + "/studio/comments/")
    screenshot(page, "studio-moderation-390")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    box = page.locator(".mod-text").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    context.close()
