"""Signed links in followers' mail. A subscription request lives only in its confirmation
link (nothing is stored before the owner of the address says yes), valid for 7 days; an
unsubscribe link names the follower and their current secret, and never expires."""

from django.core import signing

CONFIRM_SALT = "grassroots.followers.confirm"
UNSUBSCRIBE_SALT = "grassroots.followers.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_token(*, email, language, frequency):
    return signing.dumps({"e": email, "l": language, "f": frequency}, salt=CONFIRM_SALT)


def read_confirm_token(token):
    """(email, language, frequency), or None for a broken or expired link."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        return str(data["e"]), str(data["l"]), str(data["f"])
    except (signing.BadSignature, KeyError, TypeError):
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
