import json
import re
import time

import pytest
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.urls import reverse

from grassroots.blog.models import Blog
from grassroots.comments import guard, privacy_views, services
from grassroots.comments.models import Comment, PrivacyRequest
from tests.comments.conftest import token_for
from tests.factories import make_blog, make_post

EMAIL = "lena.private@example.org"


def seed(blog, post):
    blog.comment_policy = Blog.CommentPolicy.OPEN
    blog.save()
    for n in range(2):
        services.comment_submit(
            post=post,
            name="Lena",
            email=EMAIL,
            body=f"my words {n}",
            token=token_for(post),
            website="https://lena.example.org/",
            ip=guard.client_ip_from("203.0.113.50"),
        )


def ask(client, action, email=EMAIL, **extra):
    url = reverse("comments:privacy_request")
    token = guard.issue_token(privacy_views.PRIVACY_FORM)
    return client.post(url, {"email": email, "action": action, "token": token}, **extra)


def test_a_commenter_exports_their_comments_through_a_mailed_link(
    client, blog, post, mailoutbox, jobs
):
    seed(blog, post)
    response = ask(client, "export")
    assert "Check your mail" in response.content.decode()
    assert not mailoutbox  # the request only queued it
    jobs()
    [mail] = mailoutbox
    assert mail.to == [EMAIL]
    path = re.search(r"http://127.0.0.1:8000(\S+)", mail.body).group(1)
    # The link is a random id looked up on the server: no address, no hash of one.
    assert EMAIL not in path and guard.email_key(EMAIL) not in path
    assert "." not in path.strip("/").split("/")[-1]  # not a signed payload either
    assert not PrivacyRequest.objects.exclude(email="").exists()  # the address is not kept
    assert "2 comments" in client.get(path).content.decode()
    download = client.post(path)
    assert download["Content-Disposition"].startswith("attachment")
    rows = json.loads(download.content)["comments"]
    assert [r["comment"] for r in rows] == ["my words 0", "my words 1"]
    assert rows[0]["email"] == EMAIL


def test_a_commenter_erases_their_comments_through_a_mailed_link(
    client, blog, post, mailoutbox, jobs
):
    seed(blog, post)
    ask(client, "erase")
    jobs()
    path = re.search(r"http://127.0.0.1:8000(\S+)", mailoutbox[0].body).group(1)
    assert Comment.objects.count() == 2  # nothing happens before the link is used
    client.get(path)
    assert Comment.objects.count() == 2
    response = client.post(path)
    assert "2 comments are erased" in response.content.decode()
    assert not Comment.objects.exists()
    assert not PrivacyRequest.objects.exists()
    post.refresh_from_db()
    assert post.comment_count == 0
    assert client.post(path).status_code == 400  # the link dies with what it named


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, blog, post, mailoutbox, jobs):
    seed(blog, post)
    known = ask(client, "export").content.decode()
    unknown = ask(client, "export", email="stranger@example.org").content.decode()
    assert known == unknown
    jobs()
    assert len(mailoutbox) == 1
    assert not PrivacyRequest.objects.filter(email_key=guard.email_key("stranger@example.org"))


class SlowMail(locmem.EmailBackend):
    """A mail server that takes its time, as a real SMTP round trip does."""

    def send_messages(self, messages):
        time.sleep(SLOW_MAIL_SECONDS)
        return super().send_messages(messages)


SLOW_MAIL_SECONDS = 1.0


def timed_ask(client, email):
    started = time.perf_counter()
    response = ask(client, "export", email=email, REMOTE_ADDR="198.51.100.7")
    return time.perf_counter() - started, response


def test_the_privacy_answer_takes_no_longer_for_an_address_that_commented(
    client, blog, post, mailoutbox, settings, jobs
):
    # The answer time must not tell whether an address commented here (issue 12, item 2a):
    # the mail, sent only for a known address, is never sent inside the request.
    settings.EMAIL_BACKEND = "tests.comments.test_privacy.SlowMail"
    seed(blog, post)
    known_time, known = timed_ask(client, EMAIL)
    unknown_time, unknown = timed_ask(client, "stranger@example.org")
    assert known.content == unknown.content and known.status_code == unknown.status_code
    assert known_time < SLOW_MAIL_SECONDS / 2 and unknown_time < SLOW_MAIL_SECONDS / 2
    jobs()
    assert [m.to for m in mailoutbox] == [[EMAIL]]


@pytest.mark.django_db(transaction=True)
def test_with_the_immediate_task_backend_the_mail_still_goes_out_after_the_answer(
    client, settings, mailoutbox
):
    # Without a worker (django-tasks' immediate backend) the job runs beside the request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "tests.comments.test_privacy.SlowMail"
    blog = make_blog()
    post = make_post(slug="a-day-in-the-park", title="A day in the park")
    seed(blog, post)
    known_time, known = timed_ask(client, EMAIL)
    unknown_time, unknown = timed_ask(client, "stranger@example.org")
    assert known.content == unknown.content
    assert known_time < SLOW_MAIL_SECONDS / 2 and unknown_time < SLOW_MAIL_SECONDS / 2
    deadline = time.monotonic() + 10
    while not mailoutbox and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [m.to for m in mailoutbox] == [[EMAIL]]


