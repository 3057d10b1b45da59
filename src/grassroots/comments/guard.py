"""Abuse defences that need no third party and no JavaScript: a honeypot, a signed time
token, rate limits shared by every worker process, a link limit, blocklists and duplicate
detection. Each rule that holds a comment names itself (Comment.Reason).

Network identity (core/privacy.py): the raw IP address only lives in memory for the length
of a request; a keyed HMAC of its network under a rotating key is what is kept."""

import contextlib
import hashlib
import hmac
import ipaddress
import re
import secrets
import time
import unicodedata

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from grassroots.comments.models import BlockedTerm, Comment, RateCounter
from grassroots.comments.render import body_to_html
from grassroots.core.privacy import (  # noqa: F401 (the comments app's names for them)
    client_ip,
    client_ip_from,
    network_key,
    network_of,
    rotation_period,
)

TOKEN_SALT = "grassroots.comments.form"  # noqa: S105 - a namespace, not a secret
URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


class Refused(Exception):
    """The submission is not stored; the message tells the reader what to do."""

    def __init__(self, message, *, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


# --- keyed hashes --------------------------------------------------------------------------


def _key(purpose):
    return hashlib.sha256(f"grassroots.comments.{purpose}:{settings.SECRET_KEY}".encode()).digest()


def email_key(email):
    """Stable keyed hash of an email: finds a commenter's comments; never shown anywhere."""
    normal = (email or "").strip().lower()
    return hmac.new(_key("email"), normal.encode(), hashlib.sha256).hexdigest()


def fingerprint(body):
    normal = " ".join((body or "").lower().split())
    return hashlib.sha256(normal.encode()).hexdigest()


# --- the signed time token -----------------------------------------------------------------


def issue_token(post_id, *, issued_at=None):
    """A token naming the post, when the form was shown and a fresh nonce."""
    return signing.dumps(
        {"p": post_id, "t": int(issued_at or time.time()), "n": secrets.token_urlsafe(16)},
        salt=TOKEN_SALT,
        compress=False,
    )


_TOKEN_FIELD = re.compile(rb'(name="token" value=")([^"]+)(")')


def refresh_tokens(content):
    """Give a page served from the page cache new form tokens: same form, issued now."""

    def renew(match):
        try:
            form = signing.loads(match.group(2).decode(), salt=TOKEN_SALT)["p"]
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return match.group(0)
        return match.group(1) + issue_token(form).encode() + match.group(3)

    return _TOKEN_FIELD.sub(renew, content)


def read_token(token, post_id):
    """(issued_at, nonce) of a valid token for this post; Refused when broken or too old."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
        issued_at, nonce, token_post = int(data["t"]), str(data["n"]), int(data["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Refused(_("The form could not be checked. Please send your comment again.")) from None
    if token_post != post_id:
        raise Refused(_("The form belongs to another post. Please send your comment again."))
    max_age = settings.GRASSROOTS_COMMENT_FORM_MAX_HOURS * 3600
    if time.time() - issued_at > max_age:
        raise Refused(
            _("The form was open for too long. Please check your comment and send it again.")
        )
    return issued_at, nonce


def too_fast(issued_at):
    return time.time() - issued_at < settings.GRASSROOTS_COMMENT_MIN_SECONDS


def nonce_for(nonce, email_hash):
    """What makes a form "sent twice": its nonce with the sender's email. A page cache may
    hand one rendered form to several readers, and each of them must get through once."""
    return f"{nonce}:{email_hash[:40]}"


def nonce_used(nonce, email_hash):
    return Comment.objects.filter(form_nonce=nonce_for(nonce, email_hash)).exists()


# --- rate limits ---------------------------------------------------------------------------

WINDOW_SECONDS = 3600


def _uses_shared_cache():
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def hit(key, *, window_seconds=WINDOW_SECONDS, now=None):
    """Count one attempt for `key` in the current fixed window and return the new count.
    Redis (atomic INCR) when configured; else one atomic SQL upsert, correct across
    processes on SQLite and PostgreSQL. Never a per-process counter."""
    window = int((now or time.time()) // window_seconds)
    # Stored under a digest of the rule's key: a counter outlives an erasure by up to two
    # windows and must not hold the email's keyed hash, which finds a person's comments.
    key = hashlib.sha256(f"grassroots.rate:{key}".encode()).hexdigest()[:48]
    if _uses_shared_cache():
        cache_key = f"comments:rate:{key}:{window}"
        cache.add(cache_key, 0, timeout=window_seconds * 2)
        try:
            return cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=window_seconds * 2)
            return 1
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, bucket, hits) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (key, bucket) DO UPDATE SET hits = {table}.hits + 1 "
            "RETURNING hits",
            [key, window],
        )
        count = cursor.fetchone()[0]
    if count == 1:
        # The first hit of a window sweeps windows that can no longer matter.
        counters_sweep(now=now)
    return count


def counters_sweep(*, now=None, window_seconds=WINDOW_SECONDS):
    """Forget database counters older than the previous window."""
    window = int((now or time.time()) // window_seconds)
    return RateCounter.objects.filter(bucket__lt=window - 1).delete()[0]


def check_rate(*, network, email_hash):
    """Refuse when this network or this email sent too many comments this hour."""
    _check_limits(
        [
            (f"net:{network}", settings.GRASSROOTS_COMMENT_RATE_NETWORK),
            (f"email:{email_hash}", settings.GRASSROOTS_COMMENT_RATE_EMAIL),
        ],
        _(
            "You have sent many comments in a short time. Please wait an hour "
            "and send this one again."
        ),
    )


# Privacy requests count in buckets of their own: someone who knows an address must not
# use up that person's comment allowance, nor have us mail them more than a few times.
PRIVACY_RATE_EMAIL = 3
PRIVACY_RATE_NETWORK = 10


def check_privacy_rate(*, network, email_hash):
    """Refuse when this network or for this address too many requests came this hour."""
    _check_limits(
        [
            (f"privacy-net:{network}", PRIVACY_RATE_NETWORK),
            (f"privacy-email:{email_hash}", PRIVACY_RATE_EMAIL),
        ],
        _(
            "Many requests came for this address or from your network in a short time. "
            "Please wait an hour and ask again."
        ),
    )


def _check_limits(limits, message):
    # Database counters: one transaction for all of them, so one commit (on SQLite one turn
    # at the write lock) instead of one per counter; none at all when no limit is on.
    limits = [(key, limit) for key, limit in limits if not key.endswith(":") and limit > 0]
    if not limits:
        return
    shared = contextlib.nullcontext() if _uses_shared_cache() else transaction.atomic()
    refused = False
    with shared:
        for key, limit in limits:
            if hit(key) > limit:
                refused = True
                break
    if refused:
        raise Refused(message, status=429)


# --- content rules -------------------------------------------------------------------------


def count_links(text):
    """Every link the page would show, also bare domains like "pills.com" that urlize links."""
    return max(len(URL_RE.findall(text or "")), body_to_html(text or "").count("<a "))


# Latin and Greek letters that look like Cyrillic ones (after casefold) map to the Cyrillic
# letter, so "нeнaвиcть" typed with a Latin e, a and c still matches "ненависть".
LOOKALIKES = str.maketrans(
    {
        **dict(zip("aceopxykmthbi", "асеорхукмтнві", strict=True)),
        **dict(zip("αεοκτνρχ", "аеоктврх", strict=True)),
        "ё": "е",
    }
)


def skeleton(text):
    """How a blocklist compares text: width and case folded, invisible characters and
    accents dropped, lookalike letters merged. Only for matching; the text is stored as is."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text or "").casefold())
    kept = "".join(ch for ch in folded if unicodedata.category(ch) not in {"Cf", "Mn", "Me"})
    return unicodedata.normalize("NFC", kept).translate(LOOKALIKES)


def _network_matches(value, ip, network_hashes):
    value = value.strip()
    if ip is not None:
        try:
            if ip in ipaddress.ip_network(value, strict=False):
                return True
        except ValueError:
            pass
    return value in network_hashes


def blocklist_verdict(*, name, email, body, website, ip, network):
    """(action, reason, detail) of the first blocklist entry that matches, or None.
    Spam entries win over hold entries."""
    text = skeleton(f"{body}\n{website}")
    name = skeleton(" ".join((name or "").split()))
    email = (email or "").strip().casefold()
    network_hashes = {network, *([f"hash:{network}"] if network else [])}
    found = None
    for term in BlockedTerm.objects.all():
        value = term.value.strip().casefold()
        if not value:
            continue
        if term.kind == BlockedTerm.Kind.WORD:
            matched = skeleton(value) in text
            reason = Comment.Reason.BLOCKED_WORD
        elif term.kind == BlockedTerm.Kind.NAME:
            matched = skeleton(" ".join(value.split())) == name
            reason = Comment.Reason.BLOCKED_NAME
        elif term.kind == BlockedTerm.Kind.EMAIL:
            matched = email == value or (value.startswith("@") and email.endswith(value))
            reason = Comment.Reason.BLOCKED_EMAIL
        else:
            matched = _network_matches(term.value, ip, network_hashes)
            reason = Comment.Reason.BLOCKED_NETWORK
        if matched:
            verdict = (term.action, reason, f"blocklist #{term.pk}")
            if term.action == BlockedTerm.Action.SPAM:
                return verdict
            found = found or verdict
    return found
