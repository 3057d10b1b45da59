"""A reader follows by email and leaves again, through the real views, tasks and the mail
outbox: double opt-in, one mail per new post with one-click unsubscribe, and no trace left."""

import re
import time

import pytest
from django.core import mail, signing

from grassroots.followers.models import Subscriber
from grassroots.photos import services as photo_services
from tests.factories import make_blog, make_post
from tests.photos import corpus

pytestmark = pytest.mark.django_db

EMAIL = "reader@example.org"
SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


def link(message, path):
    return re.search(rf"https?://[^\s\"<>]+{path}[^\s\"<>]+/", message.body).group(0)


def follow(client, capture, **fields):
    data = {"email": EMAIL, "frequency": "each", "language": "en"} | fields
    with capture(execute=True):
        return client.post("/followers/", data, **SAME_SITE)


def confirmed(client, capture, **fields):
    follow(client, capture, **fields)
    url = link(mail.outbox[-1], "/followers/confirm/")
    client.post(url)
    mail.outbox.clear()
    return Subscriber.objects.get()


def test_a_subscription_round_trip_ends_with_one_click_and_no_trace(
    client, django_capture_on_commit_callbacks
):
    make_blog()
    response = follow(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and "Check your mail" in response.content.decode()
    assert not response.cookies
    assert Subscriber.objects.count() == 0  # nothing is stored before the owner says yes
    (confirmation,) = mail.outbox
    assert confirmation.to == [EMAIL]
    url = link(confirmation, "/followers/confirm/")
    assert client.get(url).status_code == 200 and Subscriber.objects.count() == 0  # GET: no
    client.post(url)
    follower = Subscriber.objects.get()
    assert (follower.email, follower.frequency, follower.language) == (EMAIL, "each", "en")
    mail.outbox.clear()

    cover = photo_services.photo_upload(
        data=corpus.jpeg_bytes(corpus.scene((1200, 800))), alt_text="Tents by the river"
    )
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(title="Camp day", body=f"We met.\n\n![Two tents](photo:{cover.pk})")
    (message,) = mail.outbox
    assert message.to == [EMAIL] and message.subject == "Camp day"
    assert "We met." in message.body and post.get_absolute_url() in message.body
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert "<img" not in html and "<picture" not in html  # nothing loads when it is opened
    assert re.search(r'<a href="http://[^"]+/media/photos/[^"]+\d+w\.jpg">Photo: Two tents', html)
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body

    # A mail program's one-click POST (RFC 8058): no cookie, no form token.
    path = unsubscribe.split("testserver", 1)[-1].split("127.0.0.1:8000", 1)[-1]
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscriber.objects.count() == 0
    for page in ["/", post.get_absolute_url(), "/feed/", "/feed/atom/", "/sitemap.xml"]:
        assert EMAIL not in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_post(title="After leaving")
    assert len(mail.outbox) == 1  # no more mail


def test_a_confirmation_link_works_for_seven_days_only(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    make_blog()
    follow(client, django_capture_on_commit_callbacks)
    url = link(mail.outbox[0], "/followers/confirm/")
    later = time.time() + 7 * 24 * 3600 + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert client.post(url).status_code == 400
    assert Subscriber.objects.count() == 0


def test_a_form_from_another_site_or_with_mistakes_is_refused(client):
    make_blog()
    data = {"email": EMAIL, "frequency": "each", "language": "en"}
    assert client.post("/followers/", data, HTTP_ORIGIN="https://evil.example").status_code == 400
    response = client.post("/followers/", data | {"email": "nope"}, **SAME_SITE)
    assert response.status_code == 400 and 'id="id_email_error"' in response.content.decode()
    assert 'value="nope"' in response.content.decode()  # what they typed is kept
    assert mail.outbox == []


def test_one_address_gets_at_most_three_confirmation_mails_a_day(
    client, django_capture_on_commit_callbacks
):
    make_blog()
    for _ in range(5):
        assert follow(client, django_capture_on_commit_callbacks).status_code == 200
    assert len(mail.outbox) == 3


def test_followers_get_posts_in_their_language_only(client, django_capture_on_commit_callbacks):
    make_blog(language="ru")
    confirmed(client, django_capture_on_commit_callbacks, language="kk")
    with django_capture_on_commit_callbacks(execute=True):
        make_post(title="Жазба", language="kk")
        make_post(title="Запись")  # the blog's language, Russian
    assert [m.subject for m in mail.outbox] == ["Жазба"]


def test_old_or_draft_posts_are_never_mailed(client, django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    make_blog()
    confirmed(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        make_post(title="Imported", published_at=timezone.now() - datetime.timedelta(days=30))
        make_post(title="Draft", status="draft")
    assert mail.outbox == []
