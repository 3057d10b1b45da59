"""A Russian reader searches from a Russian post: real chromium, JavaScript off."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import make_blog, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_searches_in_russian_from_a_russian_post(page, live_server):
    make_blog(language="en")
    original = make_post(
        title="Rights at the border", slug="rights-at-the-border", body="Know your rights."
    )
    russian = make_post(
        title="Права на границе",
        slug="prava-na-granitse",
        language="ru",
        translation_of=original,
        body="Что делать, если ваши права нарушены. Поговорим о правах задержанных.",
    )
    page.goto(live_server.url + russian.get_absolute_url())
    page.get_by_role("link", name="Поиск").click()
    assert page.url.endswith("/ru/search/")
    page.get_by_label("Поиск по записям").fill("ПРАВАМИ")
    page.get_by_role("button", name="Поиск").click()

    assert "/ru/search/?q=" in page.url
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_label("Поиск по записям").input_value() == "ПРАВАМИ"
    results = page.locator("ol.results > li")
    # The Russian translation alone: "правами" finds "права" and "правах" by their stem.
    assert results.count() == 1
    assert results.locator("a").get_attribute("href") == russian.get_absolute_url()
    marked = results.locator("mark").all_inner_texts()
    assert "Права" in marked and "правах" in marked
    screenshot(page, "search-ru")
