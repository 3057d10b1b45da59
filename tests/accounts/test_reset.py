"""Password reset by mail: one hour, single use, rate limited, the same answer for any
address, and the second factor still asked afterwards."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client

from grassroots.accounts.roles import EDITOR
from tests.accounts.helpers import PASSWORD, app_code, give_totp, sign_in
from tests.factories import make_blog, make_staff

pytestmark = pytest.mark.django_db
NEW = "a brand new long passphrase"


@pytest.fixture
def editor(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_blog()
    return make_staff(EDITOR, username="dana", email="dana@riverbank.example", password=PASSWORD)


def ask(client, email, capture):
    with capture(execute=True):
        return client.post("/studio/password-reset/", {"email": email})


def mailed_path():
    return re.search(r"https?://[^/]+(/studio/password-reset/\S+/)", mail.outbox[-1].body)[1]


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(
    client, editor, django_capture_on_commit_callbacks
):
    known = ask(client, "dana@riverbank.example", django_capture_on_commit_callbacks)
    unknown = ask(Client(), "nobody@riverbank.example", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert client.get(known["Location"]).content == Client().get(unknown["Location"]).content
    assert [m.to for m in mail.outbox] == [["dana@riverbank.example"]]


def test_the_link_works_once_and_the_second_factor_is_still_asked(
    client, editor, settings, django_capture_on_commit_callbacks
):
    give_totp(editor)
    ask(client, "DANA@riverbank.example", django_capture_on_commit_callbacks)
    path = mailed_path()
    form = client.get(path, follow=True)
    assert form.status_code == 200
    set_url = form.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == "/studio/login/"
    assert SESSION_KEY not in client.session
    again = Client().get(path, follow=True)
    assert "does not work any more" in again.content.decode()
    signing_in = sign_in(client, "dana", NEW)
    assert signing_in["Location"] == "/studio/login/code/"
    assert client.post("/studio/login/code/", {"code": app_code(editor)}).status_code == 302


def test_the_link_expires_after_an_hour(client, editor, django_capture_on_commit_callbacks):
    ask(client, "dana@riverbank.example", django_capture_on_commit_callbacks)
    path = mailed_path()
    from django.contrib.auth.tokens import default_token_generator

    later = default_token_generator._now() + timedelta(hours=1, minutes=1)
    default_token_generator._now = lambda: later
    try:
        page = Client().get(path, follow=True)
    finally:
        del default_token_generator._now
    assert "does not work any more" in page.content.decode()


def test_requests_are_limited_per_address_and_per_network(
    editor, settings, django_capture_on_commit_callbacks
):
    settings.GRASSROOTS_BEHIND_PROXY = True
    for n in range(5):
        ask(
            Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.{n}.1"),
            "dana@riverbank.example",
            django_capture_on_commit_callbacks,
        )
    assert len(mail.outbox) == 3
    one_network = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    for n in range(12):
        ask(one_network, f"someone{n}@riverbank.example", django_capture_on_commit_callbacks)
    mail.outbox.clear()
    ask(one_network, "other@riverbank.example", django_capture_on_commit_callbacks)
    make_staff(EDITOR, username="erlan", email="erlan@riverbank.example", password=PASSWORD)
    ask(one_network, "erlan@riverbank.example", django_capture_on_commit_callbacks)
    assert mail.outbox == []
    ask(Client(), "erlan@riverbank.example", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_a_bad_address_gets_the_form_back_with_the_text_kept(client, editor):
    response = client.post("/studio/password-reset/", {"email": "dana at riverbank"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="dana at riverbank"' in html and 'aria-invalid="true"' in html
