"""The studio tried as a new user would (issue 9, "How we will check"), on a phone-sized and a
desktop-sized chromium: each person's steps are counted and timed (tests/browser/walk.py;
the figures are in docs/studio-walkthrough.md)."""

import datetime
import os
import signal
import subprocess
import time
import zoneinfo

import pytest
from django.core import mail

from grassroots.accounts.models import AuditEntry
from grassroots.blog.models import Post
from grassroots.comments.models import Comment
from tests.browser import walk as story
from tests.browser.conftest import ARGS, CHROMIUM
from tests.browser.studio import staff_context
from tests.browser.walk import SIZES, Walk, fits
from tests.factories import make_blog, make_post, make_staff
from tests.studio.helpers import make_pending

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
BOTH = pytest.mark.parametrize("size", list(SIZES))


def open_as(browser, live_server, user, size, *, javascript=True):
    context = staff_context(browser, live_server, user, javascript=javascript, **SIZES[size])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


@BOTH
def test_an_author_writes_and_illustrates_the_reference_photo_story(
    browser, live_server, tmp_path, size
):
    make_blog()
    author = make_staff("Author", username="aigerim")
    context, page, errors = open_as(browser, live_server, author, size)
    page.goto(live_server.url + "/studio/")
    walk = Walk(page, "Author: photo story", size)
    walk.click("text=Write a new post")
    walk.fill("#id_title", story.TITLE)
    walk.click("#id_body")
    for paragraph in story.PARAGRAPHS:
        walk.type(paragraph + "\n\n")
    for words, name in story.QUOTES:  # the toolbar's Quote, then type over its placeholders
        walk.click("button[data-md=quote]")
        walk.type(words)
        walk.double_click_word("#id_body", "Name")
        walk.type(name)
        walk.key("Control+End")
    # A gallery at the cursor from the toolbar: choose six files, describe each in place.
    walk.choose_files("button[data-md=gallery]", story.phone_photos(tmp_path))
    page.wait_for_selector(".photo-card >> nth=5")
    cards = page.locator(".photo-card").all()
    for card, alt, caption in zip(cards, story.ALTS, story.CAPTIONS, strict=True):
        walk.fill(card.locator("input[name^=alt_]"), alt)
        walk.fill(card.locator("input[name^=caption_]"), caption)
    walk.click("button[value=preview]")
    page.wait_for_selector(".preview-banner")
    assert page.locator(".photo-gallery figcaption").all_inner_texts() == story.CAPTIONS
    walk.steps["clicks"] += 1  # the browser's Back button
    page.go_back()
    day = (datetime.datetime.now(ALMATY) + datetime.timedelta(days=3)).date()
    walk.fill("#id_publish_date", day.isoformat())
    walk.fill("#id_publish_time", "10:15")
    walk.click("button[value=schedule]")
    assert "Scheduled" in page.locator(".messages").inner_text()
    post = Post.objects.get()
    assert post.published_at.astimezone(ALMATY).time() == datetime.time(10, 15)
    walk.click("button[value=publish]")
    assert "Published" in page.locator(".messages").inner_text()
    steps = walk.record()

    post.refresh_from_db()
    assert post.is_public and post.title == story.TITLE
    assert not any("photo:" in text for text in walk.typed)  # no photo number typed
    at = post.body.index
    assert at(story.PARAGRAPHS[3]) < at(story.QUOTES[0][0]) < at("```gallery")
    page.goto(live_server.url + post.get_absolute_url())
    figures = page.locator(".photo-gallery figure")
    assert figures.count() == 6
    assert page.locator(".photo-gallery figcaption").all_inner_texts() == story.CAPTIONS
    assert [figures.nth(n).locator("img").get_attribute("alt") for n in range(6)] == story.ALTS
    quotes = page.locator("figure.quote")
    assert quotes.count() == 3 and quotes.locator("blockquote").count() == 3
    names = [f"— {name}" for _words, name in story.QUOTES]
    assert quotes.locator("figcaption").all_inner_texts() == names
    assert len(page.locator(".post-body > p").all()) >= 4
    src = figures.first.locator("img").get_attribute("src")
    photo = page.request.get(live_server.url + src).body()
    assert b"Exif" not in photo and b"GPS" not in photo
    assert steps <= 60, walk.steps
    if size == "phone":
        page.goto(live_server.url + f"/studio/posts/{post.pk}/")
        assert fits(page) == []
    assert errors == []
    context.close()


