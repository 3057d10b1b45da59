"""Every moderation and photo library page passes axe-core (shipped by axe-playwright-python)
with no violations, at desktop and phone width."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from grassroots.comments.models import BlockedTerm
from grassroots.photos import services
from tests.browser.studio import staff_context
from tests.factories import make_blog, make_post, make_staff
from tests.photos import corpus
from tests.studio.helpers import make_pending

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_studio_pages_have_no_accessibility_violations(browser, live_server, width):
    make_blog()
    photo = services.photo_upload(data=corpus.phone_jpeg(), title="Gate")
    post = make_post(title="Gate day", body="Text", cover=None)
    comment = make_pending(post, 2)[0]
    BlockedTerm.objects.create(kind="word", value="casino")
    # axe is injected into the page by Playwright: CSP is lifted for this context only.
    context = staff_context(
        browser, live_server, make_staff("Editor", username="ed"), width=width, bypass_csp=True
    )
    page = context.new_page()
    axe = Axe()
    paths = [
        "/studio/comments/",
        f"/studio/comments/{comment.pk}/",
        "/studio/comments/blocklist/",
        "/studio/photos/",
        "/studio/photos/upload/",
        f"/studio/photos/describe/?ids={photo.pk}",
        f"/studio/photos/{photo.pk}/",
        f"/studio/photos/{photo.pk}/delete/",
    ]
    found = {}
    for path in paths:
        page.goto(live_server.url + path)
        results = axe.run(page)
        if results.violations_count:
            found[path] = results.generate_report()
    context.close()
    assert not found, "\n\n".join(f"{path}\n{report}" for path, report in found.items())
