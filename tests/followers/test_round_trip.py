"""A reader follows by email and leaves again, through the real views, tasks and the mail
outbox: double opt-in, one mail per new post with one-click unsubscribe, and no trace left."""

import re
import time

import pytest
from django.core import mail, signing

from grassroots.followers import tokens
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


def test_the_follow_form_speaks_and_offers_the_language_the_reader_came_from(client):
    make_blog(language="en")
    post = make_post(title="Запись", language="ru")
    footer = client.get(post.get_absolute_url()).content.decode()
    assert 'href="/followers/?language=ru"' in footer and 'href="/ru/feed/"' in footer
    html = client.get("/followers/?language=ru").content.decode()
    assert '<html lang="ru">' in html and "Подписка по почте" in html
    assert '<option value="ru" selected>' in html
    assert 'lang="en"' in client.get("/followers/?language=xx").content.decode()
    response = client.post("/followers/", {"email": "nope", "language": "kk"}, **SAME_SITE)
    assert response.status_code == 400 and '<html lang="kk">' in response.content.decode()


def test_the_confirmation_link_does_not_carry_a_readable_address(
    client, django_capture_on_commit_callbacks
):
    """A signed token is plain base64: the address would sit in proxies' logs and history."""
    import base64

    make_blog()
    follow(client, django_capture_on_commit_callbacks)
    url = link(mail.outbox[0], "/followers/confirm/")
    token = url.rstrip("/").rsplit("/", 1)[-1]
    for part in re.split(r"[.:]", token):
        assert EMAIL.encode() not in base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    assert client.post(url[: -len(token) - 1] + token[:-3] + "AAA/").status_code == 400
    assert client.post(url).status_code == 200 and Subscriber.objects.get().email == EMAIL


def test_the_plain_text_part_keeps_photo_links_captions_and_characters(
    client, django_capture_on_commit_callbacks
):
    make_blog()
    confirmed(client, django_capture_on_commit_callbacks)
    cover = photo_services.photo_upload(
        data=corpus.jpeg_bytes(corpus.scene((1200, 800))),
        alt_text="Two tents",
        caption="By the river",
    )
    body = f"Bread & salt.\n\n![Two tents](photo:{cover.pk})\n\n[Our report](https://example.org/r?a=1&b=2)"
    with django_capture_on_commit_callbacks(execute=True):
        make_post(title="Camp day", body=body)
    text = mail.outbox[0].body
    assert "Bread & salt." in text and "&amp;" not in text
    assert re.search(r"^Photo: Two tents <http://\S+/media/photos/\S+w\.jpg>$", text, re.M)
    assert re.search(r"^By the river$", text, re.M)
    assert "Our report <https://example.org/r?a=1&b=2>" in text


def test_unsubscribing_deletes_the_mail_files_kept_for_the_address(
    client, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.EMAIL_BACKEND = "grassroots.core.mail.FileBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    make_blog()
    follow(client, django_capture_on_commit_callbacks)
    follow(client, django_capture_on_commit_callbacks, email="other@example.org")
    files = list((tmp_path / "mail").iterdir())
    (first,) = [p for p in files if EMAIL.encode() in p.read_bytes()]
    (second,) = [p for p in files if p != first]
    url = re.search(rb"http://\S+/followers/confirm/\S+/", first.read_bytes()).group(0).decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url.split("testserver", 1)[-1].split("127.0.0.1:8000", 1)[-1])
        make_post(title="Camp day")
    kept = [p.read_bytes() for p in (tmp_path / "mail").iterdir()]
    assert sum(EMAIL.encode() in data for data in kept) == 2  # confirmation and post
    subscriber = Subscriber.objects.get()
    path = f"/followers/unsubscribe/{tokens.unsubscribe_token(subscriber)}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"List-Unsubscribe": "One-Click"})
    kept = [p.read_bytes() for p in (tmp_path / "mail").iterdir()]
    assert kept == [second.read_bytes()]  # another address's mail stays
