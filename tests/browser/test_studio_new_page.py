"""A new page keeps what is typed as a new post does: its first autosave makes it, and the
browser keeps a copy until the server has one, so a killed browser or a lost connection
costs at most a few seconds of typing."""

import os
import signal
import time

import pytest

from grassroots.blog.models import Page
from tests.browser.studio import close_quietly, staff_context
from tests.browser.test_studio_walkthrough import launch_killable_chromium
from tests.factories import make_blog, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_pages_text_comes_back_after_the_browser_is_killed_mid_sentence(
    browser, live_server, tmp_path
):
    make_blog()
    editor = make_staff("Editor", username="ed")
    process, killable = launch_killable_chromium(browser, tmp_path / "profile")
    try:
        context = killable.contexts[0]
        context.add_cookies(staff_context(browser, live_server, editor).cookies())
        page = context.new_page()
        page.goto(live_server.url + "/studio/pages/new/")
        page.fill("#id_title", "Donate")
        page.click("#id_body")
        page.keyboard.type("Every tenge goes to the night shelter.", delay=5)
        time.sleep(4)  # a few seconds of quiet: no button pressed
        page.keyboard.type(" Cards and cash are we", delay=5)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the whole browser, mid-sentence
        process.wait()
    context = staff_context(browser, live_server, editor)
    page = context.new_page()
    page.goto(live_server.url + "/studio/pages/")
    page.get_by_role("link", name="Donate").click()
    assert page.input_value("#id_body").startswith("Every tenge goes to the night shelter.")
    assert Page.objects.get().status == Page.Status.DRAFT
    close_quietly(context)


def test_a_new_page_keeps_its_text_in_the_browser_while_the_connection_is_lost(
    browser, live_server
):
    make_blog()
    context = staff_context(browser, live_server, make_staff("Editor", username="ed"))
    context.route("**/autosave/", lambda route: route.abort())  # the connection is gone
    page = context.new_page()
    page.goto(live_server.url + "/studio/pages/new/")
    page.fill("#id_title", "Contact")
    page.fill("#id_body", "Write to us at the shelter.")
    page.wait_for_selector("#save-status:has-text('Not saved')")
    page.close()
    again = context.new_page()  # /studio/pages/new/ comes blank from the server
    again.goto(live_server.url + "/studio/pages/new/")
    assert again.input_value("#id_title") == "Contact"
    assert again.input_value("#id_body") == "Write to us at the shelter."
    post = context.new_page()  # a new post is another text: it does not take the page's
    post.goto(live_server.url + "/studio/posts/new/")
    assert post.input_value("#id_body") == ""
    close_quietly(context)
