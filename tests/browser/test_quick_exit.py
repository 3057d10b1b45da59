"""A reader at risk leaves in one click: with JavaScript the neutral site also takes this
page's place in the tab's history and Escape pressed three times does the same; without
JavaScript the button is a plain link that still leaves at once."""

import pytest

from tests.factories import make_blog, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def site(live_server):
    """The quick exit leads to a stand-in for the neutral site (no network in tests)."""
    neutral = live_server.url + "/robots.txt"
    make_blog(quick_exit=True, quick_exit_url=neutral)
    post = make_post(title="Where to find help")
    return live_server.url + post.get_absolute_url(), neutral


def test_without_javascript_the_button_is_a_link_that_leaves(page, live_server):
    post_url, neutral = site(live_server)
    page.goto(post_url)
    button = page.get_by_role("link", name="Leave this site quickly")
    assert button.get_attribute("rel") == "noreferrer"
    button.click()
    assert page.url == neutral
    page.go_back()  # honest limit, said in docs/privacy.md: without JavaScript Back returns
    assert page.url == post_url


@pytest.mark.parametrize("how", ["click", "escape"])
def test_with_javascript_leaving_replaces_the_page_in_history(browser, live_server, how):
    post_url, neutral = site(live_server)
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.goto(post_url)
    if how == "click":
        page.get_by_role("link", name="Leave this site quickly").click()
    else:
        page.locator("body").click()
        for _ in range(3):
            page.keyboard.press("Escape")
    page.wait_for_url(neutral)
    page.go_back()
    assert page.url == live_server.url + "/"  # the post is gone from the tab's history
    context.close()


def test_two_escapes_do_nothing(browser, live_server):
    post_url, _neutral = site(live_server)
    context = browser.new_context()
    page = context.new_page()
    page.goto(post_url)
    page.locator("body").click()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == post_url
    context.close()


def test_no_button_unless_the_administrator_switches_it_on(page, live_server):
    make_blog()
    page.goto(live_server.url + "/")
    assert page.locator(".quick-exit").count() == 0
    assert page.locator("script").count() == 0
