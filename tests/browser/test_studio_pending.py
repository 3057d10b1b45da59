"""Pending changes in a real chromium: an autosave on a published post brings "Publish
changes" without a reload, and a published page's change waits until it is published."""

import pytest

from grassroots.blog import pages
from grassroots.blog.models import Page, Post
from tests.factories import make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_autosave_on_a_published_post_shows_publish_changes_at_once(editor_page, live_server):
    post = make_post(title="Park day", body="We met in the park.")
    page = editor_page
    page.goto(f"{live_server.url}/studio/posts/{post.pk}/")
    publish_changes = page.get_by_role("button", name="Publish changes")
    assert publish_changes.is_hidden()
    page.fill("#id_body", "We met in the park, forty of us.")
    page.wait_for_selector("#save-status:has-text(':')")  # "Saved at 12:34", no reload
    publish_changes.wait_for(state="visible")
    assert page.get_by_role("button", name="Discard changes").is_visible()
    assert "readers do not see yet" in page.locator(".notice.warning").inner_text()
    post.refresh_from_db()
    assert post.pending is not None and post.body == "We met in the park."
    publish_changes.click()
    page.wait_for_selector(".messages")
    post.refresh_from_db()
    assert post.pending is None and post.body == "We met in the park, forty of us."
    page.goto(live_server.url + post.get_absolute_url())
    assert "forty of us" in page.locator(".post-body").inner_text()
    assert Post.objects.get().get_absolute_url() == post.get_absolute_url()


def test_a_change_to_a_published_page_waits_until_publish_changes(editor_page, live_server):
    about = pages.page_create(title="About us", body="We are neighbours.", status="published")
    pages.menu_item_add(page=about)
    page = editor_page
    page.goto(f"{live_server.url}/studio/pages/{about.pk}/")
    page.fill("#id_title", "Who we are")
    page.fill("#id_body", "We are **friends** from the river.")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_selector(".messages")
    assert "readers do not see yet" in page.locator(".notice.warning").inner_text()
    page.goto(f"{live_server.url}/about-us/")  # readers: the published page, menu as it was
    assert "We are neighbours." in page.locator(".post-body").inner_text()
    assert page.locator("header").get_by_role("link", name="About us").count() == 1
    page.goto(f"{live_server.url}/studio/pages/{about.pk}/preview/")
    assert "friends" in page.locator(".post-body").inner_text()
    page.goto(f"{live_server.url}/studio/pages/{about.pk}/revisions/")
    assert page.locator("table.revisions tbody tr").count() == 1
    page.goto(f"{live_server.url}/studio/pages/{about.pk}/")
    page.get_by_role("button", name="Publish changes").click()
    page.wait_for_selector(".messages")
    assert Page.objects.get().pending is None
    page.goto(f"{live_server.url}/about-us/")
    assert "friends from the river" in page.locator(".post-body").inner_text()
    assert page.locator("header").get_by_role("link", name="Who we are").count() == 1


def test_a_published_pages_editor_autosaves_as_pending_changes(editor_page, live_server):
    about = pages.page_create(title="About us", body="We are neighbours.", status="published")
    page = editor_page
    page.goto(f"{live_server.url}/studio/pages/{about.pk}/")
    publish_changes = page.get_by_role("button", name="Publish changes")
    assert publish_changes.is_hidden()
    page.fill("#id_body", "We are neighbours by the river.")
    page.wait_for_selector("#save-status:has-text(':')")  # "Saved at 12:34", no button pressed
    publish_changes.wait_for(state="visible")  # without a reload
    assert page.get_by_role("button", name="Discard changes").is_visible()
    assert "readers do not see yet" in page.locator(".notice.warning").inner_text()
    page.reload()
    assert page.locator("#id_body").input_value() == "We are neighbours by the river."
    assert publish_changes.is_visible()
    about.refresh_from_db()
    assert about.pending.body == "We are neighbours by the river."
    assert about.body == "We are neighbours."  # readers still see the published text
    page.wait_for_load_state("networkidle")  # the live preview, before the database is reset


def test_typing_a_published_posts_text_back_leaves_nothing_pending(editor_page, live_server):
    post = make_post(title="Park day", body="We met in the park.")
    page = editor_page
    page.goto(f"{live_server.url}/studio/posts/{post.pk}/")
    publish_changes = page.get_by_role("button", name="Publish changes")
    page.fill("#id_body", "We met in the park, forty of us.")
    publish_changes.wait_for(state="visible")
    page.fill("#id_body", "We met in the park.")
    publish_changes.wait_for(state="hidden")  # the next autosave: nothing waits any more
    assert "This post is public." in page.locator(".notice:not([hidden])").inner_text()
    post.refresh_from_db()
    assert post.pending is None
    page.wait_for_load_state("networkidle")
