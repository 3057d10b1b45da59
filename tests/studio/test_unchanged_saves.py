"""Saving a public post or page without changing its text keeps no pending revision: readers
already see that text, so "Publish changes" would publish nothing. A real change still waits."""

import pytest

from grassroots.blog import editing, page_editing, pages
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db

BODY = "Volunteers met forty people this week."


@pytest.fixture
def post():
    make_blog()
    return make_post(title="Outreach week", body=BODY, tags=[])


@pytest.fixture
def about():
    make_blog()
    return pages.page_create(title="About us", body="We are neighbours.", status="published")


def post_form(post, **fields):
    """The post editor's form as the browser sends it: the text and version it shows now."""
    post.refresh_from_db()
    shown = editing.post_editor_values(post=post)
    values = {
        "version": str(post.version),
        "title": shown["title"],
        "body": shown["body"],
        "excerpt": shown["excerpt"],
        "tags": ", ".join(shown["tags"]),
        "language": "",
        "comments_open": "on",
        "action": "save",
    }
    return values | fields


def page_form(page, **fields):
    page.refresh_from_db()
    values = {"slug": page.slug, "language": "", "action": "save"}
    values |= page_editing.page_editor_values(page=page) | {"version": str(page.version)}
    return values | fields


def test_saving_a_public_posts_unchanged_text_keeps_nothing_pending(admin_client, post):
    response = admin_client.post(f"/studio/posts/{post.pk}/", post_form(post), follow=True)
    post.refresh_from_db()
    assert post.pending is None and post.revisions.count() == 0
    page = response.content.decode()
    assert "Nothing to publish: readers already see this text." in page
    assert '<p class="notice warning" data-pending-shown hidden>' in page  # "not seen yet"
    answer = admin_client.post(f"/studio/posts/{post.pk}/autosave/", post_form(post)).json()
    post.refresh_from_db()
    assert answer["pending"] is False and post.pending is None and post.revisions.count() == 0


def test_a_real_change_to_a_public_post_still_waits_as_pending(admin_client, post):
    admin_client.post(f"/studio/posts/{post.pk}/", post_form(post, body=BODY + " More."))
    post.refresh_from_db()
    assert post.pending.body == BODY + " More." and post.body == BODY


def test_typing_back_to_the_public_text_leaves_nothing_pending(admin_client, post):
    url = f"/studio/posts/{post.pk}/autosave/"
    assert admin_client.post(url, post_form(post, body=BODY + " Oops")).json()["pending"]
    answer = admin_client.post(url, post_form(post, body=BODY)).json()
    post.refresh_from_db()
    assert answer["pending"] is False and post.pending is None and post.body == BODY
    assert answer["version"] == post.version


def test_saving_a_public_pages_unchanged_text_keeps_nothing_pending(admin_client, about):
    response = admin_client.post(f"/studio/pages/{about.pk}/", page_form(about), follow=True)
    about.refresh_from_db()
    assert about.pending is None and about.revisions.count() == 0
    assert "Nothing to publish: readers already see this text." in response.content.decode()
    answer = admin_client.post(f"/studio/pages/{about.pk}/autosave/", page_form(about)).json()
    about.refresh_from_db()
    assert answer["pending"] is False and about.pending is None and about.revisions.count() == 0
    admin_client.post(f"/studio/pages/{about.pk}/", page_form(about, body="We are friends."))
    about.refresh_from_db()
    assert about.pending.body == "We are friends." and about.body == "We are neighbours."
