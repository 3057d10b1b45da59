"""Every studio page passes axe-core (tests/browser/axe.py) with no violations at 1280 and
390 px, in the light and the dark colour scheme, and nothing is wider than a phone's
screen. The pages hold what they show in use: revisions, pending changes, held comments."""

import pytest

from grassroots.accounts.roles import ADMINISTRATOR
from grassroots.blog import editing, page_editing, pages
from grassroots.comments.models import BlockedTerm
from grassroots.photos import services as photo_services
from tests.browser.axe import axe_or_skip, axe_violations
from tests.browser.studio import staff_context
from tests.factories import make_blog, make_post, make_staff
from tests.photos import corpus
from tests.studio.helpers import make_pending

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")


def studio_paths(user):
    """Each studio page, with the objects that fill it."""
    post = make_post(title="Park day", body="Hello.\n\n> Stay.\n>\n> — Aida")
    for body in ("Hello there.", "Hello there again."):  # public: pending changes
        data = {"title": "Park day", "body": body, "excerpt": "", "tags": ["a"], "cover": None}
        editing.post_edit(post=post, user=user, base_version=post.version, data=data)
    new, old = post.revisions.all()[:2]
    about = pages.page_create(title="About us", body="We.", status="published")
    pages.menu_item_add(page=about)
    for body in ("We are neighbours.", "We are friends."):
        data = {"title": "About us", "slug": "about-us", "body": body, "language": ""}
        about = page_editing.page_save(page=about, user=user, data=data)
    page_new, page_old = about.revisions.all()[:2]
    photo = photo_services.photo_upload(data=corpus.phone_jpeg(), title="Gate")
    comment = make_pending(post, 2)[0]
    BlockedTerm.objects.create(kind="word", value="casino")
    return [
        "/studio/",
        "/studio/guide/",
        "/studio/posts/",
        "/studio/posts/new/",
        f"/studio/posts/{post.pk}/",
        f"/studio/posts/{post.pk}/revisions/",
        f"/studio/posts/{post.pk}/revisions/compare/?from={old.pk}&to={new.pk}",
        f"/studio/posts/{post.pk}/delete/",
        f"/studio/posts/{post.pk}/preview/",
        "/studio/review/",
        "/studio/pages/",
        "/studio/pages/new/",
        f"/studio/pages/{about.pk}/",
        f"/studio/pages/{about.pk}/revisions/",
        f"/studio/pages/{about.pk}/revisions/compare/?from={page_old.pk}&to={page_new.pk}",
        f"/studio/pages/{about.pk}/preview/",
        "/about-us/",  # a page as readers see it
        "/studio/menu/",
        "/studio/comments/",
        f"/studio/comments/{comment.pk}/",
        "/studio/comments/blocklist/",
        "/studio/photos/",
        "/studio/photos/upload/",
        f"/studio/photos/describe/?ids={photo.pk}",
        f"/studio/photos/{photo.pk}/",
        f"/studio/photos/{photo.pk}/delete/",
        # The staff pages the accounts app serves under /studio/.
        "/studio/account/",
        "/studio/account/password/",
        "/studio/account/two-factor/",
        "/studio/staff/",
        "/studio/staff/invite/",
        f"/studio/staff/{user.pk}/",
        "/studio/audit/",
    ]


def test_every_studio_page_passes_axe_in_both_widths_and_schemes(browser, live_server):
    axe_or_skip()
    make_blog()
    admin = make_staff(ADMINISTRATOR, username="admin")
    paths = studio_paths(admin)
    context = staff_context(browser, live_server, admin, bypass_csp=True)
    page = context.new_page()
    found = []
    try:
        for path in paths:
            page.goto(live_server.url + path)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                for scheme in SCHEMES:
                    page.emulate_media(color_scheme=scheme)
                    found += [f"{path} {width}px {scheme}: {v}" for v in axe_violations(page)]
                if page.evaluate("document.documentElement.scrollWidth") > width:
                    found.append(f"{path} {width}px: wider than the screen")
    finally:
        context.close()
    assert not found, "\n".join(found)
