"""A real chromium (Debian's /usr/bin/chromium) driven by Playwright. Where chromium is missing
the browser tests skip with a loud reason; with GRASSROOTS_REQUIRE_BROWSER=1 (CI) they fail."""

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("GRASSROOTS_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"BROWSER TESTS SKIPPED: no chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("GRASSROOTS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


@pytest.fixture
def editor_page(browser, live_server):
    """An Editor's studio tab at phone width that fails the test on any script error."""
    from grassroots.accounts.roles import EDITOR
    from tests.browser.studio import close_quietly, staff_context
    from tests.factories import make_blog, make_staff

    make_blog()
    context = staff_context(browser, live_server, make_staff(EDITOR, username="ed"), width=390)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    close_quietly(context)
    assert errors == []
