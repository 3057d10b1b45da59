"""Ways attackers dodge the defences: lookalike letters, invisible characters, links
without a scheme, and requests a browser would never send."""

import pytest

from grassroots.blog.models import Blog
from grassroots.comments.models import BlockedTerm, Comment
from tests.comments.conftest import form_data
from tests.comments.test_services import set_policy, submit


@pytest.mark.parametrize(
    "body",
    [
        "Это НЕНАВИСТЬ к вам",  # another case
        "Это нeнaвиcть к вам",  # Latin e, a and c among the Cyrillic letters
        "Это нена\u200bвисть к вам",  # a zero-width space inside the word
        "Это нена\u00adвисть к вам",  # a soft hyphen inside the word
        "Это нена\u0301висть к вам",  # a combining accent inside the word
    ],
)
def test_a_blocked_word_is_caught_through_case_lookalikes_and_invisible_characters(
    blog, post, body
):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    BlockedTerm.objects.create(kind="word", value="ненависть", action="spam")
    comment = submit(post, body=body)
    assert (comment.status, comment.reason) == ("spam", "blocked_word")
    assert comment.body == body.strip()  # matched loosely, stored exactly


def test_a_blocked_name_is_caught_through_lookalike_letters(blog, post):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    BlockedTerm.objects.create(kind="name", value="Тролль", action="hold")
    comment = submit(post, name="TPOЛЛЬ")  # Latin T, P and O
    assert (comment.status, comment.reason) == ("pending", "blocked_name")


def test_words_that_only_contain_a_blocked_words_letters_pass(blog, post):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    BlockedTerm.objects.create(kind="word", value="ненависть", action="spam")
    assert submit(post, body="Никакой злобы, только любовь.").status == "approved"


def test_links_without_a_scheme_count_towards_the_link_limit(blog, post, settings):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    settings.GRASSROOTS_COMMENT_MAX_LINKS = 2
    comment = submit(post, body="cheap-pills.com best-pills.net more-pills.org")
    assert (comment.status, comment.reason) == ("pending", "links")
    assert 'href="http://cheap-pills.com"' in comment.body_html  # they are links on the page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "\u200b\u200b"),
        ("name", "\u202e\u202c"),
        ("name", "\u2800\u3164"),
        ("body", "\u200b\u2060\ufeff"),
        ("body", "\u202e \u200f\n\u200d"),
    ],
)
def test_an_invisible_name_or_comment_is_refused_with_the_text_kept(client, post, field, value):
    response = client.post(f"/comments/post/{post.pk}/", form_data(post, **{field: value}))
    assert response.status_code == 400
    assert "Please write" in response.content.decode()
    assert "This makes me so happy" in response.content.decode() or field == "body"
    assert Comment.objects.count() == 0


def test_mixed_scripts_and_bidi_marks_inside_real_text_are_still_accepted(client, post):
    name = "\u202eАйгүл\u202c 🌷"
    client.post(f"/comments/post/{post.pk}/", form_data(post, name=name))
    assert Comment.objects.get().name == name


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded; charset=utf-7", b"name=Lena&body=hi+%2B2AA-"),
        ("multipart/form-data", b"name=Lena"),
    ],
)
def test_a_request_body_that_cannot_be_read_gets_the_form_and_a_message(
    client, post, content_type, body
):
    response = client.post(f"/comments/post/{post.pk}/", body, content_type=content_type)
    assert response.status_code == 400
    page = response.content.decode()
    assert "could not be read" in page
    assert 'name="token"' in page
    assert Comment.objects.count() == 0


