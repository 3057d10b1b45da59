"""axe-core (WCAG 2.2 A/AA and best practice) on every studio page of the writing side,
at phone width in the dark scheme and desktop width in the light one, plus no sideways
scrolling at 390 px. axe-core comes from node_modules (`python3 tools/dev.py setup`)."""

from pathlib import Path

import pytest

from grassroots.blog import editing, pages
from grassroots.blog.models import Page
from tests.factories import make_blog, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "a long staff password 42"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUN = f"axe.run(document, {{runOnly: {TAGS}}}).then(r => r.violations.map(v => v.id))"


def studio_urls(user):
    post = make_post(title="Park day", body="Hello.\n\n> Stay.\n>\n> — Aida")
    for body in ("Hello there.", "Hello there again."):
        data = {"title": "Park day", "body": body, "excerpt": "", "tags": ["a"], "cover": None}
        editing.post_edit(post=post, user=user, base_version=post.version, data=data)
    about = pages.page_create(title="About us", body="We.", status=Page.Status.PUBLISHED)
    pages.menu_item_add(page=about)
    new, old = post.revisions.all()[:2]
    return [
        "/studio/",
        "/studio/posts/",
        "/studio/posts/new/",
        f"/studio/posts/{post.pk}/",
        f"/studio/posts/{post.pk}/revisions/",
        f"/studio/posts/{post.pk}/revisions/compare/?from={old.pk}&to={new.pk}",
        f"/studio/posts/{post.pk}/delete/",
        "/studio/review/",
        "/studio/pages/",
        f"/studio/pages/{about.pk}/",
        "/studio/menu/",
        "/studio/guide/",
        "/about-us/",
    ]


def test_studio_pages_pass_axe_and_fit_a_phone(browser, live_server, django_user_model):
    if not AXE.exists():
        pytest.skip(f"AXE-CORE MISSING at {AXE}: run python3 tools/dev.py setup")
    make_blog()
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    urls = studio_urls(user)
    found = []
    for scheme, width in (("dark", 390), ("light", 1280)):
        # bypass_csp lets the test inject axe; the pages themselves keep their CSP.
        context = browser.new_context(
            bypass_csp=True, color_scheme=scheme, viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        page.goto(live_server.url + "/studio/login/")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", PASSWORD)
        page.click("input[type=submit]")
        for url in urls:
            page.goto(live_server.url + url)
            page.evaluate(AXE.read_text())
            found += [(url, scheme, width, rule) for rule in page.evaluate(RUN)]
            if page.evaluate("document.documentElement.scrollWidth") > width:
                found.append((url, scheme, width, "scrolls sideways"))
        context.close()
    assert found == []
