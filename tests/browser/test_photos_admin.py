"""An editor in a real chromium (JavaScript on, as staff pages allow): uploads several photos
with a progress bar, then marks a region to blur by dragging on the preview."""

import pytest
from django.contrib.auth import get_user_model

from grassroots.photos.models import Photo
from tests.browser.conftest import screenshot
from tests.photos import corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long staff password 1"


@pytest.fixture
def editor_page(browser, live_server):
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    yield page
    context.close()


def test_an_editor_uploads_several_photos_and_marks_a_face(editor_page, live_server, tmp_path):
    page = editor_page
    files = []
    for name, data in [
        ("one.jpg", corpus.phone_jpeg()),
        ("two.heic", corpus.heic()),
        ("bad.jpg", corpus.html_named_jpg()),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        files.append(str(path))
    page.goto(live_server.url + "/admin/photos/photo/add/")
    page.set_input_files("input[type=file]", files)
    page.click("input[type=submit][value='Upload and clean']")
    page.wait_for_url("**/admin/photos/photo/")
    assert "2 photos uploaded and cleaned" in page.content()
    assert "Not stored: bad.jpg." in page.content()
    assert Photo.objects.count() == 2
    screenshot(page, "photos-admin-list")

    photo = Photo.objects.order_by("pk").first()
    page.goto(live_server.url + f"/admin/photos/photo/{photo.pk}/change/")
    assert "GPS position" in page.content()
    preview = page.locator("img.photo-preview")
    box = preview.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] + 100, steps=5)
    page.mouse.up()
    typed = page.locator("textarea.photo-regions").input_value()
    x, y, w, h = (int(v) for v in typed.split(","))
    assert w > 50 and h > 40 and x < 60 and y < 60
    page.check("input[name=blur_now]")
    page.fill("#id_alt_text", "A person at the table")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/photos/photo/")
    photo.refresh_from_db()
    assert photo.blurred_regions == 1 and photo.alt_text == "A person at the table"
    screenshot(page, "photos-admin-after-blur")
