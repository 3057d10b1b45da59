"""Lockout per (login, client network): it cannot be turned against staff from elsewhere,
behind nginx (GRASSROOTS_BEHIND_PROXY) or not."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from grassroots.accounts.roles import EDITOR
from tests.accounts.helpers import PASSWORD, sign_in
from tests.factories import make_blog, make_staff

pytestmark = pytest.mark.django_db


def from_network(address):
    """A browser behind our nginx: every request arrives from 127.0.0.1."""
    return {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": address}


@pytest.fixture
def editor(settings):
    settings.GRASSROOTS_BEHIND_PROXY = True
    make_blog()
    return make_staff(EDITOR, username="dana", password=PASSWORD)


def test_six_bad_logins_from_one_network_do_not_lock_the_person_out_elsewhere(editor):
    attacker = Client()
    for _ in range(6):
        sign_in(attacker, "dana", "guessed password", **from_network("203.0.113.66"))
    locked = sign_in(attacker, "dana", PASSWORD, **from_network("203.0.113.66"))
    assert locked.status_code == 429
    assert "Too many tries" in locked.content.decode()
    assert SESSION_KEY not in attacker.session
    office = Client()
    response = sign_in(office, "dana", PASSWORD, **from_network("198.51.100.7"))
    assert response.status_code == 302
    assert SESSION_KEY in office.session


def test_a_neighbour_in_the_same_network_is_locked_only_for_that_login(editor):
    make_staff(EDITOR, username="erlan", password=PASSWORD)
    attacker = Client()
    for _ in range(6):
        sign_in(attacker, "dana", "guessed password", **from_network("203.0.113.66"))
    colleague = Client()
    response = sign_in(colleague, "erlan", PASSWORD, **from_network("203.0.113.20"))
    assert response.status_code == 302


def test_without_the_proxy_setting_the_forwarded_header_is_not_believed(editor, settings):
    settings.GRASSROOTS_BEHIND_PROXY = False
    attacker = Client()
    for n in range(6):
        # Claiming a new address each time does not escape the lockout.
        sign_in(
            attacker,
            "dana",
            "guessed",
            REMOTE_ADDR="203.0.113.66",
            HTTP_X_FORWARDED_FOR=f"10.0.{n}.1",
        )
    assert sign_in(attacker, "dana", PASSWORD, REMOTE_ADDR="203.0.113.66").status_code == 429


def test_wrong_second_factor_codes_count_towards_the_lockout(editor, settings):
    from tests.accounts.helpers import give_totp

    give_totp(editor)
    attacker = Client()
    sign_in(attacker, "dana", PASSWORD, **from_network("203.0.113.66"))
    statuses = [
        attacker.post(
            "/studio/login/code/", {"code": "000000"}, **from_network("203.0.113.66")
        ).status_code
        for _ in range(6)
    ]
    assert statuses[-1] == 429


def test_the_default_admin_login_name_is_not_admin(cli_data_dir):
    from tests.conftest import cli_env, grassroots

    env = cli_env(cli_data_dir)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    result = grassroots("createadmin", env=env)
    assert result.returncode == 0
    login = result.stdout.split("Staff login:")[1].split()[0]
    assert login != "admin" and len(login) >= 8
    again = grassroots("createadmin", "--if-missing", env=env)
    assert f"Staff login: {login} " in again.stdout and "password:" not in again.stdout
    reset = grassroots("createadmin", "--reset", "--username", login, env=env)
    assert "password:" in reset.stdout
    named = grassroots("createadmin", "--username", "admin", "--email", "a@x.example", env=env)
    assert "Staff login: admin " in named.stdout
