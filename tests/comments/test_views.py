import re

import pytest
from django.urls import reverse
from django.utils import formats

from grassroots.blog.models import Blog, Post
from grassroots.comments import guard, services
from grassroots.comments.models import Comment
from tests.comments.conftest import form_data, token_for
from tests.factories import make_post

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def post_comment(client, post, **fields):
    url = reverse("comments:post_comments", args=[post.pk])
    return client.post(url, form_data(post, **fields))


def open_blog(blog):
    blog.comment_policy = Blog.CommentPolicy.OPEN
    blog.save()


def test_a_reader_who_only_reads_gets_no_cookie_and_a_form(client, post):
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert not response.cookies
    html = response.content.decode()
    assert "Leave a comment" in html and 'name="token"' in html
    assert "csrfmiddlewaretoken" not in html


def test_posting_lands_back_on_the_post_with_a_message_and_a_cookie(client, blog, post):
    open_blog(blog)
    response = post_comment(client, post)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}#comment-{comment.pk}"
    assert "grassroots_comments" in response.cookies
    cookie = response.cookies["grassroots_comments"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    page = client.get(response["Location"]).content.decode()
    assert THANKS_FIRST_TIME in page
    assert "Posted by: " in page and "Lena" in page


THANKS_FIRST_TIME = "Thank you for your comment. If it is waiting for a moderator"


def message_after(client, response):
    from django.contrib.messages import get_messages

    return [str(m) for m in get_messages(client.get(response["Location"]).wsgi_request)]


def test_a_first_time_looking_comment_gets_the_same_message_held_or_not(client, blog, post):
    # The message must not tell whether this address commented before (issue 12, item 2b).
    from django.test import Client

    held = post_comment(client, post, email="new@example.org", body="Held, first time.")
    assert Comment.objects.get(body="Held, first time.").status == "pending"
    open_blog(blog)
    other = Client()
    published = post_comment(other, post, email="other@example.org", body="Open blog.")
    assert Comment.objects.get(body="Open blog.").status == "approved"
    assert message_after(client, held) == message_after(other, published) != []


def test_a_regular_is_recognised_by_their_browser_and_an_impostor_is_not(client, blog, post):
    from django.test import Client

    first = post_comment(client, post, body="My first words.")
    services.comment_approve(comments=Comment.objects.all())
    again = post_comment(client, post, body="Back again.")
    assert Comment.objects.get(body="Back again.").status == "approved"
    assert "your comment is published" in client.get(again["Location"]).content.decode()

    impostor = Client()
    response = post_comment(impostor, post, body="In the name of Lena.", homepage="")
    assert Comment.objects.get(body="In the name of Lena.").status == "pending"
    page = impostor.get(response["Location"]).content.decode()
    assert THANKS_FIRST_TIME in page
    assert "In the name of Lena." in page  # the commenter still sees their own held comment
    assert first.status_code == 302


def test_confirming_a_mailed_link_makes_this_browser_a_returning_commenter(client, blog, post):
    from django.test import Client

    from grassroots.comments import notifications

    post_comment(client, post, body="Mail me replies.", notify_replies="on")
    comment = Comment.objects.get()
    services.comment_approve(comments=[comment])
    new_device = Client()
    link = reverse(
        "comments:subscription_confirm", args=[notifications.mail_token(comment.pk, "confirm")]
    )
    new_device.post(link)
    post_comment(new_device, post, body="From my phone.")
    assert Comment.objects.get(body="From my phone.").status == "approved"


def test_a_held_comment_is_visible_only_in_the_browser_that_wrote_it(client, post):
    from django.test import Client

    response = post_comment(client, post, body="Held text for me alone")
    page = client.get(response["Location"]).content.decode()
    assert "waiting for a moderator" in page
    assert "Held text for me alone" in page
    stranger = Client().get(post.get_absolute_url()).content.decode()
    assert "Held text for me alone" not in stranger


def test_approved_comments_are_threaded_oldest_first_with_byline_in_blog_time(client, blog, post):
    open_blog(blog)
    first = services.comment_submit(
        post=post, name="Ana", email="a@example.org", body="First!", token=token_for(post)
    ).comment
    services.comment_submit(
        post=post, name="Bo", email="b@example.org", body="Second", token=token_for(post)
    )
    services.comment_submit(
        post=post,
        name="Cy",
        email="c@example.org",
        body="A reply",
        token=token_for(post),
        parent=first,
    )
    html = client.get(post.get_absolute_url()).content.decode()
    assert html.index("First!") < html.index("A reply") < html.index("Second")
    assert 'class="comment depth-1"' in html
    when = first.created_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Almaty"))
    # The date written as post bylines write it, then the 24-hour time.
    assert f"{formats.date_format(when, 'DATE_FORMAT')} {when:%H:%M}</time>" in html
    assert re.search(r"Posted by: <bdi class=\"comment-name\">Ana</bdi> at <time", html)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"email": ""}, "This field is required"),
        ({"body": "   "}, "Please write a comment"),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"email": "a@example.org\r\nBcc: victim@example.org"}, "Enter a valid email"),
        ({"body": "x" * 5001}, "at most 5000 characters"),
        ({"name": "N" * 10000}, "at most 100 characters"),
        ({"body": "\x00\x00\x07"}, "This field is required"),  # control characters are dropped
        ({"website": "javascript:alert(1)"}, "Enter a valid URL"),
        ({"token": "forged"}, "could not be checked"),
        ({"name": "lena@example.org"}, "contains your email address"),
        ({"name": "other@example.net"}, "please do not use an email"),
        ({"body": "write me at LENA@example.org"}, "contains your email address"),
    ],
)
def test_bad_input_gets_the_form_back_with_the_text_kept(client, post, fields, message):
    response = post_comment(client, post, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if fields.get("body", "").strip() and "\x00" not in fields["body"]:
        assert fields["body"][:100] in html
    if "name" not in fields:
        assert 'value="Lena"' in html
    assert not Comment.objects.exists()


def test_the_form_kept_after_an_error_can_be_sent_again(client, post):
    response = post_comment(client, post, email="broken")
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    again = post_comment(client, post, token=token)
    assert again.status_code == 302
    assert Comment.objects.count() == 1


def test_hostile_markup_in_every_field_is_shown_as_text(client, blog, post):
    open_blog(blog)
    response = post_comment(
        client,
        post,
        name=HOSTILE[:90],
        body=HOSTILE + ' http://example.org/"onmouseover=alert(1)',
        website="https://example.org/?q=<script>",
    )
    assert response.status_code == 302
    html = client.get(post.get_absolute_url()).content.decode()
    section = html[html.index('id="comments"') :]
    assert "<script>alert" not in section and "<img src=x" not in section
    assert "&lt;script&gt;" in section


def test_mixed_scripts_rtl_and_emoji_are_stored_and_shown_exactly(client, blog, post):
    open_blog(blog)
    text = "Рахмет! שלום ✊🏽 سلام Қазақ"
    post_comment(client, post, name="Әлия ✊🏽 علي", body=text)
    comment = Comment.objects.get()
    assert (comment.name, comment.body) == ("Әлия ✊🏽 علي", text)
    html = client.get(post.get_absolute_url()).content.decode()
    assert text in html and "Әлия ✊🏽 علي" in html


def test_comments_on_closed_draft_and_missing_posts_are_refused(client, post):
    Post.objects.filter(pk=post.pk).update(comments_open=False)
    post.refresh_from_db()
    closed = post_comment(client, post, body="Keep this text")
    assert closed.status_code == 403
    assert "Keep this text" in closed.content.decode()
    assert "closed" in closed.content.decode()
    draft = make_post(title="Draft", slug="draft", status=Post.Status.DRAFT)
    assert post_comment(client, draft).status_code == 404
    missing = client.post(reverse("comments:post_comments", args=[99999]), {})
    assert missing.status_code == 404
    assert not Comment.objects.exists()
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Comments on this post are closed" in page and 'name="token"' not in page


def test_a_reply_to_a_comment_on_another_post_is_refused_with_text_kept(client, blog, post):
    open_blog(blog)
    other = make_post(title="Other", slug="other")
    elsewhere = services.comment_submit(
        post=other, name="A", email="a@example.org", body="there", token=token_for(other)
    ).comment
    response = post_comment(client, post, parent=elsewhere.pk, body="my reply text")
    assert response.status_code == 400
    assert "my reply text" in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_post_from_another_site_is_refused(client, post):
    url = reverse("comments:post_comments", args=[post.pk])
    response = client.post(url, form_data(post), headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert not Comment.objects.exists()
    ok = client.post(url, form_data(post), headers={"Origin": "http://testserver"})
    assert ok.status_code == 302


def test_the_reply_page_shows_the_comment_and_a_form(client, blog, post):
    open_blog(blog)
    parent = services.comment_submit(
        post=post, name="Ana", email="a@example.org", body="Parent text", token=token_for(post)
    ).comment
    response = client.get(reverse("comments:comment_reply", args=[parent.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and not response.cookies
    assert "Parent text" in html and f'name="parent" value="{parent.pk}"' in html


def test_the_author_can_edit_and_delete_from_the_same_browser_only(client, blog, post):
    from django.test import Client

    open_blog(blog)
    response = post_comment(client, post, body="with a typo")
    comment = Comment.objects.get()
    edit = reverse("comments:comment_edit", args=[comment.pk])
    assert Client().get(edit).status_code == 403
    assert client.get(edit).status_code == 200
    client.post(edit, {"body": "without a typo"})
    comment.refresh_from_db()
    assert comment.body == "without a typo"
    assert "Edit" in client.get(response["Location"]).content.decode()
    delete = reverse("comments:comment_delete", args=[comment.pk])
    assert Client().post(delete).status_code == 403
    client.post(delete)
    assert not Comment.objects.exists()
    post.refresh_from_db()
    assert post.comment_count == 0


def test_editing_is_refused_after_the_window(client, blog, post, settings):
    open_blog(blog)
    post_comment(client, post)
    comment = Comment.objects.get()
    settings.GRASSROOTS_COMMENT_EDIT_MINUTES = 0
    response = client.get(reverse("comments:comment_edit", args=[comment.pk]))
    assert response.status_code == 403


def test_the_post_page_costs_the_same_queries_with_0_and_200_comments(
    client, blog, post, django_assert_num_queries, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    open_blog(blog)
    settings.GRASSROOTS_PAGE_CACHE_SECONDS = 0  # measure the page itself, not the page cache
    url = post.get_absolute_url()
    client.get(url)  # warms the blog identity cache
    with CaptureQueriesContext(connection) as empty:
        client.get(url)
    # Counted now: the connection's query log is a bounded deque that 200 comments overflow.
    expected = len(empty)
    for n in range(200):
        services.comment_submit(
            post=post,
            name=f"Reader {n}",
            email=f"r{n}@example.org",
            body=f"Comment number {n}",
            token=token_for(post),
            parent=None,
            ip=guard.client_ip_from(f"10.{n}.0.1"),
        )
    post.refresh_from_db()
    assert post.comment_count == 200
    client.get(url)  # saving the post emptied the blog identity cache: warm it again
    with django_assert_num_queries(expected):
        html = client.get(url).content.decode()
    assert "Comment number 199" in html


def test_hostile_ids_and_cookies_get_clear_answers_not_errors(client, post):
    huge = 2**70
    assert client.post(f"/comments/post/{huge}/", {}).status_code == 404
    assert client.get(f"/comments/feed/post/{huge}/").status_code == 404
    assert client.get(f"/comments/{huge}/reply/").status_code == 404
    assert client.get(f"/comments/{huge}/edit/").status_code == 404
    for parent, message in [
        (str(huge), "not there any more"),
        ("-5", "greater than or equal to 1"),
        ("abc", "Enter a whole number"),
    ]:
        response = post_comment(client, post, parent=parent, body="kept text")
        assert response.status_code == 400
        assert message in response.content.decode()
        assert "kept text" in response.content.decode()
    client.cookies["grassroots_comments"] = "forged:value"
    assert client.get(post.get_absolute_url()).status_code == 200
    assert not Comment.objects.exists()


def test_moderation_shows_at_once_on_a_page_readers_may_get_from_a_cache(client, post, settings):
    import importlib.util

    settings.GRASSROOTS_PAGE_CACHE_SECONDS = 300
    cache_middleware = "grassroots.core.pagecache.page_cache"
    if importlib.util.find_spec("grassroots.core.pagecache") and (
        cache_middleware not in settings.MIDDLEWARE
    ):
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, cache_middleware]
    comment = services.comment_submit(
        post=post, name="Ana", email="a@example.org", body="Soon visible", token=token_for(post)
    ).comment
    url = post.get_absolute_url()
    first = client.get(url)
    assert "Soon visible" not in first.content.decode()
    assert client.get(url).get("X-Page-Cache", "hit") == "hit"
    services.comment_approve(comments=[comment])
    assert "Soon visible" in client.get(url).content.decode()
    services.comment_edit_by_staff(comment=comment, body="Edited by staff")
    assert "Edited by staff" in client.get(url).content.decode()
    services.comment_trash(comments=[comment])
    assert "Edited by staff" not in client.get(url).content.decode()


def test_the_reply_page_of_a_closed_post_shows_the_notice_and_no_form(client, blog, post):
    open_blog(blog)
    parent = services.comment_submit(
        post=post, name="Ana", email="a@example.org", body="Parent", token=token_for(post)
    ).comment
    Post.objects.filter(pk=post.pk).update(comments_open=False)
    html = client.get(reverse("comments:comment_reply", args=[parent.pk])).content.decode()
    assert "Comments on this post are closed" in html and 'name="token"' not in html


def test_the_section_speaks_the_blogs_language(client, blog, post):
    blog.language = "ru"
    blog.save()
    services.comment_import(post=post, name="Айгуль", email="a@example.org", body="Спасибо!")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Оставить комментарий" in html and "1 комментарий" in html
    assert "Автор: <bdi" in html
