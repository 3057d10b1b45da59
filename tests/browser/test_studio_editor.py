"""Editor details found in the studio walk-through (test_studio_walkthrough.py): the toolbar
on a selection, photos inserted from the toolbar and described afterwards, and a button
pressed while an autosave is under way."""

import pytest

from grassroots.blog.models import Post
from tests.browser.studio import close_quietly, staff_context
from tests.browser.walk import phone_photos
from tests.factories import make_blog, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor(browser, live_server):
    make_blog()
    context = staff_context(browser, live_server, make_staff("Author", username="ann"))
    page = context.new_page()
    page.goto(live_server.url + "/studio/posts/new/")
    yield page
    close_quietly(context)


def select(page, words):
    """Select `words` in the text, as a drag across them would."""
    page.locator("#id_body").evaluate(
        "(box, words) => { const at = box.value.indexOf(words); box.focus();"
        " box.setSelectionRange(at, at + words.length); }",
        words,
    )


def test_quote_and_heading_turn_the_selected_words_into_one_block(editor):
    page = editor
    page.fill("#id_body", "Intro.\nWe are like everyone else.\nMore.")
    select(page, "We are like everyone else.")
    page.click("button[data-md=quote]")
    page.keyboard.insert_text("Denis Kakorin")  # the name placeholder was selected
    body = page.input_value("#id_body")
    assert body == "Intro.\n\n> We are like everyone else.\n>\n> — Denis Kakorin\n\nMore."
    select(page, "Intro.")
    page.click("button[data-md=heading]")
    assert page.input_value("#id_body").startswith("## Intro.\n\n> We are")
    assert page.input_value("#id_body").count("Intro.") == 1


def test_quote_without_a_selection_offers_placeholders_to_type_over(editor):
    page = editor
    page.click("#id_body")
    page.click("button[data-md=quote]")
    page.keyboard.insert_text("Be tolerant.")
    page.wait_for_selector("#live-preview figure.quote figcaption")
    assert page.input_value("#id_body") == "> Be tolerant.\n>\n> — Name\n\n"


def test_photos_from_the_toolbar_go_where_the_cursor_was_and_keep_later_corrections(
    editor, live_server, tmp_path
):
    page = editor
    page.fill("#id_title", "Pride day")
    page.fill("#id_body", "Before.\n\nAfter.")
    select(page, "\n\nAfter")
    page.keyboard.press("ArrowLeft")  # the cursor after "Before."
    with page.expect_file_chooser() as chooser:
        page.click("button[data-md=gallery]")
    chooser.value.set_files(phone_photos(tmp_path, 2))
    page.wait_for_selector(".photo-card >> nth=1")
    body = page.input_value("#id_body")
    assert body.startswith("Before.\n\n```gallery\nphoto:") and body.endswith("```\n\nAfter.")
    assert page.evaluate("document.activeElement.name").startswith("alt_")
    for n, card in enumerate(page.locator(".photo-card").all()):
        card.locator("input[name^=alt_]").fill(f"Balloons {n}")
        card.locator("input[name^=caption_]").fill(f"Caption {n}")
    page.locator("#id_title").click()
    page.wait_for_selector("#live-preview figcaption:has-text('Caption 1')")
    page.locator(".photo-card input[name^=caption_]").first.fill("Corrected caption")
    page.click("button[value=publish]")
    page.wait_for_selector(".messages")
    page.goto(live_server.url + Post.objects.get().get_absolute_url())
    captions = page.locator(".photo-gallery figcaption").all_inner_texts()
    assert captions == ["Corrected caption", "Caption 1"]


@pytest.mark.parametrize("button", ["save", "publish"])
def test_a_button_pressed_during_an_autosave_waits_for_it(editor, button):
    """A new post is made once, and one's own autosave is not taken for someone else's edit."""
    page = editor
    held = []
    # The first autosave reaches the server (the post is made); its answer is held back.
    page.route("**/autosave/", lambda route: held.append((route, route.fetch())))
    page.fill("#id_title", "Park day")
    page.wait_for_selector("#save-status:has-text('Saving')")
    while not held:
        page.wait_for_timeout(50)
    assert len(held) == 1 and Post.objects.count() == 1
    page.fill("#id_body", "We met in the park.")
    page.click(f"button[value={button}]")
    route, response = held[0]
    route.fulfill(response=response)
    page.wait_for_selector(".messages")
    assert page.locator("#conflict").is_hidden()
    post = Post.objects.get()
    assert (post.title, post.body) == ("Park day", "We met in the park.")
    assert post.is_public == (button == "publish")


def test_the_word_count_stays_in_the_persons_language_as_they_type(browser, live_server):
    make_blog()
    user = make_staff("Author", username="ann")
    context = staff_context(browser, live_server, user, locale="ru-RU")
    page = context.new_page()
    page.goto(live_server.url + "/studio/posts/new/")
    page.fill("#id_body", "Мы встретились в парке в десять утра.")
    page.wait_for_selector("#counts:has-text('7 слов')")
    assert page.locator("#counts").inner_text() == "7 слов · примерно 1 минута чтения"
    close_quietly(context)


def test_back_from_the_preview_returns_to_the_same_post(editor):
    """Preview pressed before any autosave, then the browser's Back, then Save: one post,
    saved without a conflict with itself."""
    page = editor
    page.fill("#id_title", "Park day")
    page.fill("#id_body", "We met.")
    page.click("button[value=preview]")
    page.wait_for_selector(".preview-banner")
    page.go_back()
    page.fill("#id_body", "We met in the park.")
    page.click("button[value=save]")
    page.wait_for_selector(".messages")
    assert page.locator("#conflict").is_hidden()
    post = Post.objects.get()
    assert (post.title, post.body) == ("Park day", "We met in the park.")


def test_text_typed_before_the_script_arrived_is_autosaved(browser, live_server):
    """On a slow phone the author starts typing before editor.js has loaded: that text is
    saved by the first autosave all the same, with no further keystroke."""
    make_blog()
    context = staff_context(browser, live_server, make_staff("Author", username="ann"))
    page = context.new_page()
    page.route("**/editor*.js", lambda route: route.abort())
    page.goto(live_server.url + "/studio/posts/new/")
    page.fill("#id_title", "Typed early")
    page.fill("#id_body", "Before the script came.")
    source = page.eval_on_selector("script[src*=editor]", "script => script.src")
    page.unroute("**/editor*.js")
    page.add_script_tag(url=source)  # the script arrives late
    page.wait_for_selector("#save-status:has-text(':')", timeout=15000)
    assert Post.objects.get().body == "Before the script came."
    close_quietly(context)