def test_a_body_over_the_server_limit_gets_the_form_and_a_message(client, post, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    data = form_data(post, body="x" * 200_000)
    response = client.post(f"/comments/post/{post.pk}/", data)
    assert response.status_code == 400
    assert "5,000" in response.content.decode()
    assert Comment.objects.count() == 0


def test_over_long_fields_get_our_own_message_that_can_be_translated(client, post):
    page = client.post(
        f"/comments/post/{post.pk}/", form_data(post, name="N" * 10_000, body="x" * 5001)
    ).content.decode()
    assert "Please use a shorter name: at most 100 characters (this one has 10000)." in page
    assert "Please shorten your comment to at most 5000 characters (it has 5001)." in page
    assert "Ensure this value" not in page


def test_a_nul_character_is_dropped_like_other_control_characters(client, post):
    client.post(f"/comments/post/{post.pk}/", form_data(post, name="Le\x00na", body="a\x00b"))
    comment = Comment.objects.get()
    assert (comment.name, comment.body) == ("Lena", "ab")


def test_a_javascript_website_is_refused_once_with_one_message(client, post):
    page = client.post(
        f"/comments/post/{post.pk}/", form_data(post, website="javascript:alert(1)")
    ).content.decode()
    assert page.count("Enter a valid URL.") == 1
    assert Comment.objects.count() == 0


def test_a_comment_on_a_post_that_went_away_gets_its_text_back(client, post):
    from grassroots.blog.models import Post

    data = form_data(post, body="My long thought <b>about</b> this")
    Post.objects.filter(pk=post.pk).update(status=Post.Status.DRAFT)
    response = client.post(f"/comments/post/{post.pk}/", data)
    assert response.status_code == 404
    page = response.content.decode()
    assert "My long thought &lt;b&gt;about&lt;/b&gt; this" in page
    assert "is not available" in page
    assert post.title not in page  # a draft's title stays private
    assert Comment.objects.count() == 0
    missing = client.post("/comments/post/99999/", form_data(post, body="Text for nobody"))
    assert missing.status_code == 404
    assert "Text for nobody" in missing.content.decode()


def test_a_name_with_an_open_direction_override_cannot_turn_the_links_after_it(blog, post, client):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    submit(post, name="\u202eLena")  # right-to-left override, never closed
    page = client.get(post.get_absolute_url()).content.decode()
    assert '<bdi class="comment-name">\u202eLena</bdi>' in page  # the byline
    assert "<bdi>Reply to \u202eLena</bdi>" in page  # the reply link


def test_a_broken_encoding_with_a_csrf_cookie_is_a_400_not_a_500(post):
    """Django's own 400 view checks the CSRF token, which reads the broken body again; a
    commenter on the edit form (who has a CSRF cookie) got the 500 page."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "a" * 32
    for url in ["/comments/1/edit/", "/comments/privacy/", f"/comments/post/{post.pk}/"]:
        response = client.post(
            url, b"body=x", content_type="application/x-www-form-urlencoded; charset=utf-7"
        )
        assert response.status_code in {400, 403}, url


def test_the_same_text_from_many_networks_and_addresses_is_held(blog, post):
    """A hate flood from many machines: each sender is new to the rate limits and the
    duplicate check, but the third copy of one text within the hour waits for a person."""
    from grassroots.comments import guard

    set_policy(blog, Blog.CommentPolicy.OPEN)
    text = "Go away, all of you. We know where you meet."
    statuses = [
        submit(
            post, email=f"b{n}@x{n}.example", body=text, ip=guard.client_ip_from(f"10.{n}.0.1")
        ).status
        for n in range(4)
    ]
    assert statuses == ["approved", "approved", "pending", "pending"]
    assert Comment.objects.filter(reason="repeated").count() == 2


def test_characters_xml_cannot_carry_are_dropped_so_the_feeds_stay_readable(blog, post, client):
    from xml.dom.minidom import parseString

    set_policy(blog, Blog.CommentPolicy.OPEN)
    comment = submit(post, name="Non\ufffechar", body="bad \uffff char \ufffe \ud800 \ufdd0here")
    assert (comment.name, comment.body) == ("Non char", "bad  char   here")
    for url in ["/comments/feed/", "/comments/feed/atom/", f"/comments/feed/post/{post.pk}/"]:
        parseString(client.get(url).content)  # noqa: S318 - our own output: well-formed?


def test_a_kazakh_byline_has_a_day_first_24_hour_time_not_the_american_default(client, blog, post):
    """Django has no Kazakh date formats, so "m/d/Y g:i a" in Kazakh was shown."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from grassroots.comments import services

    blog.language = "kk"
    blog.save()
    when = datetime(2026, 11, 25, 15, 9, tzinfo=ZoneInfo("Asia/Almaty"))
    services.comment_import(
        post=post, name="Айгүл", email="a@example.org", body="Рақмет!", created_at=when
    )
    html = client.get(post.get_absolute_url()).content.decode()
    assert ">25.11.2026 15:09</time>" in html


def test_a_full_length_comment_with_browser_line_breaks_fits_the_limit(client, post):
    """Browsers count a line break as one character for maxlength but send CR LF."""
    body = "\r\n".join(["x" * 99] * 50)  # 4,999 characters as the reader typed them
    response = client.post(f"/comments/post/{post.pk}/", form_data(post, body=body))
    assert response.status_code == 302
    assert len(Comment.objects.get().body) == 4999


def test_an_unreadable_privacy_request_gets_the_form_and_a_message(client, db):
    response = client.post("/comments/privacy/", b"email=x", content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.content.decode()
    assert "could not be read" in page and 'name="email"' in page
