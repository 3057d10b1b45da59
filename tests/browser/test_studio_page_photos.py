"""A standalone page is written in the same editor as a post: the Markdown toolbar and the
photos panel (upload, describe on the card, insert at the cursor), shown on /<slug>/."""

import re

import pytest

from grassroots.blog.models import Page
from grassroots.photos.models import Photo
from tests.browser.studio import close_quietly, staff_context
from tests.browser.walk import phone_photos
from tests.factories import make_blog, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALT = "Volunteers sorting coats at the night shelter"


def test_an_editor_writes_a_page_with_the_toolbar_and_a_described_photo(
    browser, live_server, tmp_path
):
    make_blog()
    context = staff_context(browser, live_server, make_staff("Editor", username="ed"))
    page = context.new_page()
    page.goto(live_server.url + "/studio/pages/new/")
    page.fill("#id_title", "About us")
    page.fill("#id_body", "We are neighbours.")
    # Select "neighbours" and press Bold, as one would with the mouse.
    page.eval_on_selector("#id_body", "el => { el.focus(); el.setSelectionRange(7, 17); }")
    page.get_by_role("toolbar").get_by_role("button", name="Bold").click()
    assert page.input_value("#id_body") == "We are **neighbours**."
    page.wait_for_url(re.compile(r"/studio/pages/\d+/$"))  # its first autosave made it
    page.eval_on_selector("#id_body", "el => { el.focus(); el.setSelectionRange(24, 24); }")
    page.set_input_files("input[type=file][name=photos]", phone_photos(tmp_path, 1))
    card = page.locator(".photo-card").first
    card.wait_for()
    card.get_by_label("Alt text").fill(ALT)
    card.get_by_role("button", name="Insert at cursor").click()
    photo = Photo.objects.get()
    assert f"![](photo:{photo.pk})" in page.input_value("#id_body")
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_selector(".notice, .messages", state="attached")
    assert Page.objects.get().status == Page.Status.PUBLISHED
    page.goto(live_server.url + "/about-us/")
    assert page.locator(".post-body strong, main strong").first.inner_text() == "neighbours"
    image = page.get_by_role("img", name=ALT)
    assert image.count() == 1 and image.is_visible()
    close_quietly(context)
