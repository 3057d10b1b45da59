"""The static mirror, served by a plain file server (python -m http.server) with no
Grassroots running, and opened from disk as from a USB stick: a reader browses from home to
a post, its photos and a tag, with the stylesheet applied and no request to another site."""

import subprocess
import sys
import time
import urllib.request
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from tests.browser.conftest import screenshot
from tests.conftest import free_port
from tests.transfer.helpers import load_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def mirror_server(tmp_path):
    load_site()
    target = tmp_path / "mirror"
    call_command("export", "static", str(target), stdout=StringIO())
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=target,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/index.html", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base, target
    server.terminate()
    server.wait(10)


def watch(page):
    seen = {"hosts": set(), "failed": []}
    page.on("request", lambda request: seen["hosts"].add(urlsplit(request.url).netloc))
    page.on(
        "response",
        lambda response: response.status >= 400 and seen["failed"].append(response.url),
    )
    return seen


def read_a_post(page, start):
    page.goto(start)
    assert page.locator("header .blog-title").inner_text() == "Open Steppe: field notes"
    # The stylesheet came from the mirror: the skip link is moved off screen (left) by site.css.
    assert page.locator(".skip-link").bounding_box()["x"] < 0
    page.get_by_role("link", name="All posts").first.click()
    page.get_by_role("link", name="A day in the park").first.click()
    assert page.locator("h1").inner_text() == "A day in the park"
    images = page.locator(".post img")
    assert images.count() >= 2
    for n in range(images.count()):
        assert images.nth(n).evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator(".comment-list .comment").count() >= 1
    assert page.locator("form").count() == 0
    assert page.locator(".mirror-note").is_visible()
    page.locator(".tags a").first.click()
    assert "/tags/" in page.url
    assert page.locator("h1").is_visible()


def test_a_reader_browses_the_mirror_from_a_plain_file_server(page, mirror_server):
    base, _target = mirror_server
    seen = watch(page)
    read_a_post(page, base + "/")
    screenshot(page, "mirror-tag")
    assert seen["hosts"] == {urlsplit(base).netloc}
    assert seen["failed"] == []


def test_the_mirror_opens_from_disk_like_a_usb_stick(page, mirror_server):
    _base, target = mirror_server
    seen = watch(page)
    read_a_post(page, (target / "index.html").as_uri())
    assert seen["hosts"] == {""}  # file:// only
