"""The task worker: django-tasks' database backend (django_tasks_db) runs the jobs; this adds
what it lacks, retries with back-off and a dead-letter list.

A job that raises is tried again later, on the same row (its `worker_ids` count the tries),
until MAX_ATTEMPTS; after that it stays FAILED and shows under "Failed background jobs" in
the admin, where staff can send it round again. `grassroots run` starts one worker beside the
web workers; `grassroots worker` runs one on its own (another machine, a systemd unit)."""

import contextlib
import os
import signal
import threading
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult

MAX_ATTEMPTS = 5
FIRST_DELAY = 30  # seconds; then 2, 8 and 32 minutes: a mail server down for an hour is survived


def retry_delay(attempts):
    return timedelta(seconds=FIRST_DELAY * 4 ** max(0, attempts - 1))


def dead_letters():
    return DBTaskResult.objects.failed()


def send_again(*, results):
    """Staff sent failed jobs round again: each gets MAX_ATTEMPTS fresh tries."""
    with transaction.atomic():
        return results.update(status="READY", run_after=timezone.now(), worker_ids=[])


class Worker(DatabaseWorker):
    def run_task(self, db_task_result):
        super().run_task(db_task_result)
        db_task_result.refresh_from_db(fields=["status", "worker_ids"])
        attempts = len(db_task_result.worker_ids)
        if db_task_result.status == "FAILED" and attempts < MAX_ATTEMPTS:
            DBTaskResult.objects.filter(pk=db_task_result.pk).update(
                status="READY", run_after=timezone.now() + retry_delay(attempts), finished_at=None
            )


def make_worker(*, interval=1.0, batch=False):
    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=None,
        worker_id=f"{os.uname().nodename[:40]}-{os.getpid()}",
        excluded_queue_names=[],
    )


def run_due_tasks():
    """Run every job that is due now, in this process, then return (tests, `--batch`)."""
    make_worker(interval=0, batch=True).run()


def stop_with_parent(parent_pid):
    """A worker started by `grassroots run` must not outlive it, even after a SIGKILL that
    left the parent no chance to stop it: it watches its parent and stops itself."""

    def watch():
        while os.getppid() == parent_pid:
            time.sleep(1)
        with contextlib.suppress(ProcessLookupError):
            os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
