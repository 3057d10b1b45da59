"""The studio without JavaScript: every action is a plain form post. A Contributor submits
a photo story for review, an Editor returns it with a note, then publishes it."""

import pytest

from grassroots.blog.models import Post
from tests.browser.conftest import screenshot
from tests.factories import make_blog
from tests.studio.roles import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long staff password 42"


def sign_in(page, base, username, next_url):
    page.context.clear_cookies()
    page.goto(f"{base}/studio/login/?next={next_url}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")


def test_the_review_round_trip_without_javascript(page, live_server, tmp_path):
    from tests.photos import corpus

    make_blog()
    make_staff("Contributor", "cora", first_name="Cora", email="cora@example.org")
    make_staff("Editor", "eddie", first_name="Eddie", email="eddie@example.org")
    photo = tmp_path / "DSC_0001.jpg"
    photo.write_bytes(corpus.jpeg_bytes(corpus.scene((900, 600))))
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, "cora", "/studio/posts/new/")
    page.fill("#id_title", "River clean-up")
    page.fill("#id_body", "Forty people came.")
    page.set_input_files("input[name=photos]", str(photo))
    page.click("button[value=save]")
    # The photo is at the end of the text, and its alt text is asked for under it.
    assert "photo:" in page.input_value("#id_body")
    assert "has no alt text" in page.locator("#checks").inner_text()
    page.locator("input[name^=alt_]").fill("Volunteers carrying bags along the river")
    page.click("button[value=submit]")
    assert "Submitted for review" in page.locator(".messages").inner_text()
    assert page.locator("button[value=publish]").count() == 0
    screenshot(page, "studio-plain-submitted-390")
    sign_in(page, live_server.url, "eddie", "/studio/review/")
    page.get_by_role("link", name="River clean-up").click()
    page.fill("#id_note", "Please say which river.")
    page.click("button[value=return]")
    sign_in(page, live_server.url, "cora", "/studio/")
    assert "Please say which river." in page.locator(".card.attention").inner_text()
    page.get_by_role("link", name="River clean-up").first.click()
    assert "Please say which river." in page.locator(".note-from-editor").inner_text()
    page.fill("#id_title", "Ural river clean-up")
    page.click("button[value=submit]")
    sign_in(page, live_server.url, "eddie", "/studio/review/")
    page.get_by_role("link", name="Ural river clean-up").click()
    assert "Ready to publish" in page.locator("#checks").inner_text()
    page.click("button[value=publish]")
    post = Post.objects.get()
    assert post.state == "published"
    page.goto(live_server.url + post.get_absolute_url())
    assert page.locator("figure img").get_attribute("alt") == (
        "Volunteers carrying bags along the river"
    )
