import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY

from grassroots.accounts.models import AuditEntry
from grassroots.accounts.roles import AUTHOR, EDITOR
from tests.accounts.helpers import PASSWORD, app_code, give_totp, sign_in
from tests.factories import make_blog, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _blog():
    make_blog(title="Riverbank notes")


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Sign in to the studio"), ("ru", "Вход в студию"), ("kk", "Студияға кіру")],
)
def test_the_login_page_is_branded_and_translated(client, language, heading):
    from grassroots.blog.models import Blog

    # The blog's language or the browser's (whichever the studio follows): both say it.
    Blog.objects.update(language=language)
    response = client.get("/studio/login/", HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Riverbank notes" in html and heading in html
    assert "<script" not in html and "style=" not in html
    assert re.search(r'<label for="id_username">', html)


def test_a_wrong_password_keeps_the_login_name_and_says_so(client):
    make_staff(AUTHOR, username="aida", password=PASSWORD)
    response = sign_in(client, "aida", "wrong password!")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="aida"' in html and 'role="alert"' in html
    assert SESSION_KEY not in client.session


def test_a_person_without_a_factor_signs_in_with_the_password_when_it_is_optional(client):
    make_staff(AUTHOR, username="aida", password=PASSWORD)
    response = sign_in(client, "aida")
    assert response.status_code == 302 and response["Location"] == "/studio/"
    assert client.get("/studio/").status_code == 200
    assert AuditEntry.objects.filter(action="login", actor_name="aida").exists()


def test_a_person_with_a_factor_is_asked_for_the_code_before_anything_opens(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's pause after a wrong code
    person = make_staff(EDITOR, username="dana", password=PASSWORD)
    give_totp(person)
    response = sign_in(client, "dana")
    assert response["Location"] == "/studio/login/code/"
    assert SESSION_KEY not in client.session
    assert client.get("/studio/").status_code == 302
    wrong = client.post("/studio/login/code/", {"code": "000000"})
    assert 'aria-invalid="true"' in wrong.content.decode()
    assert AuditEntry.objects.filter(action="login.failed_factor", actor=person).exists()
    right = client.post("/studio/login/code/", {"code": app_code(person)})
    assert right.status_code == 302
    assert client.get("/studio/").status_code == 200


def test_a_recovery_code_works_once(client):
    person = make_staff(EDITOR, username="dana", password=PASSWORD)
    codes = give_totp(person)
    sign_in(client, "dana")
    assert client.post("/studio/login/code/", {"code": codes[0]}).status_code == 302
    client.logout()
    sign_in(client, "dana")
    again = client.post("/studio/login/code/", {"code": codes[0]})
    assert again.status_code == 200
    assert SESSION_KEY not in client.session


def test_the_code_step_expires_and_cannot_be_reached_without_a_password(client):
    assert client.get("/studio/login/code/")["Location"] == "/studio/login/"


def test_a_reader_account_cannot_sign_in_to_the_studio(client, django_user_model):
    django_user_model.objects.create_user("reader", password=PASSWORD)
    response = sign_in(client, "reader")
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_the_login_leaves_no_ip_or_user_agent_in_axes_tables_or_logs(client, settings, caplog):
    settings.GRASSROOTS_BEHIND_PROXY = True
    make_staff(AUTHOR, username="aida", password=PASSWORD)
    for _ in range(2):
        sign_in(
            client,
            "aida",
            "wrong password!",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.23",
            HTTP_USER_AGENT="Secret-Browser/1.0",
        )
    attempt = AccessAttempt.objects.get()
    stored = " ".join(str(value) for value in attempt.__dict__.values())
    assert attempt.failures_since_start == 2
    assert "198.51.100" not in stored and "127.0.0.1" not in stored
    assert "Secret-Browser" not in stored
    assert attempt.ip_address.startswith("fd")
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "AXES" in logged
    for secret in ("198.51.100", "127.0.0.1", "Secret-Browser"):
        assert secret not in logged


def test_the_session_ends_after_hours_without_activity(client, settings):
    settings.GRASSROOTS_STAFF_SESSION_HOURS = 2
    make_staff(AUTHOR, username="aida", password=PASSWORD)
    sign_in(client, "aida")
    assert client.get("/studio/").status_code == 200
    session = client.session
    session["_staff_seen"] -= 2 * 3600 + 1
    session.save()
    response = client.get("/studio/")
    assert response.status_code == 302 and "/studio/login/" in response["Location"]
    assert SESSION_KEY not in client.session


def test_the_session_cookie_lasts_the_inactivity_window(client, settings):
    settings.GRASSROOTS_STAFF_SESSION_HOURS = 3
    make_staff(AUTHOR, username="aida", password=PASSWORD)
    sign_in(client, "aida")
    client.get("/studio/")
    assert client.session.get_expiry_age() == 3 * 3600


def test_sign_out_everywhere_ends_every_session(client, django_user_model):
    from django.test import Client

    make_staff(AUTHOR, username="aida", password=PASSWORD)
    laptop, phone = client, Client()
    sign_in(laptop, "aida")
    sign_in(phone, "aida")
    assert phone.get("/studio/").status_code == 200
    laptop.post("/studio/account/sign-out-everywhere/")
    assert phone.get("/studio/").status_code == 302
    assert laptop.get("/studio/").status_code == 302
    assert AuditEntry.objects.filter(action="logout.everywhere").exists()


def test_right_after_a_wrong_code_the_app_code_waits_a_moment(client):
    person = make_staff(EDITOR, username="dana", password=PASSWORD)
    give_totp(person)
    sign_in(client, "dana")
    client.post("/studio/login/code/", {"code": "000000"})
    assert client.post("/studio/login/code/", {"code": app_code(person)}).status_code == 200
