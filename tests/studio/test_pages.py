"""Pages at /<slug>/ and the menu in the header and footer."""

import pytest

from grassroots.blog import pages
from grassroots.blog.models import MenuItem, Page
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def blog():
    return make_blog()


def test_a_page_is_written_published_and_shown_at_its_address(admin_client, client):
    admin_client.post(
        "/studio/pages/new/",
        {
            "title": "About us",
            "slug": "",
            "body": "We are **neighbours**.",
            "language": "",
            "action": "publish",
        },
    )
    page = Page.objects.get()
    assert page.slug == "about-us" and page.is_public
    html = client.get("/about-us/").content.decode()
    assert "<strong>neighbours</strong>" in html
    assert "/about-us/" in client.get("/sitemap.xml").content.decode()
    assert "About us" in client.get("/search/?q=neighbours").content.decode()


def test_without_javascript_a_photo_chosen_on_a_page_goes_at_the_end_with_its_alt_text(
    admin_client, client
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from grassroots.photos.models import Photo
    from tests.photos import corpus

    upload = SimpleUploadedFile("shelter.jpg", corpus.jpeg_bytes(corpus.scene((1200, 800))))
    data = {"title": "Donate", "slug": "", "body": "Thanks.", "language": "", "photos": upload}
    admin_client.post("/studio/pages/new/", data | {"action": "save"})
    page, photo = Page.objects.get(), Photo.objects.get()
    assert page.body.endswith(f"![](photo:{photo.pk})\n")
    edit = {"title": "Donate", "slug": "donate", "body": page.body, "language": ""}
    edit |= {f"alt_{photo.pk}": "The shelter kitchen", "action": "publish"}
    admin_client.post(f"/studio/pages/{page.pk}/", edit)
    assert 'alt="The shelter kitchen"' in client.get("/donate/").content.decode()


def test_a_page_can_never_take_an_address_the_site_uses(admin_client):
    make_post(title="Outreach")
    for slug in ("posts", "studio", "admin", "2024", "feed", "search", "tags"):
        response = admin_client.post(
            "/studio/pages/new/", {"title": "Clash", "slug": slug, "body": "x", "language": ""}
        )
        assert response.status_code == 200, slug
        assert "already uses this address" in response.content.decode(), slug
    assert not Page.objects.exists()


def test_a_draft_page_is_not_public(client):
    pages.page_create(title="Donate", body="Soon.")
    assert client.get("/donate/").status_code == 404


def test_the_menu_is_ordered_with_buttons_and_shown_in_header_and_footer(admin_client, client):
    about = pages.page_create(title="About us", status=Page.Status.PUBLISHED)
    donate = pages.page_create(title="Donate", status=Page.Status.PUBLISHED)
    admin_client.post("/studio/menu/", {"page": about.pk, "label": "", "url": ""})
    admin_client.post("/studio/menu/", {"page": donate.pk, "label": "", "url": ""})
    admin_client.post("/studio/menu/", {"page": "", "label": "All posts", "url": "/posts/"})
    donate_item = MenuItem.objects.get(page=donate)
    admin_client.post(f"/studio/menu/{donate_item.pk}/", {"action": "up"})
    assert [item.text for item in MenuItem.objects.all()] == ["Donate", "About us", "All posts"]
    html = client.get("/").content.decode()
    header, footer = html.split("<main")[0], html.split("</main>")[1]
    for part in (header, footer):
        assert part.index('href="/donate/"') < part.index('href="/about-us/"')
    ids = list(MenuItem.objects.values_list("pk", flat=True))
    admin_client.post("/studio/menu/order/", {"ids": [ids[2], ids[0], ids[1]]})
    assert [item.text for item in MenuItem.objects.all()] == ["All posts", "Donate", "About us"]


def test_a_menu_link_needs_a_page_or_an_address(admin_client):
    response = admin_client.post(
        "/studio/menu/", {"page": "", "label": "x", "url": "javascript:alert(1)"}
    )
    assert response.status_code == 200 and not MenuItem.objects.exists()
