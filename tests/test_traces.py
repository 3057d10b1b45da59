"""After a full scripted session of one commenter (a comment with reply subscription, its
confirmation, a reply mailed to them, a privacy export and an erasure, failed staff logins
from their address), nothing that identifies them is left in any log line
(every logger, at DEBUG), in any file under the data folder, or in the database: not their
email, not its keyed hash, not their IP (issue 12, item 3d)."""

import logging
import re
from pathlib import Path
from unittest import mock

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.management.commands import db_worker

from grassroots.blog.models import Blog
from grassroots.comments import guard, privacy_views, services
from grassroots.comments.models import Comment
from tests.comments.conftest import form_data
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db

EMAIL = "Aliya.Private-Reader@example.net"
IP = "198.51.100.23"
LINK = re.compile(rb"http://127\.0\.0\.1:8000(/\S+)")


@pytest.fixture
def every_log_line():
    """Every record of every logger, at DEBUG, whatever the project's logging says."""
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    loggers = [logging.getLogger()] + [
        logging.getLogger(name) for name in list(logging.root.manager.loggerDict)
    ]
    saved = [(lg, lg.level, lg.propagate, lg.disabled) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.propagate, lg.disabled = lg is not logging.getLogger() or lg.propagate, False
    logging.getLogger().addHandler(handler)
    yield records
    logging.getLogger().removeHandler(handler)
    for lg, level, propagate, disabled in saved:
        lg.setLevel(level)
        lg.propagate, lg.disabled = propagate, disabled


def run_queued():
    """What would run at commit (the test's transaction never commits), then the queued
    jobs, by the real database-queue worker (its connection housekeeping held off, which
    would close the connection holding this test's transaction)."""
    pending = [callback for _ids, callback, _robust in connection.run_on_commit]
    connection.run_on_commit.clear()
    for callback in pending:
        callback()
    with mock.patch(f"{db_worker.__name__}.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def mailed_link(folder, marker):
    for path in sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True):
        for link in LINK.findall(path.read_bytes()):
            if marker in link:
                return link.decode()
    raise AssertionError(f"no mail with a {marker!r} link")


def scripted_session(client, data_dir):
    make_blog(comment_policy=Blog.CommentPolicy.HOLD_FIRST)
    post = make_post(title="Water for the village", body="The well is fixed.")
    as_reader = {"REMOTE_ADDR": IP, "HTTP_USER_AGENT": "Reader's browser"}
    url = reverse("comments:post_comments", args=[post.pk])
    fields = form_data(post, name="Aliya", email=EMAIL, notify_replies="on")
    assert client.post(url, fields, **as_reader).status_code == 302
    run_queued()
    mine = Comment.objects.get(name="Aliya")
    services.comment_approve(comments=[mine])
    mine.refresh_from_db()
    client.get(post.get_absolute_url(), **as_reader)
    confirm = mailed_link(data_dir / "mail", b"/confirm/")
    client.post(confirm, **as_reader)
    token = form_data(post)["token"]
    services.comment_submit(
        post=post, name="Bo", email="bo@example.org", body="Welcome!", token=token, parent=mine
    )
    services.comment_approve(comments=Comment.objects.filter(name="Bo"))
    run_queued()
    assert (data_dir / "mail").exists()
    for action in ("export", "erase"):
        token = guard.issue_token(privacy_views.PRIVACY_FORM)
        request = {"email": EMAIL, "action": action, "token": token}
        client.post(reverse("comments:privacy_request"), request, **as_reader)
        run_queued()
        link = mailed_link(data_dir / "mail", b"/comments/privacy/")
        assert client.get(link, **as_reader).status_code == 200
        assert client.post(link, **as_reader).status_code == 200
        run_queued()
    client.get("/comments/privacy/not-a-link/", **as_reader)  # a 4xx is logged with its path
    for password in ("wrong-password-1", "wrong-password-2"):
        login = {"username": "editor", "password": password}
        assert client.post(reverse("accounts:login"), login, **as_reader).status_code == 200
    assert not Comment.objects.filter(name="Aliya").exists()


def test_no_trace_of_a_commenter_is_left_after_a_full_session(
    client, settings, tmp_path, every_log_line
):
    data_dir = tmp_path / "data"
    settings.MEDIA_ROOT = data_dir / "media"
    settings.EMAIL_BACKEND = "grassroots.core.mail.FileBackend"
    settings.EMAIL_FILE_PATH = data_dir / "mail"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    scripted_session(client, data_dir)

    secrets = {
        EMAIL.lower(): "the email",
        guard.email_key(EMAIL): "the email's keyed hash",
        IP: "the IP address",
    }
    lines = []
    for record in every_log_line:
        lines.append(f"{record.name} {record.getMessage()} {record.exc_text or ''}")
    assert any("privacy/not-a-link" in line for line in lines)  # the capture works
    for line in lines:
        for secret, what in secrets.items():
            assert secret not in line.lower(), f"{what} in a log line: {line}"
    files = [p for p in Path(data_dir).rglob("*") if p.is_file()]
    for path in files:
        content = path.read_bytes().decode("utf-8", "replace").lower()
        for secret, what in secrets.items():
            assert secret not in content, f"{what} in {path.relative_to(data_dir)}"
    # The database and the shared counters too: what an erased commenter leaves behind.
    from django.apps import apps

    rows = serializers.serialize(
        "json", [obj for model in apps.get_models() for obj in model._default_manager.all()]
    ).lower()
    for secret, what in secrets.items():
        assert secret not in rows, f"{what} in the database"
