"""Shared fixtures: real databases (the SQLite file or PostgreSQL the test command chose),
a real chromium through Playwright, and `grassroots` subprocesses on their own data dirs."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by tests
# around it are still synchronous, so Django's guard against async misuse does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

GRASSROOTS = str(Path(sys.executable).with_name("grassroots"))


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Each test gets its own media folder, a clean cache and Asia/Almaty time."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    # In-process tests serve static files unhashed: collectstatic runs only for `grassroots run`.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.TIME_ZONE = "Asia/Almaty"
    # Pages are rendered, not served from the page cache, except in tests/core/test_pagecache.py:
    # query budgets and "visible at once" checks measure the page itself.
    settings.GRASSROOTS_PAGE_CACHE_SECONDS = 0
    # Staff in tests sign in with a password alone unless a test is about the second-factor
    # gate (tests/accounts/test_twofactor.py sets each policy itself).
    settings.GRASSROOTS_STAFF_2FA = "optional"
    # Background jobs run at once inside the test, so a test sees their effect (mail in
    # mail.outbox) without a worker; tests about the queue itself use `task_queue`
    # (docs/dev/testing.md).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def task_queue(settings):
    """The production queue: jobs wait in the database until `run_due_tasks()` (or a real
    `grassroots worker`) runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.fixture
def jobs(task_queue):
    """The production queue inside a test's transaction: jobs() runs what was queued at
    commit (this test's transaction never commits), then the real worker, as `grassroots
    run`'s would."""
    from unittest import mock

    from django.core.management import call_command
    from django.db import connection
    from django_tasks_db.management.commands import db_worker

    def run():
        pending = [callback for _ids, callback, _robust in connection.run_on_commit]
        connection.run_on_commit.clear()
        for callback in pending:
            callback()
        # Only the worker's connection housekeeping is held off: it would close the
        # connection that holds this test's open transaction.
        with mock.patch(f"{db_worker.__name__}.close_old_connections"):
            call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli_env(data_dir, **extra):
    """Environment for a `grassroots` subprocess on a fresh SQLite data dir."""
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(data_dir), "DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(extra)
    return env


def grassroots(*args, env, timeout=120):
    return subprocess.run(
        [GRASSROOTS, *args], env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def cli_data_dir(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    return data_dir


@contextlib.contextmanager
def serving(env, *, workers=2, demo=True):
    """`grassroots run` on a migrated, demo-loaded data dir (demo=False: as it is); yields
    (base URL, output()), where output() stops the server and returns what it printed."""
    for args in (["migrate", "-v", "0"], ["demo"]) if demo else ():
        result = grassroots(*args, env=env)
        assert result.returncode == 0, result.stderr
    port = free_port()
    process = subprocess.Popen(
        [GRASSROOTS, "run", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(process.stdout.read()) from None
            time.sleep(0.2)

    def output():
        process.terminate()
        try:
            return process.communicate(timeout=15)[0]
        except subprocess.TimeoutExpired:
            process.kill()
            return process.communicate()[0]

    try:
        yield base, output
    finally:
        if process.poll() is None:
            output()


@pytest.fixture
def running_server(cli_data_dir):
    """`grassroots run` on a migrated, demo-loaded SQLite data dir; yields its base URL."""
    with serving(cli_env(cli_data_dir)) as (base, _output):
        yield base
