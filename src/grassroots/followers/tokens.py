"""Signed links in followers' mail. A subscription request lives only in its confirmation
link (nothing is stored before the owner of the address says yes), valid for 7 days; an
unsubscribe link names the follower and their current secret, and never expires. The
confirmation link is encrypted, not only signed: a signed token is readable base64, and the
address must not be read from a URL in a proxy's log or a shared browser history."""

import base64
import json

from django.core import signing
from django.utils.crypto import salted_hmac

CONFIRM_SALT = "grassroots.followers.confirm"
UNSUBSCRIBE_SALT = "grassroots.followers.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def _fernet():
    # Imported here: cryptography costs every server process about 7 MB, for mail links only.
    from cryptography.fernet import Fernet

    # A key of its own, derived from SECRET_KEY (rotating that key voids pending links).
    key = salted_hmac(CONFIRM_SALT, "fernet", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def confirm_token(*, email, language, frequency):
    data = json.dumps({"e": email, "l": language, "f": frequency}).encode()
    return _fernet().encrypt(data).decode().rstrip("=")


def read_confirm_token(token):
    """(email, language, frequency), or None for a broken or expired link."""
    from cryptography.fernet import InvalidToken

    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(_fernet().decrypt(padded, ttl=CONFIRM_MAX_AGE))
        return str(data["e"]), str(data["l"]), str(data["f"])
    except (InvalidToken, ValueError, KeyError, TypeError):
        return None


def unsubscribe_token(subscriber):
    return signing.dumps({"s": subscriber.pk, "n": subscriber.secret}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(subscriber id, secret), or None."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return int(data["s"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
