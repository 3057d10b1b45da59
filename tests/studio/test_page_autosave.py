"""The page editor autosaves like the post editor: JSON back, one revision per session,
pending changes on a public page, 409 when someone else saved meanwhile."""

import pytest

from grassroots.blog import page_editing, pages
from grassroots.blog.models import Page
from tests.factories import make_blog

pytestmark = pytest.mark.django_db


@pytest.fixture
def about():
    make_blog()
    return pages.page_create(title="About us", body="We are neighbours.", status="published")


def autosave(client, page, version=None, **fields):
    page.refresh_from_db()
    values = {"slug": page.slug, "language": ""} | page_editing.page_editor_values(page=page)
    values |= {"version": str(page.version if version is None else version)} | fields
    return client.post(f"/studio/pages/{page.pk}/autosave/", values)


def test_autosave_keeps_a_public_pages_text_as_pending_changes(admin_client, client, about):
    answer = autosave(admin_client, about, body="We are **friends**.")
    assert answer.status_code == 200
    data = answer.json()
    about.refresh_from_db()
    assert data["pending"] is True and data["version"] == about.version and data["saved"]
    assert data["autosave_url"] == f"/studio/pages/{about.pk}/autosave/"
    assert "friends" not in client.get("/about-us/").content.decode()
    editor = admin_client.get(f"/studio/pages/{about.pk}/").content.decode()
    assert "We are **friends**." in editor
    # More typing in the same session replaces the autosave revision: one row, not one each.
    autosave(admin_client, about, body="We are **good friends**.")
    assert about.revisions.filter(autosave=True).count() == 1
    about.refresh_from_db()
    assert about.pending.body == "We are **good friends**." and about.body == "We are neighbours."


def test_a_draft_page_takes_its_autosave_at_once(admin_client):
    make_blog()
    draft = pages.page_create(title="Donate", body="Soon.")
    data = autosave(admin_client, draft, body="Give here.").json()
    draft.refresh_from_db()
    assert data["pending"] is False and draft.body == "Give here." and draft.pending is None


def test_a_stale_autosave_is_refused_with_a_409(admin_client, about):
    old = about.version
    autosave(admin_client, about, body="Mine.")
    answer = autosave(admin_client, about, version=old, body="Theirs.")
    assert answer.status_code == 409
    assert answer.json()["conflict"] is True and "saved this page" in answer.json()["error"]
    about.refresh_from_db()
    assert about.pending.body == "Mine."


def test_a_bad_autosave_is_a_400_with_a_message_not_a_500(admin_client, about):
    answer = autosave(admin_client, about, title="")
    assert answer.status_code == 400 and answer.json()["error"]


def test_the_page_editor_carries_its_autosave_address(admin_client, about):
    editor = admin_client.get(f"/studio/pages/{about.pk}/").content.decode()
    assert f'data-autosave-url="/studio/pages/{about.pk}/autosave/"' in editor
    # Hidden until an autosave makes pending changes: editor.js then shows it.
    assert 'value="publish_changes" class="primary" data-pending-shown hidden' in editor
    # A new page autosaves too: its first autosave makes it, as for a new post.
    new = admin_client.get("/studio/pages/new/").content.decode()
    assert 'data-autosave-url="/studio/pages/new/autosave/"' in new


def test_a_new_pages_first_autosave_makes_it_then_saves_it(admin_client):
    make_blog()
    values = {"title": "Donate", "slug": "", "body": "Give", "language": "", "version": "0"}
    data = admin_client.post("/studio/pages/new/autosave/", values).json()
    draft = Page.objects.get()
    assert (draft.title, draft.body, draft.slug) == ("Donate", "Give", "donate")
    assert draft.status == "draft"
    assert data["id"] == draft.pk and data["version"] == draft.version
    assert data["edit_url"] == f"/studio/pages/{draft.pk}/"
    assert data["autosave_url"] == f"/studio/pages/{draft.pk}/autosave/"
    assert data["revisions_url"] == f"/studio/pages/{draft.pk}/revisions/"
    again = values | {"body": "Give here.", "version": str(data["version"])}
    admin_client.post(data["autosave_url"], again)
    draft.refresh_from_db()
    assert draft.body == "Give here." and draft.revisions.filter(autosave=True).count() == 1


def test_a_new_page_without_a_title_is_not_made_and_says_why(admin_client):
    make_blog()
    values = {"title": "", "slug": "", "body": "Give", "language": "", "version": "0"}
    answer = admin_client.post("/studio/pages/new/autosave/", values)
    assert answer.status_code == 400 and answer.json()["error"]
    assert not Page.objects.exists()
