"""Signing in as a person would, and codes computed the way an authenticator app does."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from grassroots.accounts import twofactor

PASSWORD = "correct horse battery staple"


def app_code(user):
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def give_totp(user):
    """Set up TOTP as the setup page does; returns the recovery codes."""
    device = twofactor.totp_pending(user)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    codes = twofactor.totp_confirm(user=user, code=code)
    # As if set up earlier: the code used to confirm is not the one the next sign-in shows
    # (django-otp refuses a code twice).
    TOTPDevice.objects.filter(user=user).update(last_t=-1)
    return codes


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(
        "/studio/login/", {"username": username, "password": password, "next": ""}, **extra
    )
