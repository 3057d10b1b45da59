import pytest
from playwright.sync_api import expect

from grassroots.photos import services
from grassroots.photos.models import Photo
from tests.browser.conftest import screenshot
from tests.browser.studio import staff_context
from tests.factories import make_blog, make_post, make_staff
from tests.photos import corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_author_uploads_two_photos_and_gives_them_titles_and_alt_text(
    browser, live_server, tmp_path
):
    make_blog()
    files = []
    for n, data in enumerate([corpus.phone_jpeg(), corpus.png_with_metadata()]):
        path = tmp_path / f"Aigerim_Sadykova_{n}.jpg"
        path.write_bytes(data)
        files.append(str(path))
    context = staff_context(browser, live_server, make_staff("Author", username="writer"))
    page = context.new_page()
    page.goto(live_server.url + "/studio/photos/")
    page.get_by_role("link", name="Upload photos").click()
    page.get_by_label("Photos").set_input_files(files)
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", name="Describe the new photos")).to_be_visible()
    assert "2 photos uploaded and cleaned" in page.content()
    for n in range(2):
        page.locator(f"#id_form-{n}-title").fill(f"Market day {n}")
        page.locator(f"#id_form-{n}-alt_text").fill(f"Stalls with apples, picture {n}")
    page.get_by_role("button", name="Save descriptions").click()
    expect(page.get_by_role("heading", name="Photos")).to_be_visible()
    assert page.locator(".lib-card").count() == 2
    assert "Alt text missing" not in page.content() and "Aigerim" not in page.content()
    screenshot(page, "studio-photo-library")
    titles = sorted(Photo.objects.values_list("title", "alt_text"))
    assert titles == [
        ("Market day 0", "Stalls with apples, picture 0"),
        ("Market day 1", "Stalls with apples, picture 1"),
    ]
    context.close()


def test_deleting_is_refused_while_a_published_post_shows_the_photo(browser, live_server):
    make_blog()
    photo = services.photo_upload(data=corpus.phone_jpeg(), title="Gate", alt_text="A gate")
    make_post(title="Gate day", body=f"![](photo:{photo.pk})")
    context = staff_context(
        browser, live_server, make_staff("Editor", username="ed"), javascript=False
    )
    page = context.new_page()
    page.goto(live_server.url + f"/studio/photos/{photo.pk}/")
    assert "Gate day" in page.content()
    page.get_by_role("link", name="Delete this photo…").click()
    assert "cannot be deleted while these published posts show it" in page.content()
    expect(page.get_by_role("link", name="Gate day")).to_be_visible()
    assert page.get_by_role("button", name="Delete the photo").count() == 0
    screenshot(page, "studio-photo-delete-refused")
    assert Photo.objects.filter(pk=photo.pk).exists()
    context.close()


def test_a_photo_missing_alt_text_stands_out_on_a_phone(browser, live_server):
    make_blog()
    services.photo_upload(data=corpus.phone_jpeg(), title="No words yet")
    context = staff_context(
        browser, live_server, make_staff("Editor", username="ed"), width=390, height=844
    )
    page = context.new_page()
    page.goto(live_server.url + "/studio/photos/")
    card = page.locator(".lib-card.lib-missing-alt")
    expect(card).to_contain_text("Alt text missing")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
