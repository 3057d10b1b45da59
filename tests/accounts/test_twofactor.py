"""GRASSROOTS_STAFF_2FA: who must have a second factor, and what they reach without one."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from grassroots.accounts.models import AuditEntry
from grassroots.accounts.roles import ADMINISTRATOR, AUTHOR, CONTRIBUTOR, EDITOR, MODERATOR
from tests.accounts.helpers import PASSWORD, app_code, give_totp, sign_in
from tests.factories import make_blog, make_staff

pytestmark = pytest.mark.django_db

HELD = {
    "required-for-editors": {ADMINISTRATOR, EDITOR},
    "required-for-all": {ADMINISTRATOR, EDITOR, AUTHOR, CONTRIBUTOR, MODERATOR},
    "optional": set(),
}
CASES = [(policy, role) for policy in HELD for role in sorted(HELD["required-for-all"])]


@pytest.mark.parametrize(("policy", "role"), CASES)
def test_the_gate_holds_exactly_the_roles_the_policy_names(client, settings, policy, role):
    settings.GRASSROOTS_STAFF_2FA = policy
    make_blog()
    make_staff(role, username="person", password=PASSWORD)
    assert sign_in(client, "person").status_code == 302
    studio, admin = client.get("/studio/"), client.get("/admin/")
    if role in HELD[policy]:
        assert studio["Location"] == "/studio/account/two-factor/"
        assert admin["Location"] == "/studio/account/two-factor/"
        assert client.get("/studio/staff/")["Location"] == "/studio/account/two-factor/"
        assert client.get("/studio/account/two-factor/").status_code == 200
    else:
        assert studio.status_code == 200


def test_the_default_policy_is_required_for_editors():
    from grassroots import config

    env = config.Env({})
    assert (
        env.choice(
            "GRASSROOTS_STAFF_2FA",
            choices=["required-for-editors", "required-for-all", "optional"],
            default="required-for-editors",
        )
        == "required-for-editors"
    )
    with pytest.raises(config.ConfigError, match="must be one of"):
        config.Env({"GRASSROOTS_STAFF_2FA": "sometimes"}).choice(
            "GRASSROOTS_STAFF_2FA", choices=["optional"], default="optional"
        )


def test_an_editor_sets_up_totp_then_reaches_the_studio_and_signs_in_with_it(client, settings):
    settings.GRASSROOTS_STAFF_2FA = "required-for-editors"
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's pause after a wrong code
    make_blog()
    editor = make_staff(EDITOR, username="dana", password=PASSWORD)
    sign_in(client, "dana")
    page = client.get("/studio/account/two-factor/").content.decode()
    assert "data:image/svg+xml;base64," in page
    wrong = client.post("/studio/account/two-factor/", {"code": "123456"})
    assert "That code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    from django_otp.oath import totp

    code = f"{totp(device.bin_key):06d}"
    codes_page = client.post("/studio/account/two-factor/", {"code": code}).content.decode()
    assert codes_page.count("<code>") == 10
    assert client.get("/studio/").status_code == 200
    assert AuditEntry.objects.filter(action="2fa.add", actor=editor).exists()
    client.post("/studio/logout/")
    TOTPDevice.objects.filter(user=editor).update(last_t=-1)
    sign_in(client, "dana")
    assert client.post("/studio/login/code/", {"code": app_code(editor)}).status_code == 302
    assert client.get("/studio/").status_code == 200


def test_a_required_factor_cannot_be_removed(client, settings):
    settings.GRASSROOTS_STAFF_2FA = "required-for-all"
    make_blog()
    person = make_staff(AUTHOR, username="aida", password=PASSWORD)
    give_totp(person)
    client.force_login(person)
    client.post("/studio/account/two-factor/remove/")
    assert TOTPDevice.objects.filter(user=person, confirmed=True).exists()
    settings.GRASSROOTS_STAFF_2FA = "optional"
    client.post("/studio/account/two-factor/remove/")
    assert not TOTPDevice.objects.filter(user=person).exists()
