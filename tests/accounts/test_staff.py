"""Invitations, staff pages, deactivation, and the same from the command line."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from grassroots.accounts import services
from grassroots.accounts.models import AuditEntry, Invitation
from grassroots.accounts.roles import ADMINISTRATOR, AUTHOR, EDITOR, MODERATOR, user_roles
from tests.accounts.helpers import PASSWORD, sign_in
from tests.factories import make_blog, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_blog(title="Riverbank notes")
    return make_staff(ADMINISTRATOR, username="boss", password=PASSWORD)


def join_form(username="newcomer"):
    return {"username": username, "password1": PASSWORD, "password2": PASSWORD}


def mailed_link():
    return re.search(r"/studio/join/[\w-]+/", mail.outbox[-1].body).group(0)


def test_an_administrator_invites_and_the_link_works_once(
    client, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/studio/staff/invite/",
            {"email": "new@riverbank.example", "roles": [AUTHOR, MODERATOR]},
        )
    assert response.status_code == 200
    link = mailed_link()
    assert mail.outbox[-1].to == ["new@riverbank.example"]
    assert "Riverbank notes" in mail.outbox[-1].subject
    newcomer = Client()
    assert newcomer.get(link).status_code == 200
    response = newcomer.post(link, join_form())
    assert response["Location"] == "/studio/account/two-factor/"
    person = get_user_model().objects.get(username="newcomer")
    assert person.is_staff and person.email == "new@riverbank.example"
    assert user_roles(person) == {AUTHOR, MODERATOR}
    assert Client().post(link, join_form("second")).status_code == 410
    assert not get_user_model().objects.filter(username="second").exists()
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {
        "staff.invite",
        "staff.join",
    }


def test_an_expired_invitation_is_refused(admin):
    invitation, link = services.staff_invite(
        email="late@riverbank.example", roles=[AUTHOR], actor=admin, send=False
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    path = link.split("127.0.0.1:8000")[1]
    assert Client().get(path).status_code == 410
    assert Client().post(path, join_form()).status_code == 410
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_an_invitation_lasts_72_hours(admin):
    invitation, _link = services.staff_invite(
        email="x@riverbank.example", roles=[EDITOR], actor=admin, send=False
    )
    hours = (invitation.expires_at - invitation.created_at) / timedelta(hours=1)
    assert round(hours) == 72
    assert Invitation.objects.get().token_hash not in _link


def test_a_weak_password_is_refused_and_the_name_kept(admin):
    _invitation, link = services.staff_invite(
        email="x@riverbank.example", roles=[EDITOR], actor=admin, send=False
    )
    path = link.split("127.0.0.1:8000")[1]
    response = Client().post(path, {"username": "kept", "password1": "short", "password2": "short"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="kept"' in html and 'aria-invalid="true"' in html
    assert 'id="id_password1_errors"' in html


def test_the_invite_form_keeps_what_was_typed_on_error(client, admin):
    client.force_login(admin)
    response = client.post("/studio/staff/invite/", {"email": "not-an-address", "roles": []})
    html = response.content.decode()
    assert 'value="not-an-address"' in html
    assert html.count('class="field-errors"') == 2
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", [EDITOR, AUTHOR, MODERATOR])
def test_only_administrators_reach_staff_pages_and_the_audit_log(client, admin, role):
    person = make_staff(role, username="person")
    client.force_login(person)
    for url in (
        "/studio/staff/",
        "/studio/staff/invite/",
        f"/studio/staff/{admin.pk}/",
        "/studio/audit/",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/studio/staff/{admin.pk}/active/", {"active": "0"}).status_code == 403
    assert client.post(f"/studio/staff/{person.pk}/", {"roles": [ADMINISTRATOR]}).status_code == 403
    admin.refresh_from_db()
    assert admin.is_active and user_roles(person) == {role}


def test_an_administrator_changes_roles(client, admin):
    person = make_staff(AUTHOR, username="person")
    client.force_login(admin)
    client.post(f"/studio/staff/{person.pk}/", {"roles": [EDITOR, MODERATOR]})
    assert user_roles(person) == {EDITOR, MODERATOR}
    page = client.get("/studio/staff/").content.decode()
    assert "person" in page and "Editor, Moderator" in page


def test_deactivation_ends_every_session_at_once(client, admin):
    make_staff(EDITOR, username="leaver", password=PASSWORD)
    laptop, phone = Client(), Client()
    sign_in(laptop, "leaver")
    sign_in(phone, "leaver")
    assert phone.get("/studio/").status_code == 200
    client.force_login(admin)
    leaver = get_user_model().objects.get(username="leaver")
    client.post(f"/studio/staff/{leaver.pk}/active/", {"active": "0"})
    for device in (laptop, phone):
        assert device.get("/studio/").status_code == 302
        assert SESSION_KEY not in device.session
    assert sign_in(Client(), "leaver").status_code == 200
    assert AuditEntry.objects.filter(action="staff.deactivate", target_id=str(leaver.pk)).exists()


def test_the_audit_log_filters_by_person_action_and_date(client, admin):
    from grassroots.accounts.audit import audit_record

    other = make_staff(EDITOR, username="other")
    audit_record(actor=other, action="post.publish", label="Report A")
    audit_record(actor=admin, action="post.delete", label="Report B")
    old = audit_record(actor=other, action="post.delete", label="Report C")
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=10))
    client.force_login(admin)
    page = client.get("/studio/audit/", {"person": "other"}).content.decode()
    assert "Report A" in page and "Report C" in page and "Report B" not in page
    page = client.get("/studio/audit/", {"action": "post.delete"}).content.decode()
    assert "Report B" in page and "Report A" not in page
    since = (timezone.localdate() - timedelta(days=2)).isoformat()
    page = client.get("/studio/audit/", {"since": since}).content.decode()
    assert "Report C" not in page and "Report A" in page
    assert "Deleted a post" in page


def test_the_staff_command_invites_lists_and_deactivates(cli_data_dir):
    from tests.conftest import cli_env, grassroots

    env = cli_env(cli_data_dir)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    invited = grassroots("staff", "invite", "new@x.example", "--role", "Editor", env=env)
    assert invited.returncode == 0, invited.stderr
    assert "/studio/join/" in invited.stdout
    wrong = grassroots("staff", "invite", "new@x.example", "--role", "Owner", env=env)
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
    grassroots("createadmin", "--username", "boss", env=env)
    listed = grassroots("staff", "list", env=env)
    assert "boss" in listed.stdout and "Administrator" in listed.stdout
    gone = grassroots("staff", "deactivate", "boss", env=env)
    assert gone.returncode == 0
    assert "deactivated" in grassroots("staff", "list", env=env).stdout
    missing = grassroots("staff", "deactivate", "nobody", env=env)
    assert missing.returncode != 0 and "nobody" in missing.stderr


def test_every_staff_account_page_meets_the_public_pages_bar(client, admin):
    """No inline script or style, every field labelled, in the blog's own frame."""
    other = make_staff(EDITOR, username="other")
    client.force_login(admin)
    pages = [
        "/studio/account/",
        "/studio/account/two-factor/",
        "/studio/account/password/",
        "/studio/staff/",
        "/studio/staff/invite/",
        f"/studio/staff/{other.pk}/",
        "/studio/audit/",
    ]
    client.post("/studio/staff/invite/", {"email": "x@riverbank.example", "roles": [EDITOR]})
    for url in [*pages, "/studio/password-reset/", "/studio/login/"]:
        if url.endswith(("password-reset/", "login/")):
            client.logout()
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "Riverbank notes" in html, url
        assert "<script" not in html and "style=" not in html and "<style" not in html, url
        assert "no-store" in response.get("Cache-Control", ""), url
        for field_id in re.findall(r'<input[^>]+id="(id_[^"]+)"', html):
            assert f'for="{field_id}"' in html, (url, field_id)


def test_an_administrator_removes_a_lost_second_factor(client, admin):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.accounts.helpers import give_totp

    person = make_staff(EDITOR, username="lostphone")
    give_totp(person)
    client.force_login(admin)
    assert (
        "Remove their second factor" in client.get(f"/studio/staff/{person.pk}/").content.decode()
    )
    client.post(f"/studio/staff/{person.pk}/two-factor/")
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert AuditEntry.objects.filter(action="2fa.remove", actor=admin).exists()


def test_the_staff_command_resets_a_factor_and_purges_the_audit_log(cli_data_dir):
    from tests.conftest import cli_env, grassroots

    env = cli_env(cli_data_dir)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    grassroots("createadmin", "--username", "boss", env=env)
    reset = grassroots("staff", "reset-2fa", "boss", env=env)
    assert reset.returncode == 0 and "no second factor" in reset.stdout
    purged = grassroots("staff", "purge-audit", env=env)
    assert purged.returncode == 0 and "0 audit entries deleted" in purged.stdout
