"""Staff write a post in the admin, preview it in the site's look and publish it."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import make_author, make_blog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long staff password 42"


def test_staff_write_preview_and_publish_a_post(page, live_server, django_user_model):
    make_blog()
    make_author(display_name="Dana Omarova", slug="dana")
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.goto(live_server.url + "/admin/login/?next=/admin/blog/post/add/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.fill("#id_title", "Встреча в парке")
    page.fill("#id_body", "We met in the park.\n\n> Come again.\n>\n> — Aida, nurse")
    page.select_option("#id_status", "draft")
    page.select_option("#id_authors", label="Dana Omarova")
    screenshot(page, "blog-admin-write")
    page.click("input[name=_preview]")
    assert "/preview/" in page.url
    assert page.locator("h1").inner_text() == "Встреча в парке"
    assert page.locator("figure.quote figcaption").inner_text() == "— Aida, nurse"
    assert "readers cannot see this post" in page.locator(".preview-banner").inner_text()
    screenshot(page, "blog-admin-preview")
    page.go_back()
    page.goto(live_server.url + "/admin/blog/post/?state=draft")
    page.get_by_role("link", name="Встреча в парке").click()
    assert "/vstrecha-v-parke/" in page.locator(".field-permalink").inner_text()
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.goto(live_server.url + "/posts/")
    assert page.get_by_role("link", name="Встреча в парке").is_visible()


def test_the_rendered_body_in_the_editor_fits_its_column(page, live_server, django_user_model):
    from grassroots.photos import services as photo_services
    from tests.factories import make_post
    from tests.photos import corpus

    make_blog()
    photo = photo_services.photo_upload(
        data=corpus.jpeg_bytes(corpus.scene((2400, 1600))), alt_text="A table", caption="Tea"
    )
    long_line = " ".join(["Volunteers talked with everyone who stopped at the table."] * 12)
    post = make_post(
        title="Park day",
        body=f'{long_line}\n\n> {long_line}\n>\n> — Aida\n\n![A table](photo:{photo.pk} "Tea")',
    )
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + f"/admin/login/?next=/admin/blog/post/{post.pk}/change/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    preview = page.locator(".rendered-preview")
    box = preview.bounding_box()
    assert box["x"] + box["width"] <= 1280
    assert preview.evaluate("el => el.scrollWidth <= el.clientWidth")
    image = preview.locator("img")
    assert image.evaluate("img => img.getBoundingClientRect().width") <= box["width"]
    preview.scroll_into_view_if_needed()
    screenshot(page, "blog-admin-rendered-body")
