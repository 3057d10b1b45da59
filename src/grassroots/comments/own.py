"""The commenter's own-comment cookie: set only when someone comments, signed, and holding
for each of their recent comments the secret that lets this browser see it while it is
held and edit or delete it for a short while."""

from django.conf import settings
from django.core import signing

COOKIE_SALT = "grassroots.comments.own"
KEEP = 20
MAX_AGE = 30 * 86400


def cookie_name():
    return "__Host-comments" if settings.PRODUCTION else "grassroots_comments"


def read(request):
    """{comment id: secret} from this browser's cookie; {} for anyone else."""
    if request is None:
        return {}
    raw = request.COOKIES.get(cookie_name())
    if not raw:
        return {}
    try:
        pairs = signing.loads(raw, salt=COOKIE_SALT, max_age=MAX_AGE)
        return {int(pk): str(secret) for pk, secret in pairs}
    except (signing.BadSignature, ValueError, TypeError):
        return {}


def remember(response, request, comment_id, secret):
    pairs = list(read(request).items())
    pairs = [(pk, s) for pk, s in pairs if pk != comment_id] + [(comment_id, secret)]
    write(response, dict(pairs[-KEEP:]))


def forget(response, request, comment_id):
    own = read(request)
    own.pop(comment_id, None)
    write(response, own)


def write(response, own):
    response.set_cookie(
        cookie_name(),
        signing.dumps([[pk, secret] for pk, secret in own.items()], salt=COOKIE_SALT),
        max_age=MAX_AGE,
        path="/",
        secure=settings.PRODUCTION,
        httponly=True,
        samesite="Lax",
    )
