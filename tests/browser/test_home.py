import pytest

from tests.browser.conftest import screenshot
from tests.factories import make_blog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_sees_the_blog_identity_and_navigation(page, live_server):
    make_blog(organisation_name="Riverbank Rights Network", title="Riverbank notes")
    page.goto(live_server.url + "/")
    assert page.locator("header .organisation a").text_content() == "Riverbank Rights Network"
    assert page.locator("header .blog-title").inner_text() == "Riverbank notes"
    assert page.get_by_role("link", name="All posts").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("footer").is_visible()
    screenshot(page, "home")


def test_the_page_fits_a_small_phone_without_sideways_scrolling(page, live_server):
    make_blog()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    screenshot(page, "home-320")
