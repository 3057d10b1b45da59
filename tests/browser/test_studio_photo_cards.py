"""The editor's photo cards: alt text and caption are kept as they are typed (not only when
the field is left), and photos uploaded but not yet in the text stay on the post's cards
after a reload until the author removes them."""

import re
import time

import pytest

from grassroots.blog.models import Post, PostPhoto
from grassroots.photos.models import Photo
from tests.browser.studio import close_quietly, staff_context
from tests.browser.walk import phone_photos
from tests.factories import make_blog, make_post, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def author(browser, live_server):
    make_blog()
    user = make_staff("Author", username="ann")
    context = staff_context(browser, live_server, user)
    yield context, user
    close_quietly(context)


def draft_with_a_photo(user, tmp_path, live_server, context):
    from grassroots.photos import services

    with open(phone_photos(tmp_path, 1)[0], "rb") as file:
        photo = services.photo_upload(data=file.read())
    post = make_post(title="Park day", body=f"![](photo:{photo.pk})", status="draft")
    post.authors.set([user.author])
    page = context.new_page()
    page.goto(f"{live_server.url}/studio/posts/{post.pk}/")
    return page, photo


def wait_for(check, seconds=5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not check():
        time.sleep(0.1)
    return check()


def test_alt_text_typed_then_the_tab_closed_at_once_is_kept(author, live_server, tmp_path):
    context, user = author
    page, photo = draft_with_a_photo(user, tmp_path, live_server, context)
    page.locator(f"#alt_{photo.pk}").type("Volunteers under umbrellas", delay=5)
    page.close(run_before_unload=True)  # the field never lost focus
    assert wait_for(lambda: Photo.objects.get().alt_text == "Volunteers under umbrellas")


def test_a_caption_is_saved_a_moment_after_the_last_key(author, live_server, tmp_path):
    context, user = author
    page, photo = draft_with_a_photo(user, tmp_path, live_server, context)
    page.locator(f"#caption_{photo.pk}").type("Rain at ten", delay=5)
    assert wait_for(lambda: Photo.objects.get().caption == "Rain at ten")
    page.reload()
    assert page.input_value(f"#caption_{photo.pk}") == "Rain at ten"


def test_uploaded_photos_stay_on_the_cards_until_removed(author, live_server, tmp_path):
    context, _user = author
    page = context.new_page()
    page.goto(f"{live_server.url}/studio/posts/new/")
    page.fill("#id_title", "Park day")
    page.set_input_files("input[type=file][name=photos]", phone_photos(tmp_path, 3))
    page.wait_for_selector(".photo-card >> nth=2")
    page.wait_for_url(re.compile(r"/studio/posts/\d+/$"))  # the post has its address
    page.reload()  # none of them is in the text yet
    cards = page.locator(".photo-card")
    cards.nth(2).wait_for()
    assert cards.count() == 3
    post = Post.objects.get()
    assert f"/studio/posts/{post.pk}/" in page.url
    first, second, third = Photo.objects.order_by("pk")
    page.locator(f"[data-photo='{first.pk}'] [data-insert]").click()
    page.locator(f"[data-photo='{second.pk}']").get_by_role("button", name="Remove").click()
    assert cards.count() == 2
    assert wait_for(lambda: PostPhoto.objects.count() == 2)  # kept at once, no button pressed
    page.reload()
    cards.nth(1).wait_for()
    shown = [int(card.get_attribute("data-photo")) for card in cards.all()]
    assert shown == [first.pk, third.pk]
    assert f"photo:{first.pk}" in Post.objects.get().body
    assert Photo.objects.count() == 3  # removed from the post, still in the library