def test_privacy_requests_have_their_own_rate_limit(client, blog, post, settings, jobs):
    # Someone who knows an address cannot use up its owner's comment allowance, nor have
    # us mail them more than a few times an hour (issue 12, item 6).
    settings.GRASSROOTS_COMMENT_RATE_EMAIL = 2
    seed(blog, post)  # two comments: this address's comment allowance is used up...
    for _n in range(guard.PRIVACY_RATE_EMAIL):
        assert ask(client, "export").status_code == 200
    refused = ask(client, "export")
    assert refused.status_code == 429
    assert "wait an hour" in refused.content.decode()
    settings.GRASSROOTS_COMMENT_RATE_EMAIL = 3  # ...and requests did not count against it
    services.comment_submit(
        post=post, name="Lena", email=EMAIL, body="still here", token=token_for(post)
    )


def test_privacy_requests_from_one_network_are_limited_across_addresses(client, blog, post, jobs):
    for n in range(guard.PRIVACY_RATE_NETWORK):
        assert ask(client, "export", email=f"p{n}@example.org").status_code == 200
    assert ask(client, "export", email="another@example.org").status_code == 429
    other_network = ask(client, "export", email="another@example.org", REMOTE_ADDR="192.0.2.9")
    assert other_network.status_code == 200


def test_an_old_privacy_link_stops_working_and_is_swept(client, blog, post, mailoutbox, jobs):
    from datetime import timedelta

    from django.utils import timezone

    seed(blog, post)
    ask(client, "export")
    jobs()
    path = re.search(r"http://127.0.0.1:8000(\S+)", mailoutbox[0].body).group(1)
    PrivacyRequest.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert client.get(path).status_code == 400
    assert services.privacy_requests_expire() == 1


def test_a_broken_or_forged_confirmation_link_does_nothing(client, blog, post):
    seed(blog, post)
    response = client.post(reverse("comments:privacy_confirm", args=["forged:token"]))
    assert response.status_code == 400
    assert Comment.objects.count() == 2


def test_no_public_page_or_feed_shows_a_commenters_email_or_network(client, blog, post):
    seed(blog, post)
    comment = Comment.objects.first()
    urls = [
        post.get_absolute_url(),
        reverse("comments:feed"),
        reverse("comments:feed_atom"),
        reverse("comments:post_feed", args=[post.pk]),
        reverse("comments:post_feed_atom", args=[post.pk]),
        reverse("comments:comment_reply", args=[comment.pk]),
        reverse("comments:post_comments", args=[post.pk]),
        "/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "lena.private" not in text, url
        assert "203.0.113" not in text, url
        assert comment.email_key not in text and comment.network not in text, url
        assert not response.cookies, url


def test_the_purge_command_drops_expired_emails(blog, post, capsys):
    seed(blog, post)
    blog.commenter_email_retention_days = 0
    blog.save()
    guard.hit("old-key", now=time.time() - 3 * 3600)
    call_command("comments", "purge")
    assert "2 commenter emails erased, 1 old rate-limit" in capsys.readouterr().out
    assert set(Comment.objects.values_list("email", flat=True)) == {""}


def test_a_new_comment_sweeps_expired_emails_without_a_cron_job(
    blog, post, django_capture_on_commit_callbacks
):
    seed(blog, post)
    blog.commenter_email_retention_days = 0
    blog.save()
    from django.core.cache import cache

    cache.delete("comments:emails-expired")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_submit(
            post=post, name="New", email="new@example.org", body="hi", token=token_for(post)
        )
    emails = set(Comment.objects.values_list("email", flat=True))
    assert EMAIL not in emails


def test_the_privacy_form_refuses_bad_input_with_a_message(client, blog, post, mailoutbox):
    seed(blog, post)
    url = reverse("comments:privacy_request")
    assert client.get(url).status_code == 200
    bad_email = client.post(url, {"email": "nope", "action": "erase", "token": "x"})
    assert bad_email.status_code == 400
    assert "Enter a valid email address" in bad_email.content.decode()
    forged = client.post(url, {"email": EMAIL, "action": "erase", "token": "forged"})
    assert forged.status_code == 400
    assert "could not be checked" in forged.content.decode()
    elsewhere = client.post(
        url,
        {"email": EMAIL, "action": "erase", "token": guard.issue_token(0)},
        headers={"Origin": "https://evil.example"},
    )
    assert elsewhere.status_code == 403
    assert not mailoutbox


def test_mail_files_go_with_an_erased_commenter_and_after_retention(
    client, blog, post, settings, tmp_path, jobs, django_capture_on_commit_callbacks
):
    # Mail kept as files holds addresses and live links (issue 12, item 3c).
    settings.EMAIL_BACKEND = "grassroots.core.mail.FileBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    seed(blog, post)
    services.comment_submit(
        post=post, name="Bo", email="bo@example.org", body="other words", token=token_for(post)
    )
    ask(client, "erase")
    ask(client, "export", email="bo@example.org")
    jobs()
    files = lambda: sorted(settings.EMAIL_FILE_PATH.iterdir())  # noqa: E731
    assert len(files()) == 2
    lena_mail = next(f for f in files() if EMAIL.encode() in f.read_bytes())
    path = re.search(rb"http://127.0.0.1:8000(\S+)", lena_mail.read_bytes()).group(1).decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path)
    [left] = files()
    assert b"bo@example.org" in left.read_bytes()
    blog.commenter_email_retention_days = 0
    blog.save()
    services.comment_emails_expire()
    assert files() == []
