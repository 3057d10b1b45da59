"""A reader with a comment waiting for moderation still sees everyone else's approved
comments as approved: no waiting tint, and their Reply links (issue 12, item 10a)."""

import pytest

from grassroots.comments import services
from tests.browser.conftest import screenshot
from tests.factories import make_blog, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_approved_comments_keep_their_look_and_reply_link_beside_a_held_one(
    browser, live_server, settings, javascript
):
    settings.GRASSROOTS_COMMENT_MIN_SECONDS = 0
    make_blog()
    post = make_post(title="A day in the park", slug="a-day-in-the-park")
    services.comment_import(post=post, name="Aigerim", email="a@example.org", body="Approved one.")
    url = live_server.url + post.get_absolute_url()

    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(url)
    page.get_by_label("Name").fill("Lena")
    page.get_by_label("Email", exact=True).fill("lena@example.org")
    page.get_by_label("Comment", exact=True).fill("My first words here.")
    page.get_by_role("button", name="Post comment").click()

    assert "My first words here." in page.locator(".comments-held").inner_text()
    approved = page.locator(".comment", has_text="Approved one.")
    assert "comment-held" not in approved.get_attribute("class")
    assert approved.get_by_role("link", name="Reply to Aigerim").count() == 1
    held = page.locator(".comments-held .comment")
    assert "comment-held" in held.get_attribute("class")
    assert held.get_by_role("link", name="Reply to Lena").count() == 0
    screenshot(page, f"comments-held-beside-approved-{'js' if javascript else 'no-js'}")
    context.close()
