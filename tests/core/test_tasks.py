"""Background jobs: mail waits in the database queue, a comment never waits for mail, a job
that fails is tried again and at last listed for staff (core/tasks.py)."""

import contextlib
import re
import socket
import threading
import time
import urllib.parse
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from grassroots.comments.models import Comment
from grassroots.core import tasks
from tests.comments.conftest import form_data
from tests.conftest import cli_env, serving
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db(transaction=True)


@contextlib.contextmanager
def hanging_smtp():
    """A mail server that accepts connections and never says a word; yields its port and a
    list of the connections it holds."""
    server = socket.create_server(("127.0.0.1", 0))
    held = []

    def accept():
        with contextlib.suppress(OSError):
            while True:
                held.append(server.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield server.getsockname()[1], held
    finally:
        server.close()
        for connection in held:
            connection.close()


@pytest.fixture
def post(db):
    make_blog()
    return make_post(title="A day in the park")


@pytest.fixture
def moderator(db):
    return get_user_model().objects.create_user(
        "mod", "mod@riverbank.example.org", "x" * 20, is_staff=True, is_superuser=True
    )


@pytest.fixture
def smtp_that_hangs(settings):
    with hanging_smtp() as (port, held):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 1
        settings.EMAIL_USE_TLS = False
        yield held


def post_comment(client, post, **fields):
    url = reverse("comments:post_comments", args=[post.pk])
    return client.post(url, form_data(post, **fields))


def test_a_comment_is_answered_while_the_mail_server_hangs(
    client, post, moderator, task_queue, smtp_that_hangs
):
    response = post_comment(client, post, notify_replies="on")
    assert response.status_code == 302
    assert Comment.objects.count() == 1
    assert not smtp_that_hangs  # the request never spoke to the mail server
    jobs = DBTaskResult.objects.all()
    assert {job.status for job in jobs} == {"READY"}
    assert len(jobs) == 2  # the moderators' notice and the reply-mail confirmation


def test_a_job_that_fails_is_tried_again_later_and_at_last_listed_for_staff(
    client, post, moderator, task_queue, smtp_that_hangs, admin_client
):
    post_comment(client, post)
    [job] = DBTaskResult.objects.all()
    tasks.run_due_tasks()
    job.refresh_from_db()
    assert smtp_that_hangs  # the worker tried the mail server
    assert job.status == "READY" and len(job.worker_ids) == 1
    assert job.run_after > job.enqueued_at  # not before its back-off
    assert not tasks.dead_letters().exists()
    for _ in range(tasks.MAX_ATTEMPTS - 1):
        DBTaskResult.objects.filter(pk=job.pk).update(run_after=job.enqueued_at)
        tasks.run_due_tasks()
    job.refresh_from_db()
    assert job.status == "FAILED" and len(job.worker_ids) == tasks.MAX_ATTEMPTS
    page = admin_client.get(reverse("admin:core_failedjob_changelist")).content.decode()
    assert "send_comment_mail" in page
    # The stored traceback names the error, never an address.
    assert "MailNotSent" in job.traceback and "@" not in job.traceback


def test_staff_send_a_failed_job_round_again_and_it_is_delivered(
    client, post, moderator, task_queue, settings, admin_client
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    post_comment(client, post)
    for _ in range(tasks.MAX_ATTEMPTS):
        DBTaskResult.objects.update(run_after=DBTaskResult.objects.get().enqueued_at)
        tasks.run_due_tasks()
    [job] = tasks.dead_letters()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = admin_client.post(
        reverse("admin:core_failedjob_changelist"),
        {"action": "send_again", "_selected_action": [str(job.pk)]},
    )
    assert response.status_code == 302
    tasks.run_due_tasks()
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    assert mail.outbox and all("waits for moderation" in m.subject for m in mail.outbox)


def first_post_path(base):
    page = urllib.request.urlopen(base + "/posts/").read().decode()
    return re.search(r'href="(/\d{4}/\d\d/\d\d/[^"/]+/)"', page).group(1)


def comment_over_http(base, path, *, body="Hello from here.", **fields):
    """Post a comment through the page's own form, as a browser without JavaScript would."""
    page = urllib.request.urlopen(base + path).read().decode()
    action = re.search(r'class="comment-form" method="post" action="([^"#]+)', page).group(1)
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    data = {"name": "Lena", "email": "lena@example.org", "body": body, "token": token,
            "website": "", "homepage": ""} | fields  # fmt: skip
    request = urllib.request.Request(base + action, data=urllib.parse.urlencode(data).encode())
    return urllib.request.urlopen(request, timeout=20)


@pytest.mark.slow
def test_grassroots_run_starts_a_worker_and_answers_comments_while_mail_hangs(cli_data_dir):
    with hanging_smtp() as (port, held):
        env = cli_env(
            cli_data_dir,
            GRASSROOTS_EMAIL_URL=f"smtp://127.0.0.1:{port}",
            GRASSROOTS_COMMENT_MIN_SECONDS="0",
        )
        with serving(env) as (base, _output):
            path = first_post_path(base)
            started = time.monotonic()
            answer = comment_over_http(base, path, notify_replies="on")
            # Answered long before a mail could have gone out (the server never answers).
            assert answer.status == 200 and time.monotonic() - started < 10
            deadline = time.monotonic() + 15
            while not held and time.monotonic() < deadline:
                time.sleep(0.2)
            assert held, "the worker that `grassroots run` starts never tried to send the mail"
