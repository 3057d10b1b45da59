import pytest

from grassroots.comments import services
from grassroots.comments.models import Comment
from tests.browser.conftest import screenshot
from tests.factories import make_blog, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(page, *, name, email, body):
    page.get_by_label("Name").fill(name)
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Comment", exact=True).fill(body)


def test_comment_hold_approve_reply_edit_and_delete_without_javascript(
    page, browser, live_server, settings
):
    settings.GRASSROOTS_COMMENT_MIN_SECONDS = 0
    make_blog()
    post = make_post(title="A day in the park", slug="a-day-in-the-park")
    url = live_server.url + post.get_absolute_url()

    page.goto(url)
    assert page.context.cookies() == []  # a reader who only reads gets no cookie
    assert page.locator(".comment-hp").bounding_box()["x"] < -1000  # the honeypot is off-screen
    fill(page, name="Lena", email="lena@example.org", body="So happy to read this.\n\nThank you!")
    page.get_by_role("button", name="Post comment").click()
    assert "waiting for a moderator" in page.locator(".messages").inner_text()
    assert "So happy to read this." in page.locator(".comments-held").inner_text()
    screenshot(page, "comments-held")

    stranger = browser.new_context(java_script_enabled=False).new_page()
    stranger.goto(url)
    assert "So happy to read this." not in stranger.content()

    services.comment_approve(comments=Comment.objects.all())
    stranger.goto(url)
    shown = stranger.locator("#comments .comment").first
    assert "Posted by: Lena at" in shown.inner_text()
    assert "lena@example.org" not in stranger.content()

    stranger.get_by_role("link", name="Reply to Lena").click()
    fill(stranger, name="Marat", email="marat@example.org", body="Agreed, see https://example.org/")
    stranger.get_by_role("button", name="Post comment").click()
    assert "waiting for a moderator" in stranger.locator(".messages").inner_text()
    services.comment_approve(comments=Comment.objects.filter(name="Marat"))

    page.goto(url)
    reply = page.locator(".comment.depth-1")
    assert "Agreed" in reply.inner_text()
    assert reply.get_by_role("link", name="https://example.org/").get_attribute("rel") == (
        "nofollow ugc noopener"
    )

    page.locator("#comments .comment").first.get_by_role("link", name="Edit").click()
    page.get_by_label("Comment").fill("So happy to read this, edited.")
    page.get_by_role("button", name="Save").click()
    assert "So happy to read this, edited." in page.locator("#comments").inner_text()
    stranger.goto(url)
    lenas = stranger.locator("#comments .comment").first
    assert lenas.get_by_role("link", name="Edit").count() == 0  # not from another browser
    screenshot(page, "comments-thread")

    page.locator("#comments .comment").first.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete it").click()
    assert "Your comment is deleted" in page.locator(".messages").inner_text()
    assert list(Comment.objects.values_list("name", flat=True)) == ["Marat"]
    stranger.context.close()


def test_a_bad_comment_comes_back_with_the_text_kept(page, live_server):
    make_blog()
    post = make_post(title="A day in the park", slug="a-day-in-the-park")
    page.goto(live_server.url + post.get_absolute_url())
    fill(page, name="Lena", email="not an email", body="My long and careful comment.")
    page.get_by_role("button", name="Post comment").click()
    assert "Enter a valid email address" in page.content()
    assert page.get_by_label("Comment", exact=True).input_value() == "My long and careful comment."
    screenshot(page, "comments-error")
    assert not Comment.objects.exists()
