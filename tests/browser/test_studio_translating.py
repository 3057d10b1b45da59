"""Translating in the studio with a real browser, with and without JavaScript: an Editor
starts a Russian translation from the editor, translates it in place, reaches the original
and the other versions, publishes; a reader then switches between the versions."""

import pytest

from grassroots.blog.models import Post
from tests.browser.conftest import screenshot
from tests.browser.studio import staff_context
from tests.factories import make_blog, make_post
from tests.studio.roles import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [False, True])
def test_an_editor_translates_a_post_and_a_reader_switches_language(
    browser, live_server, javascript
):
    make_blog(language="en")
    editor = make_staff("Editor", "eddie", first_name="Eddie", email="eddie@example.org")
    original = make_post(title="Water rights", slug="water-rights", body="We dug a well.")
    context = staff_context(browser, live_server, editor, javascript=javascript, width=390)
    page = context.new_page()
    page.goto(f"{live_server.url}/studio/posts/{original.pk}/")
    page.get_by_role("button", name="Translate into Русский").click()
    page.wait_for_url(lambda url: f"/studio/posts/{original.pk}/" not in url)
    draft = Post.objects.get(language="ru")
    assert page.url.endswith(f"/studio/posts/{draft.pk}/")
    # The translation starts from the original's text, and says what it translates.
    assert page.input_value("#id_body") == "We dug a well."
    assert page.locator("#id_language").input_value() == "ru"
    head = page.locator(".translation-of")
    assert "Water rights" in head.inner_text()
    page.fill("#id_title", "Право на воду")
    page.fill("#id_body", "Мы выкопали колодец.")
    page.click("button[value=publish]")
    assert page.get_by_role("button", name="Translate into Русский").count() == 0
    screenshot(page, f"studio-translation-390-js-{javascript}")
    # The original is one click away, and lists its translation in turn.
    head.get_by_role("link", name="Water rights").click()
    panel = page.locator(".translations-panel")
    assert panel.get_by_role("link", name="Право на воду").count() == 1
    assert panel.get_by_role("button", name="Translate into Қазақша").count() == 1
    context.close()
    reader = browser.new_context(java_script_enabled=False).new_page()
    reader.goto(live_server.url + original.get_absolute_url())
    reader.locator(".read-in").get_by_role("link", name="Русский").click()
    assert reader.locator("h1").inner_text() == "Право на воду"
    assert reader.locator("html").get_attribute("lang") == "ru"
    reader.locator(".read-in").get_by_role("link", name="English").click()
    assert reader.locator("h1").inner_text() == "Water rights"
    reader.context.close()
