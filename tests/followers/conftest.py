from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.management.commands import db_worker


@pytest.fixture
def jobs(settings):
    """The database task queue, as in production: jobs() runs what was queued at commit,
    then the real worker (as tests/comments/test_privacy.py does)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run():
        pending = [callback for _ids, callback, _robust in connection.run_on_commit]
        connection.run_on_commit.clear()
        for callback in pending:
            callback()
        with mock.patch(f"{db_worker.__name__}.close_old_connections"):
            call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run
