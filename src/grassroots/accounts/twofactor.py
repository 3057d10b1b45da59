"""Second factors through django-otp: a TOTP app (with throttling built into django-otp's
device) and single-use recovery codes (its static tokens). GRASSROOTS_STAFF_2FA decides who
must have one.

Why django-otp: it is the small, long-kept core that django-two-factor-auth is built on,
with device models and verification only, so the pages stay ours (studio/base.html, strict
CSP, en/ru/kk, no JavaScript) and the password step stays behind django-axes. django-allauth's
MFA would bring a whole second account system (sign-up, e-mail flows, its own login views)
that Grassroots must not have; django-two-factor-auth adds a form wizard, phone-number
libraries and templates we would override anyway. WebAuthn (security keys, passkeys) can be
added later as another django-otp device (django-otp-webauthn) without changing this flow."""

import base64
import io

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from grassroots.accounts.audit import audit_record
from grassroots.accounts.roles import ADMINISTRATOR, EDITOR, user_has_role

RECOVERY_CODES = 10
TOTP_NAME = "app"
RECOVERY_NAME = "recovery"


def factor_required(user):
    """Must this person have a second factor before using the studio?"""
    if not (user and user.is_authenticated and user.is_staff):
        return False
    policy = settings.GRASSROOTS_STAFF_2FA
    if policy == "required-for-all":
        return True
    if policy == "required-for-editors":
        return user_has_role(user, ADMINISTRATOR, EDITOR)
    return False


def has_factor(user):
    return user_has_device(user, confirmed=True)


def totp_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_pending(user):
    """The unconfirmed TOTP device being set up (a new secret each time setup starts over)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def qr_data_uri(device):
    """The otpauth:// link as an SVG QR code in a data: URI (img-src allows data:)."""
    import segno  # here, not in every server process (docs/performance.md, memory)

    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(buffer, kind="svg", scale=5, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_text(device):
    """The secret in base32 groups, for apps where scanning is not possible."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def totp_confirm(*, user, code, actor=None):
    """Confirm the pending TOTP device with a code from the app; returns fresh recovery
    codes, or None when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(_clean(code)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save()
    audit_record(actor=actor or user, action="2fa.add", target=user, detail="totp")
    return recovery_codes_renew(user=user, actor=actor or user, record=False)


@transaction.atomic
def recovery_codes_renew(*, user, actor=None, record=True):
    """New recovery codes (the old ones stop working); shown once, stored as django-otp
    keeps them."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    if record:
        audit_record(actor=actor or user, action="2fa.recovery_codes", target=user)
    return codes


@transaction.atomic
def factors_remove(*, user, actor):
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    audit_record(actor=actor, action="2fa.remove", target=user)


def _clean(code):
    return "".join((code or "").split()).replace("-", "").lower()


def verify(user, code):
    """The device that accepts this code (TOTP first, then a recovery code), or None."""
    code = _clean(code)
    if not code:
        return None
    device = totp_device(user)
    # django-otp's TOTP device throttles itself: after a wrong code it refuses for a while.
    if device is not None and code.isdigit() and device.verify_token(code):
        return device
    for static in StaticDevice.objects.filter(user=user, confirmed=True):
        if static.verify_token(code):
            return static
    return None


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
