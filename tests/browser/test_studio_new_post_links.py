"""A new post's links appear once its first autosave gives it an address, without a
reload; the reader preview of a post or a page leads back to its editor."""

import pytest

from grassroots.blog import pages
from grassroots.blog.models import Post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_posts_links_appear_after_its_first_autosave(editor_page, live_server):
    page = editor_page
    page.goto(f"{live_server.url}/studio/posts/new/")
    preview = page.get_by_role("link", name="Preview as a reader")
    assert preview.is_hidden()
    page.fill("#id_title", "Park day")
    page.fill("#id_body", "We met in the park.")
    page.wait_for_selector("#save-status:has-text(':')")
    preview.wait_for(state="visible")  # no reload
    post = Post.objects.get()
    revisions = page.get_by_role("link", name="Revisions")
    assert revisions.get_attribute("href") == f"/studio/posts/{post.pk}/revisions/"
    assert page.locator("#share-form").get_attribute("action") == f"/studio/posts/{post.pk}/share/"
    page.get_by_role("button", name="Make a private preview link").click()
    page.wait_for_selector(".messages")
    assert f"/studio/posts/{post.pk}/" in page.url
    preview.click()
    page.wait_for_selector(".preview-banner")
    assert "We met in the park." in page.locator(".post-body").inner_text()
    page.locator(".preview-banner").get_by_role("link", name="Back to editing").click()
    page.wait_for_url(f"**/studio/posts/{post.pk}/")
    page.wait_for_load_state("networkidle")  # its live preview, before the database is reset


def test_a_page_preview_leads_back_to_its_editor(editor_page, live_server):
    about = pages.page_create(title="About us", body="We are neighbours.", status="published")
    page = editor_page
    page.goto(f"{live_server.url}/studio/pages/{about.pk}/preview/")
    assert page.locator(".post-body").get_by_role("link").count() == 0  # not in the text
    page.locator(".preview-banner").get_by_role("link", name="Back to editing").click()
    page.wait_for_url(f"**/studio/pages/{about.pk}/")
    page.wait_for_load_state("networkidle")  # its live preview, before the database is reset
    # Readers never get the link.
    page.goto(f"{live_server.url}/about-us/")
    assert page.get_by_role("link", name="Back to editing").count() == 0