@BOTH
def test_a_contributor_submits_an_editor_returns_then_publishes(browser, live_server, size):
    make_blog()
    cora = make_staff("Contributor", username="cora", email="cora@example.org")
    make_staff("Editor", username="eddie", email="eddie@example.org")
    make_staff("Editor", username="erlan", email="erlan@example.org")
    cora_context, cora_page, cora_errors = open_as(browser, live_server, cora, size)
    eddie = make_staff("Editor", username="edna", email="edna@example.org")
    eddie_context, eddie_page, eddie_errors = open_as(browser, live_server, eddie, size)
    editors = {"eddie@example.org", "erlan@example.org", "edna@example.org"}
    walk = Walk(cora_page, "Contributor and Editor: review", size)
    cora_page.goto(live_server.url + "/studio/")
    walk.click("text=Write a new post")
    walk.fill("#id_title", "River clean-up")
    walk.fill("#id_body", "Forty people came.")
    walk.click("button[value=submit]")
    assert "Submitted for review" in cora_page.locator(".messages").inner_text()
    assert {to for message in mail.outbox for to in message.to} == editors
    # The Editor: from home, the post waiting, a note, Return.
    walk.page = eddie_page
    eddie_page.goto(live_server.url + "/studio/")
    walk.click("#h-review + ul >> text=River clean-up")
    walk.fill("#id_note", "Please say which river.")
    walk.click("button[value=return]")
    # The Contributor sees the note on the home page and on the draft, fixes, resubmits.
    walk.page = cora_page
    cora_page.goto(live_server.url + "/studio/")
    assert "Please say which river." in cora_page.locator(".card.attention").inner_text()
    walk.click(".card.attention >> text=River clean-up")
    assert "Please say which river." in cora_page.locator(".note-from-editor").inner_text()
    walk.fill("#id_title", "Ural river clean-up")
    walk.click("button[value=submit]")
    assert cora_page.locator(".note-from-editor").count() == 0
    # The Editor publishes.
    walk.page = eddie_page
    eddie_page.goto(live_server.url + "/studio/")
    walk.click("#h-review + ul >> text=Ural river clean-up")
    walk.click("button[value=publish]")
    assert "Published" in eddie_page.locator(".messages").inner_text()
    walk.record()
    post = Post.objects.get()
    assert post.is_public and post.title == "Ural river clean-up"
    assert walk.total <= 14, walk.steps
    assert cora_errors == eddie_errors == []
    cora_context.close()
    eddie_context.close()


@BOTH
def test_a_moderator_clears_twenty_comments_with_the_keyboard(browser, live_server, size):
    make_blog()
    make_pending(make_post(title="Park day", slug="park-day"), 20)
    moderator = make_staff("Moderator", username="mona", email="mona@example.org")
    context, page, errors = open_as(browser, live_server, moderator, size)
    page.goto(live_server.url + "/studio/")
    walk = Walk(page, "Moderator: twenty comments", size)
    walk.click("text=Open the moderation queue")
    page.wait_for_selector(".mod-item.is-current")  # the keys are ready
    assert "@example.org" not in page.content()  # no commenter's email in the queue
    # Look at one commenter's email: hidden until asked, and the asking is audited.
    walk.key("r")
    page.wait_for_selector("text=Show email")
    assert "reader19@example.org" not in page.content()
    walk.click("text=Show email")
    assert page.locator(".mod-email").inner_text() == "reader19@example.org"
    assert AuditEntry.objects.filter(action="comment.show_email").count() == 1
    walk.click("text=Back to the comments")
    page.wait_for_selector(".mod-item.is-current")
    # Three ticked (x, j moves) and spammed in bulk with Shift+s, then the rest one by one.
    for key in ["x", "j", "x", "j", "x", "Shift+S"]:
        walk.key(key)
    page.wait_for_selector("text=3 comments marked as spam.")
    for key in ["a"] * 12 + ["d"] * 5:
        walk.key(key)
    page.wait_for_selector("text=No comment is waiting")
    walk.record()
    newest_first = list(Comment.objects.order_by("-pk").values_list("status", flat=True))
    assert newest_first == ["spam"] * 3 + ["approved"] * 12 + ["trash"] * 5
    assert walk.total <= 28, walk.steps
    assert errors == []
    context.close()


