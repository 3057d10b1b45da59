"""blog/page_editing.py and blog/revisions.py: a page's studio saves keep revisions, and
pending changes stay out of everything readers reach until they are published."""

import pytest
from django.core.exceptions import ValidationError

from grassroots.accounts.roles import EDITOR
from grassroots.blog import page_editing, pages
from grassroots.blog.models import Blog, Page
from grassroots.blog.revisions import EditConflict
from tests.factories import make_blog, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    make_blog()
    return make_staff(EDITOR, username="ed")


def data(**fields):
    return {"title": "Contact", "slug": "contact", "body": "Write to us.", "language": ""} | fields


def test_pending_page_text_is_not_searched_nor_in_the_sitemap_until_published(client, editor):
    page = pages.page_create(title="Contact", body="Write to us.", status=Page.Status.PUBLISHED)
    page_editing.page_save(page=page, user=editor, data=data(body="Call the hotline."))
    assert "Contact" not in client.get("/search/?q=hotline").content.decode()
    page.refresh_from_db()
    page_editing.page_act(page=page, user=editor, action="publish_changes")
    assert "Contact" in client.get("/search/?q=hotline").content.decode()
    assert "/contact/" in client.get("/sitemap.xml").content.decode()


def test_publishing_a_draft_page_with_a_new_title_renames_its_menu_link(editor):
    page = page_editing.page_save(page=None, user=editor, data=data(), action="publish")
    pages.menu_item_add(page=page)
    page_editing.page_save(page=page, user=editor, data=data(title="Write to us"))
    assert [link["text"] for link in Blog.objects.get().menu] == ["Contact"]
    page.refresh_from_db()
    page_editing.page_act(page=page, user=editor, action="publish_changes")
    assert [link["text"] for link in Blog.objects.get().menu] == ["Write to us"]


def test_unpublishing_takes_the_pending_text_with_it(editor):
    page = page_editing.page_save(page=None, user=editor, data=data(), action="publish")
    page = page_editing.page_save(page=page, user=editor, data=data(body="Newer."))
    page_editing.page_act(page=page, user=editor, action="unpublish")
    page.refresh_from_db()
    assert page.status == Page.Status.DRAFT and page.body == "Newer." and page.pending is None


def test_a_stale_version_is_refused_unless_forced(editor):
    page = page_editing.page_save(page=None, user=editor, data=data())
    stale = page.version
    page_editing.page_save(page=page, user=editor, data=data(body="Theirs."), base_version=stale)
    with pytest.raises(EditConflict):
        page_editing.page_save(page=page, user=editor, data=data(body="Mine."), base_version=stale)
    page_editing.page_save(
        page=page, user=editor, data=data(body="Mine."), base_version=stale, force=True
    )
    assert [r.body for r in page.revisions.all()] == ["Mine.", "Theirs.", "Write to us."]


def test_publish_changes_with_nothing_pending_is_refused(editor):
    page = page_editing.page_save(page=None, user=editor, data=data(), action="publish")
    with pytest.raises(ValidationError):
        page_editing.page_act(page=page, user=editor, action="publish_changes")
