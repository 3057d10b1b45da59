"""A signed-in staff browser for studio tests: the session is made by Django's test client
and handed to chromium as its cookie (signing in itself is tested in tests/accounts)."""

from django.conf import settings
from django.test import Client


def staff_context(browser, live_server, user, *, javascript=True, width=1280, height=900, **kw):
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": height}, **kw
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return context
