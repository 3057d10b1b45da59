"""Several processes writing to one SQLite file at once: with WAL, IMMEDIATE transactions
and a busy timeout there must be no "database is locked" and no lost row; writers take turns
on a lock file instead of polling (core/sqlite)."""

import fcntl
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import GRASSROOTS, cli_env, grassroots

pytestmark = pytest.mark.slow

PROCESSES = 8
TRANSACTIONS = 100

WRITER = """
from django.contrib.auth.models import Group
from django.db import transaction
errors = 0
for n in range({transactions}):
    try:
        with transaction.atomic():
            seen = Group.objects.filter(name__startswith="w{worker}-").count()
            Group.objects.create(name=f"w{worker}-{{seen}}")
    except Exception as error:
        errors += 1
        print("ERROR", error)
print("errors", errors)
"""


def test_concurrent_writers_see_no_lock_errors_and_lose_no_rows(cli_data_dir):
    env = cli_env(cli_data_dir)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    workers = [
        subprocess.Popen(
            [
                GRASSROOTS,
                "shell",
                "--no-imports",
                "-c",
                WRITER.format(worker=w, transactions=TRANSACTIONS),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for w in range(PROCESSES)
    ]
    outputs = [worker.communicate(timeout=300)[0] for worker in workers]
    for output in outputs:
        assert "locked" not in output
        assert "errors 0" in output, output
    count = grassroots(
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth.models import Group; "
        "print(Group.objects.filter(name__regex=r'^w[0-9]+-').count())",
        env=env,
    )
    assert int(count.stdout) == PROCESSES * TRANSACTIONS
    pragmas = grassroots(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection as c; k=c.cursor();"
        "print([k.execute(f'PRAGMA {p}').fetchone()[0] for p in"
        " ['journal_mode','synchronous','foreign_keys','secure_delete','busy_timeout']])",
        env=env,
    )
    assert pragmas.stdout.strip() == "['wal', 2, 1, 1, 20000]"


# --- writers take turns on a lock file (core/sqlite) ----------------------------------------


def _lock_is_free(path):
    """Whether another open file could take the writers' lock now (as another process)."""
    with open(path, "a") as other:
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(other, fcntl.LOCK_UN)
        return True


@pytest.fixture
def sqlite_lock(transactional_db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the writers' lock is SQLite's (PostgreSQL queues writers itself)")
    return f"{connection.settings_dict['NAME']}-writers.lock"


def test_a_write_transaction_holds_the_writers_lock_until_it_ends(sqlite_lock):
    from django.contrib.auth.models import Group
    from django.db import transaction

    Group.objects.count()  # a read takes no turn
    with transaction.atomic():
        Group.objects.create(name="first")
        assert not _lock_is_free(sqlite_lock)
    assert _lock_is_free(sqlite_lock)
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        Group.objects.create(name="rolled back")
        assert not _lock_is_free(sqlite_lock)
        1 / 0  # noqa: B018
    assert _lock_is_free(sqlite_lock)
    assert not Group.objects.filter(name="rolled back").exists()


def test_commits_checkpoint_the_log_outside_the_lock(sqlite_lock, monkeypatch):
    """SQLite's own checkpoint would run inside a writer's turn: it is off, and commits
    checkpoint after their turn instead, so the log does not grow without end."""
    from django.contrib.auth.models import Group
    from django.db import connection, transaction

    from grassroots.core.sqlite import base

    monkeypatch.setattr(base, "CHECKPOINT_SECONDS", 0)
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        # The log file keeps the size earlier tests gave it (a checkpoint reuses it from the
        # start, it does not shrink it): start from empty, and count only what it grows.
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    wal = Path(connection.settings_dict["NAME"] + "-wal")
    before = wal.stat().st_size if wal.exists() else 0
    for n in range(400):
        with transaction.atomic():
            Group.objects.create(name=f"g{n}" + "x" * 100)
    assert wal.stat().st_size - before < 400 * 1024  # 400 commits unchecked: over 1.6 MB


HOLDER = """
import sys, time
from django.contrib.auth.models import Group
from django.db import transaction
with transaction.atomic():
    Group.objects.create(name="never committed")
    print("holding", flush=True)
    time.sleep(120)
"""


def test_a_writer_that_dies_in_its_turn_does_not_stop_the_others(cli_data_dir):
    env = cli_env(cli_data_dir)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    holder = subprocess.Popen(
        [GRASSROOTS, "shell", "--no-imports", "-c", HOLDER],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        assert not _lock_is_free(cli_data_dir / "grassroots.sqlite3-writers.lock")
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
    writer = grassroots(
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth.models import Group; from django.db import transaction\n"
        "with transaction.atomic(): Group.objects.create(name='after')\n"
        "print(sorted(Group.objects.filter(name__in=['after', 'never committed'])"
        ".values_list('name', flat=True)))",
        env=env,
        timeout=60,
    )
    assert writer.stdout.strip() == "['after']", writer.stderr


def test_a_writer_stuck_in_its_turn_holds_the_others_only_so_long(sqlite_lock, monkeypatch):
    """A process stopped mid-transaction (Ctrl-Z) keeps the lock: the others wait at most
    WAIT_SECONDS, then go on under SQLite's own locking instead of hanging for ever."""
    from django.contrib.auth.models import Group
    from django.db import transaction

    from grassroots.core.sqlite import base

    monkeypatch.setattr(base, "WAIT_SECONDS", 0.3)
    with open(sqlite_lock, "a") as stuck:
        fcntl.flock(stuck, fcntl.LOCK_EX)
        started = time.monotonic()
        with transaction.atomic():
            Group.objects.create(name="went on")
        assert 0.3 <= time.monotonic() - started < 5
    assert Group.objects.filter(name="went on").exists()
