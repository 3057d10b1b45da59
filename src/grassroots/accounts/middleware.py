"""Staff sessions: they end after GRASSROOTS_STAFF_SESSION_HOURS without activity, and a
person who must have a second factor and has none reaches only the page that sets it up."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from grassroots.accounts import twofactor

SEEN_KEY = "_staff_seen"
# Writing the session on every request would cost a write per page; once a few minutes
# is precise enough for an expiry counted in hours.
TOUCH_EVERY = 300


def _allowed_while_setting_up(path):
    open_paths = [
        reverse("accounts:twofactor_setup"),
        reverse("accounts:logout"),
        settings.STATIC_URL,
        "/favicon",
        "/i18n/",
    ]
    return any(path.startswith(prefix) for prefix in open_paths)


def staff_session(get_response):
    def middleware(request):
        user = request.user
        if user.is_authenticated and user.is_staff:
            now = int(time.time())
            seen = request.session.get(SEEN_KEY, now)
            if now - seen > settings.GRASSROOTS_STAFF_SESSION_HOURS * 3600:
                logout(request)
                return redirect(f"{reverse('accounts:login')}?next={request.path}")
            if now - seen >= TOUCH_EVERY or SEEN_KEY not in request.session:
                request.session[SEEN_KEY] = now
                request.session.set_expiry(settings.GRASSROOTS_STAFF_SESSION_HOURS * 3600)
            if (
                twofactor.factor_required(user)
                and not twofactor.has_factor(user)
                and not _allowed_while_setting_up(request.path)
            ):
                return redirect("accounts:twofactor_setup")
        return get_response(request)

    return middleware
