"""The old site's addresses answer with a 301 to the new pages after an import, through the
page cache too, and never lead to drafts."""

import pytest
from django.test import Client

from grassroots.blog.models import Author, Page, Post, Tag
from grassroots.photos.models import Photo
from tests.factories import make_blog
from tests.transfer import wxr_fixture
from tests.transfer.importing import run_import, write_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    make_blog(time_zone="Asia/Almaty")
    uploads = wxr_fixture.make_uploads(tmp_path / "uploads")
    run_import("wordpress", write_export(tmp_path), tmp_path, "--media", str(uploads))
    return Client()


def _moved(client, address):
    response = client.get(address)
    assert response.status_code == 301, (address, response.status_code)
    return response["Location"]


def test_old_post_addresses_lead_to_the_new_permalink(imported):
    report = Post.objects.get(title="Весенний отчёт").get_absolute_url()
    first = Post.objects.get(slug="outreach-week").get_absolute_url()
    assert report == "/2019/05/03/otchet/"
    for address in (
        "/?p=19",
        "/?p=19&utm_source=newsletter",
        "/2019/05/03/%D0%BE%D1%82%D1%87%D1%91%D1%82/",
        "/2019/05/03/%D0%BE%D1%82%D1%87%D1%91%D1%82",
        "/2019/05/%D0%BE%D1%82%D1%87%D1%91%D1%82/",
    ):
        assert _moved(imported, address) == report
    assert _moved(imported, "/?p=10") == first
    assert imported.get(first).status_code == 200


def test_terms_authors_and_attachments_lead_to_their_new_pages(imported):
    news, reports = Tag.objects.get(name="Новости"), Tag.objects.get(name="Reports")
    author = Author.objects.get(display_name="Айгерим Садыкова")
    first = Post.objects.get(slug="outreach-week")
    assert _moved(imported, "/category/news/") == news.get_absolute_url()
    assert _moved(imported, "/category/news/reports/") == reports.get_absolute_url()
    assert _moved(imported, "/category/reports") == reports.get_absolute_url()
    assert _moved(imported, "/tag/flood/") == Tag.objects.get(name="flood").get_absolute_url()
    assert _moved(imported, "/author/aigerim/") == author.get_absolute_url()
    assert _moved(imported, "/?attachment_id=101") == first.get_absolute_url()
    march = Photo.objects.get(alt_text="People marching along the river")
    assert _moved(imported, "/wp-content/uploads/2019/05/march.jpg") == march.rendition_url()


def test_drafts_and_unknown_addresses_are_not_redirected(imported):
    # Drafts (a private post) give away nothing: plain 404 or home.
    assert imported.get("/2019/05/03/private-notes/").status_code == 404
    assert imported.get("/?p=14").status_code == 200
    assert imported.get("/?p=99999").status_code == 200
    assert imported.get("/category/nothing-here/").status_code == 404
    # The scheduled post is not public until its time.
    assert imported.get("/?p=12").status_code == 200


def test_old_page_addresses_lead_to_the_imported_page(tmp_path):
    make_blog(time_zone="Asia/Almaty")
    extra = "".join([
        wxr_fixture.item(42, "Search tips", kind="page", name="search", content="Use words.",
                         link=f"{wxr_fixture.SITE}/tips/search/"),
        wxr_fixture.item(43, "Contact", kind="page", status="draft", name="contact",
                         content="Soon.", link=f"{wxr_fixture.SITE}/contact/"),
    ])  # fmt: skip
    run_import("wordpress", write_export(tmp_path, extra_items=extra), tmp_path)
    client = Client()
    about = Page.objects.get(title="About us")
    assert _moved(client, "/?page_id=20") == "/about/" == about.get_absolute_url()
    assert client.get("/about/").status_code == 200
    tips = Page.objects.get(title="Search tips")
    assert tips.slug != "search"
    for address in ("/?page_id=42", "/tips/search/", "/?p=42"):
        assert _moved(client, address) == tips.get_absolute_url()
    assert client.get(tips.get_absolute_url()).status_code == 200
    # A draft page gives nothing away, until it is published.
    assert client.get("/?page_id=43").status_code == 200
    assert client.get("/contact/").status_code == 404
    from grassroots.blog.pages import page_update

    page_update(page=Page.objects.get(title="Contact"), status=Page.Status.PUBLISHED)
    assert _moved(client, "/?page_id=43") == "/contact/"


def test_a_draft_published_later_is_found_at_its_old_address(imported):
    from grassroots.blog.services import post_publish

    private = Post.objects.get(title="Private notes")
    post_publish(post=private)
    assert _moved(imported, "/?p=14") == Post.objects.get(pk=private.pk).get_absolute_url()


def test_the_page_cache_never_answers_an_old_address_with_the_home_page(imported, settings):
    settings.GRASSROOTS_PAGE_CACHE_SECONDS = 300
    first = Post.objects.get(slug="outreach-week").get_absolute_url()
    home = imported.get("/")
    assert home.status_code == 200
    assert imported.get("/").headers.get("X-Page-Cache") == "hit"
    for _ in range(2):
        assert _moved(imported, "/?p=10") == first
    missing = imported.get("/?p=424242")
    assert missing.status_code == 200
    assert _moved(imported, "/2019/05/03/%D0%BE%D1%82%D1%87%D1%91%D1%82") == "/2019/05/03/otchet/"
