import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from grassroots.blog.models import Blog
from grassroots.comments import services
from grassroots.comments.models import Comment
from tests.comments.conftest import form_data, token_for


@pytest.fixture
def moderator(db):
    return get_user_model().objects.create_user(
        "mod", "mod@riverbank.example.org", "x" * 20, is_staff=True, is_superuser=True
    )


def submit(post, **fields):
    values = {
        "post": post,
        "name": "Lena",
        "email": "lena@example.org",
        "body": "Hello there.",
        "token": token_for(post),
    } | fields
    return services.comment_submit(**values).comment


def open_blog(blog):
    blog.comment_policy = Blog.CommentPolicy.OPEN
    blog.save()


def test_moderators_get_mail_about_a_held_comment_after_commit(
    post, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submit(post, name="Lena\r\nBcc: victim@example.org")
        assert not mailoutbox  # nothing before the commit
    assert callbacks
    [mail] = mailoutbox
    assert mail.to == ["mod@riverbank.example.org"]
    assert "waits for moderation" in mail.subject
    raw = mail.message().as_string()
    assert not re.search(r"^Bcc:", raw, re.MULTILINE)
    assert "lena@example.org" not in raw


def test_a_failing_mail_server_never_loses_the_comment(
    client, post, moderator, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    url = reverse("comments:post_comments", args=[post.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(post, notify_replies="on"))
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_reply_mail_needs_a_confirmed_subscription_and_offers_one_click_unsubscribe(
    client, blog, post, mailoutbox, django_capture_on_commit_callbacks
):
    open_blog(blog)
    with django_capture_on_commit_callbacks(execute=True):
        parent = submit(post, notify_replies=True, body="Tell me about replies")
    [confirm] = mailoutbox
    assert confirm.to == ["lena@example.org"]
    link = re.search(r"http://\S+/confirm/", confirm.body).group(0)
    path = link.split("127.0.0.1:8000", 1)[1]

    # Before confirming, a reply sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        submit(post, parent=parent, email="bo@example.org", body="first reply")
    assert len(mailoutbox) == 1

    assert "Yes, mail me replies" in client.get(path).content.decode()
    parent.refresh_from_db()
    assert parent.notify_confirmed_at is None  # a GET (a mail scanner) changes nothing
    client.post(path)
    parent.refresh_from_db()
    assert parent.is_subscribed

    with django_capture_on_commit_callbacks(execute=True):
        submit(post, parent=parent, email="cy@example.org", body="second reply")
        submit(post, parent=parent, email="lena@example.org", body="my own reply")
    assert len(mailoutbox) == 2
    reply_mail = mailoutbox[-1]
    assert reply_mail.to == ["lena@example.org"]
    assert "second reply" in reply_mail.body
    assert "cy@example.org" not in reply_mail.message().as_string()
    unsubscribe = reply_mail.extra_headers["List-Unsubscribe"].strip("<>")
    assert reply_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = client.post(
        unsubscribe.split("127.0.0.1:8000", 1)[1], {"List-Unsubscribe": "One-Click"}
    )
    assert one_click.status_code == 200
    parent.refresh_from_db()
    assert not parent.is_subscribed


def test_a_held_reply_is_announced_once_when_approved(
    blog, post, mailoutbox, django_capture_on_commit_callbacks
):
    open_blog(blog)
    parent = submit(post, notify_replies=True)
    services.subscription_confirm(comment=parent)
    blog.comment_policy = Blog.CommentPolicy.HOLD_ALL
    blog.save()
    with django_capture_on_commit_callbacks(execute=True):
        reply = submit(post, parent=parent, email="bo@example.org", body="held reply")
    assert not mailoutbox
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comments=[reply])
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_trash(comments=[reply])
        services.comment_approve(comments=[reply])
    assert len(mailoutbox) == 1


def test_broken_mail_links_are_refused_politely(client, db):
    response = client.get(reverse("comments:subscription_confirm", args=["broken"]))
    assert response.status_code == 400
    assert "does not work" in response.content.decode()


def test_a_reply_subscription_link_expires_after_seven_days_but_unsubscribe_does_not(
    client, blog, post
):
    # A confirmation link lying in a mailbox for months must not subscribe anyone later
    # (issue 12, item 5); stopping mail must always work.
    import time
    from unittest import mock

    from grassroots.comments import notifications

    open_blog(blog)
    parent = submit(post, notify_replies=True)
    eight_days_ago = time.time() - 8 * 86400
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        old_confirm = notifications.mail_token(parent.pk, "confirm")
        old_cancel = notifications.mail_token(parent.pk, "cancel")
    confirm = reverse("comments:subscription_confirm", args=[old_confirm])
    assert client.get(confirm).status_code == 400
    assert client.post(confirm).status_code == 400
    parent.refresh_from_db()
    assert not parent.is_subscribed
    fresh = notifications.mail_token(parent.pk, "confirm")
    client.post(reverse("comments:subscription_confirm", args=[fresh]))
    parent.refresh_from_db()
    assert parent.is_subscribed
    cancel = reverse("comments:subscription_cancel", args=[old_cancel])
    assert client.post(cancel).status_code == 200
    parent.refresh_from_db()
    assert not parent.is_subscribed


def test_a_flood_of_held_comments_sends_moderators_one_mail_with_the_count(
    post, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            submit(post, email=f"f{n}@example.org", body=f"flood {n}")
    [mail] = mailoutbox
    assert "5 comments wait in the queue" in mail.body


def test_staff_with_the_moderate_permission_get_mail_and_others_do_not(
    post, mailoutbox, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Permission

    users = get_user_model().objects
    editor = users.create_user("ed", "ed@example.org", "x" * 20, is_staff=True)
    mod = users.create_user("mo", "mo@example.org", "x" * 20, is_staff=True)
    mod.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    with django_capture_on_commit_callbacks(execute=True):
        submit(post)
    assert [m.to for m in mailoutbox] == [["mo@example.org"]]
    assert editor.email not in str([m.to for m in mailoutbox])


def test_an_address_that_did_not_confirm_gets_one_confirmation_mail_a_day(
    blog, post, mailoutbox, django_capture_on_commit_callbacks
):
    """Someone typing a stranger's address and ticking "email me replies" on comment after
    comment must not turn our confirmation mail into a mail flood."""
    open_blog(blog)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            submit(post, email="victim@example.org", notify_replies=True, body=f"flood {n}")
        submit(post, email="other@example.org", notify_replies=True, body="a real one")
    assert sorted(m.to[0] for m in mailoutbox) == ["other@example.org", "victim@example.org"]
