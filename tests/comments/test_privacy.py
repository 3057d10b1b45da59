import json
import re
import time

from django.core.management import call_command
from django.urls import reverse

from grassroots.blog.models import Blog
from grassroots.comments import guard, privacy_views, services
from grassroots.comments.models import Comment
from tests.comments.conftest import token_for

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


def ask(client, action, email=EMAIL):
    url = reverse("comments:privacy_request")
    token = guard.issue_token(privacy_views.PRIVACY_FORM)
    return client.post(url, {"email": email, "action": action, "token": token})


def test_a_commenter_exports_their_comments_through_a_mailed_link(client, blog, post, mailoutbox):
    seed(blog, post)
    response = ask(client, "export")
    assert "Check your mail" in response.content.decode()
    [mail] = mailoutbox
    assert mail.to == [EMAIL]
    path = re.search(r"http://127.0.0.1:8000(\S+)", mail.body).group(1)
    assert EMAIL not in path
    assert "2 comments" in client.get(path).content.decode()
    download = client.post(path)
    assert download["Content-Disposition"].startswith("attachment")
    rows = json.loads(download.content)["comments"]
    assert [r["comment"] for r in rows] == ["my words 0", "my words 1"]
    assert rows[0]["email"] == EMAIL


def test_a_commenter_erases_their_comments_through_a_mailed_link(client, blog, post, mailoutbox):
    seed(blog, post)
    ask(client, "erase")
    path = re.search(r"http://127.0.0.1:8000(\S+)", mailoutbox[0].body).group(1)
    assert Comment.objects.count() == 2  # nothing happens before the link is used
    client.get(path)
    assert Comment.objects.count() == 2
    response = client.post(path)
    assert "2 comments are erased" in response.content.decode()
    assert not Comment.objects.exists()
    post.refresh_from_db()
    assert post.comment_count == 0


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, blog, post, mailoutbox):
    seed(blog, post)
    known = ask(client, "export").content.decode()
    unknown = ask(client, "export", email="stranger@example.org").content.decode()
    assert known == unknown
    assert len(mailoutbox) == 1


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
    assert elsewhere.status_code == 400
    assert not mailoutbox