def launch_killable_chromium(browser, profile):
    """A chromium of our own (its process id known) that Playwright drives over CDP."""
    process = subprocess.Popen(
        [CHROMIUM, "--headless", *ARGS, f"--user-data-dir={profile}", "--remote-debugging-port=0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    port_file = profile / "DevToolsActivePort"
    for _ in range(200):
        if port_file.exists() and port_file.read_text().strip():
            break
        time.sleep(0.05)
    port = port_file.read_text().split()[0]
    return process, browser.browser_type.connect_over_cdp(f"http://127.0.0.1:{port}")


def test_the_text_comes_back_after_the_browser_is_killed_mid_sentence(
    browser, live_server, tmp_path
):
    make_blog()
    author = make_staff("Author", username="aigerim")
    process, killable = launch_killable_chromium(browser, tmp_path / "profile")
    try:
        context = killable.contexts[0]
        page = context.new_page()
        page.set_viewport_size(SIZES["phone"])
        client_cookie = staff_context(browser, live_server, author).cookies()
        context.add_cookies(client_cookie)
        page.goto(live_server.url + "/studio/posts/new/")
        page.fill("#id_title", "Park day")
        page.click("#id_body")
        page.keyboard.type("We met in the park at ten. Forty people came.", delay=5)
        time.sleep(4)  # a few seconds of quiet: no button pressed, nothing waited for
        page.keyboard.type(" Then the rain st", delay=5)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the whole browser, mid-sentence
        process.wait()
    # Reopened (here on a desktop): the post is in the drafts with the text.
    context, page, _errors = open_as(browser, live_server, author, "desktop")
    page.goto(live_server.url + "/studio/")
    page.click("#h-drafts + ul >> text=Park day")
    assert page.input_value("#id_body").startswith("We met in the park at ten. Forty people came.")
    context.close()


def test_closing_the_tab_right_after_typing_keeps_the_text(browser, live_server):
    make_blog()
    author = make_staff("Author", username="aigerim")
    post = make_post(title="Park day", status="draft", body="We met.", authors=[author.author])
    context, page, _errors = open_as(browser, live_server, author, "desktop")
    page.goto(live_server.url + f"/studio/posts/{post.pk}/")
    page.click("#id_body")
    page.keyboard.press("Control+End")
    page.keyboard.type(" Forty people came, then the rain st", delay=5)
    page.close(run_before_unload=True)  # at once: the page saves as it goes
    for _ in range(50):
        post.refresh_from_db()
        if post.body.endswith("rain st"):
            break
        time.sleep(0.1)
    assert post.body == "We met. Forty people came, then the rain st"
    context.close()


def test_without_javascript_write_save_publish_and_approve(browser, live_server, tmp_path):
    make_blog()
    post = make_post(title="Park day", slug="park-day")
    [comment] = make_pending(post, 1)
    author = make_staff("Author", username="aigerim")
    context, page, _errors = open_as(browser, live_server, author, "desktop", javascript=False)
    walk = Walk(page, "Without JavaScript: write, photo, publish", "desktop")
    page.goto(live_server.url + "/studio/")
    walk.click("text=Write a new post")
    # Buttons that need JavaScript stay out of sight.
    assert page.locator(".toolbar").is_hidden() and page.locator(".gallery-bar").is_hidden()
    walk.fill("#id_title", story.TITLE)
    walk.fill("#id_body", "\n\n".join(story.PARAGRAPHS))
    walk.choose_files("input[name=photos]", story.phone_photos(tmp_path, 1))
    walk.click("button[value=save]")
    assert "Saved" in page.locator(".messages").inner_text()
    assert "has no alt text" in page.locator("#checks").inner_text()
    assert page.locator(".photo-actions").is_hidden()
    walk.fill("input[name^=alt_]", story.ALTS[0])
    walk.fill("input[name^=caption_]", story.CAPTIONS[0])
    walk.click("button[value=publish]")
    assert "Published" in page.locator(".messages").inner_text()
    walk.record()
    story_post = Post.objects.get(title=story.TITLE)
    page.goto(live_server.url + story_post.get_absolute_url())
    assert page.locator("figure img").get_attribute("alt") == story.ALTS[0]
    assert page.locator("figure figcaption").inner_text() == story.CAPTIONS[0]
    context.close()
    moderator = make_staff("Moderator", username="mona")
    context, page, _errors = open_as(browser, live_server, moderator, "desktop", javascript=False)
    page.goto(live_server.url + "/studio/comments/")
    page.locator(f"#c-{comment.pk}").get_by_role("button", name="Approve").click()
    assert "1 comment approved." in page.locator(".messages").inner_text()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    context.close()


def test_the_home_page_counts_times_phone_layout_guide_and_moderator_notice(
    browser, live_server, size="phone"
):
    from django.utils import formats, timezone

    from grassroots.blog import review

    make_blog()
    editor = make_staff("Editor", username="edna", email="edna@example.org")
    for n in range(12):
        draft = make_post(title=f"Draft {n}", slug=f"draft-{n}", status=Post.Status.DRAFT)
        review.post_submit_for_review(post=draft, user=editor)
    tomorrow = (timezone.now().astimezone(ALMATY) + datetime.timedelta(days=1)).date()
    when = datetime.datetime.combine(tomorrow, datetime.time(10, 15), tzinfo=ALMATY)
    make_post(title="Pride day", slug="pride-day", published_at=when)
    held = make_pending(make_post(title="Park day", slug="park-day"), 3)
    context, page, errors = open_as(browser, live_server, editor, size)
    page.goto(live_server.url + "/studio/")
    count = page.locator("h2 .count")
    assert page.locator("#h-review .count").inner_text() == "12"
    assert page.locator("#h-comments .count").inner_text() == "3"
    assert page.locator("#h-scheduled .count").inner_text() == "1"
    assert "10:15" in page.locator("#h-scheduled + ul time").inner_text()  # Almaty, not UTC
    assert count.count() >= 3 and fits(page) == []
    page.goto(live_server.url + "/studio/comments/")
    sent = formats.date_format(held[0].created_at.astimezone(ALMATY), "DATETIME_FORMAT")
    assert sent in page.locator(".mod-item").last.inner_text()
    assert fits(page) == []
    for url in ["/studio/posts/new/", "/studio/review/", "/studio/photos/", "/studio/posts/"]:
        page.goto(live_server.url + url)
        assert fits(page) == [], url
    # The writing guide, from the editor itself.
    page.goto(live_server.url + "/studio/posts/new/")
    with context.expect_page() as opened:
        page.click(".body-field >> text=Writing guide")
    guide = opened.value
    guide.wait_for_load_state()
    assert guide.locator("h1").inner_text() == "Writing guide" and fits(guide) == []
    assert errors == []
    context.close()
    # A moderator without an email address is told they will get no notices.
    moderator = make_staff("Moderator", username="mona")
    moderator.email = ""
    moderator.save()
    context, page, errors = open_as(browser, live_server, moderator, size)
    page.goto(live_server.url + "/studio/")
    assert "you will get no notices" in page.locator(".notice.warning").inner_text()
    assert fits(page) == []
    context.close()
