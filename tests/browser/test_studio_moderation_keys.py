"""Keys in the moderation queue found wanting in the studio walk-through: keys pressed
faster than the server answers, and a bulk action without leaving the keyboard."""

import pytest
from playwright.sync_api import expect

from grassroots.comments.models import Comment
from tests.browser.studio import staff_context
from tests.factories import make_blog, make_post, make_staff
from tests.studio.helpers import make_pending

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue(browser, live_server):
    make_blog()
    comments = make_pending(make_post(title="Park day", slug="park-day"), 6)
    context = staff_context(browser, live_server, make_staff("Moderator", username="mod"))
    page = context.new_page()
    page.goto(live_server.url + "/studio/comments/")
    yield page, comments
    context.close()


def statuses():
    return list(Comment.objects.order_by("-pk").values_list("status", flat=True))


def test_keys_pressed_before_the_answer_act_on_the_next_comments(queue):
    page, _comments = queue
    held = []  # the requests, kept from the server until all three keys are pressed
    page.route("**/comments/act/", lambda route: held.append(route))
    for key in "aas":
        page.keyboard.press(key)
    expect(page.locator(".mod-item:not([hidden])")).to_have_count(3)  # moved on at once
    for _ in range(100):
        if len(held) == 3:
            break
        page.wait_for_timeout(50)
    assert len(held) == 3, f"{len(held)} of 3 requests were sent"
    for route in held:
        route.continue_()
    expect(page.locator(".mod-item")).to_have_count(3)
    assert statuses() == ["approved", "approved", "spam"] + ["pending"] * 3


def test_shift_with_a_key_acts_on_every_ticked_comment(queue):
    page, _comments = queue
    for key in ["x", "j", "j", "x", "Shift+A"]:
        page.keyboard.press(key)
    page.wait_for_selector("text=2 comments approved.")
    assert statuses() == ["approved", "pending", "approved"] + ["pending"] * 3


def press_on_russian_layout(page, letter):
    """The key where `letter` is on a US keyboard, typed with a Russian (ЙЦУКЕН) layout:
    the browser reports the Cyrillic letter as the key and the place as the code."""
    cyrillic = {"j": "о", "k": "л", "a": "ф", "s": "ы", "d": "в", "x": "ч"}[letter]
    cdp = page.context.new_cdp_session(page)
    for kind in ("keyDown", "keyUp"):
        cdp.send(
            "Input.dispatchKeyEvent",
            {
                "type": kind,
                "key": cyrillic,
                "code": f"Key{letter.upper()}",
                "text": cyrillic if kind == "keyDown" else "",
                "windowsVirtualKeyCode": ord(letter.upper()),
            },
        )


def test_the_keys_work_on_a_russian_or_kazakh_keyboard_layout(queue):
    # Moderators writing in ru or kk type with a Cyrillic layout: the same keys must act.
    page, _comments = queue
    for letter in "jasd":
        press_on_russian_layout(page, letter)
    expect(page.locator(".mod-item")).to_have_count(3)
    assert statuses() == ["pending", "approved", "spam", "trash", "pending", "pending"]
