"""Pages in the studio keep revisions like posts, and changes to a published page wait
until "Publish changes": readers, the address and the menu stay as they were."""

import pytest

from grassroots.accounts.models import AuditEntry
from grassroots.blog import page_editing, pages
from tests.factories import make_blog

pytestmark = pytest.mark.django_db


@pytest.fixture
def about():
    make_blog()
    page = pages.page_create(title="About us", body="We are neighbours.", status="published")
    pages.menu_item_add(page=page)
    return page


def send(client, page, **fields):
    """The page editor's form as the browser sends it: the text and version it shows now."""
    page.refresh_from_db()
    shown = page_editing.page_editor_values(page=page)
    values = {"slug": page.slug, "language": ""} | shown
    values |= {"version": str(page.version), "action": "save"} | fields
    return client.post(f"/studio/pages/{page.pk}/", values)


def test_changes_to_a_published_page_wait_until_publish_changes(admin_client, client, about):
    send(admin_client, about, title="Who we are", body="We are **friends**.")
    about.refresh_from_db()
    assert about.pending is not None and about.revisions.count() == 1
    public = client.get("/about-us/").content.decode()
    assert "We are neighbours." in public and "friends" not in public
    assert ">About us</a>" in client.get("/").content.decode()  # the menu keeps its title
    editor = admin_client.get(f"/studio/pages/{about.pk}/").content.decode()
    assert "We are **friends**." in editor and "Publish changes" in editor
    preview = admin_client.get(f"/studio/pages/{about.pk}/preview/").content.decode()
    assert "<strong>friends</strong>" in preview and "Who we are" in preview

    send(admin_client, about, action="publish_changes")
    about.refresh_from_db()
    assert about.pending is None and about.title == "Who we are"
    assert about.slug == "about-us"  # the permalink stays
    public = client.get("/about-us/").content.decode()
    assert "<strong>friends</strong>" in public
    assert ">Who we are</a>" in client.get("/").content.decode()
    assert AuditEntry.objects.filter(action="page.publish_changes").exists()


def test_discarding_page_changes_keeps_the_published_text(admin_client, client, about):
    send(admin_client, about, body="Dropped words.")
    response = send(admin_client, about, body="Dropped words.", action="discard_changes")
    assert response.status_code == 302
    about.refresh_from_db()
    assert about.pending is None and about.body == "We are neighbours."
    assert "Dropped words." not in admin_client.get(f"/studio/pages/{about.pk}/").content.decode()


def test_a_draft_page_takes_each_save_and_keeps_a_revision(admin_client, about):
    draft = pages.page_create(title="Donate", body="Soon.")
    send(admin_client, draft, body="Give here.")
    send(admin_client, draft, body="Give here, please.")
    draft.refresh_from_db()
    assert draft.body == "Give here, please." and draft.pending is None
    assert [r.body for r in draft.revisions.all()] == ["Give here, please.", "Give here."]


def test_page_revisions_list_compare_and_restore(admin_client, client, about):
    send(admin_client, about, body="Second words.")
    send(admin_client, about, body="Third words.")
    old, new = about.revisions.order_by("saved_at", "pk")
    listing = admin_client.get(f"/studio/pages/{about.pk}/revisions/").content.decode()
    assert "unpublished changes" in listing and f"/revisions/{old.pk}/restore/" in listing
    diff = admin_client.get(
        f"/studio/pages/{about.pk}/revisions/compare/?from={new.pk}&to={old.pk}"
    ).content.decode()
    assert "<del>Second</del>" in diff and "<ins>Third</ins>" in diff  # older first
    admin_client.post(f"/studio/pages/{about.pk}/revisions/{old.pk}/restore/")
    about.refresh_from_db()
    assert about.pending.body == "Second words." and about.revisions.count() == 3
    assert about.body == "We are neighbours."  # restored as pending: readers wait for it
    assert "We are neighbours." in client.get("/about-us/").content.decode()


def test_a_stale_page_save_is_refused_and_the_text_stays_in_the_form(admin_client, about):
    stale = str(about.version)
    send(admin_client, about, body="Someone else's words.")
    response = admin_client.post(
        f"/studio/pages/{about.pk}/",
        {"title": "About us", "slug": "about-us", "body": "My words.", "language": "",
         "version": stale, "action": "save"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "Someone saved this page" in html
    assert "My words." in html and "Save my text anyway" in html
    about.refresh_from_db()
    assert about.pending.body == "Someone else's words."
