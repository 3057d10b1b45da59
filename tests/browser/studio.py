"""A signed-in staff browser for studio tests: the session is made by Django's test client
and handed to chromium as its cookie (signing in itself is tested in tests/accounts)."""

import time

from django.conf import settings
from django.db import connection
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


def close_quietly(context):
    """Close a studio context without a last autosave reaching the server afterwards: on
    PostgreSQL a late save deadlocks with the test database's flush that follows."""
    context.route("**/autosave/", lambda route: route.abort())
    for page in context.pages:
        page.wait_for_load_state("networkidle")
        page.goto("about:blank")  # its "pagehide" autosave is aborted above
    context.close()
    server_settled()


def server_settled(seconds=5):
    """Wait until no other PostgreSQL session on the test database is inside a request's
    transaction: the live server may still be answering what the browser sent last."""
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')"
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.05)
