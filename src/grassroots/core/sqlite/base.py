"""SQLite whose writers take turns on a lock of their own instead of SQLite's slow polling,
and whose commits do not wait for checkpoints.

SQLite lets one connection write at a time. A connection that finds the write lock taken
sleeps in SQLite's busy handler (1, 2, 5, 10, 15, 20, 25, ... up to 100 ms between tries)
and looks again; a comment's transaction holds the lock for a millisecond or two, so with
a few writers in several processes they slept far longer than anyone wrote. Here every
write transaction (Django's `BEGIN IMMEDIATE`, django-tasks' `BEGIN EXCLUSIVE`) first
takes an exclusive flock on a file beside the database, held until its COMMIT or ROLLBACK:
the next writer looks again within a few milliseconds of the one before it being done. The
kernel drops the lock of a process that dies. SQLite's own locking and busy timeout stay
underneath, unchanged, for every other writer (a statement outside a transaction, the
sqlite3 shell, a backup). Durability is untouched (`synchronous=FULL`): the lock only
decides the order.

SQLite's automatic checkpoint (copying the write-ahead log back into the database file and
flushing it, every 1000 pages) runs inside the COMMIT that crosses the mark, and so inside
that writer's turn, while everyone else queues. Our connections leave it off and run a
passive checkpoint after their turn instead, at most once a second per process; it waits
for nobody and nobody waits for it."""

import contextlib
import fcntl
import os
import time

from django.db.backends.sqlite3 import base

WRITE_MODES = frozenset({"IMMEDIATE", "EXCLUSIVE"})
CHECKPOINT_SECONDS = 1.0
_last_checkpoint = 0.0  # per process: a checkpoint covers every connection's commits


# As long as SQLite's own busy_timeout (config.py): a writer stuck in its turn (a process
# stopped with Ctrl-Z, a hung import) makes the others go on under SQLite's busy handler,
# which fails them with "database is locked", rather than hang every thread of the site.
WAIT_SECONDS = 20.0


def _take_turn(fd):
    """The writers' lock, waited for at most WAIT_SECONDS; True when held. A blocking flock
    cannot time out, so the wait polls, at 0.5 ms growing to 5 ms: a comment's turn lasts
    a millisecond or two, far below SQLite's busy handler's steps of up to 100 ms."""
    deadline, pause = time.monotonic() + WAIT_SECONDS, 0.0005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, 0.005)


class DatabaseWrapper(base.DatabaseWrapper):
    _lock_fd = None
    _lock_pid = None
    _holds_lock = False

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.execute("PRAGMA wal_autocheckpoint=0")
        return connection

    def _writer_lock(self):
        """This connection's own open file: flock excludes other open files, also those of
        other threads of this process; a child after fork opens its own."""
        if self._lock_fd is None or self._lock_pid != os.getpid():
            path = f"{self.settings_dict['NAME']}-writers.lock"
            self._lock_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._lock_pid = os.getpid()
        return self._lock_fd

    def _start_transaction_under_autocommit(self):
        if self._holds_lock or self.transaction_mode not in WRITE_MODES or self.is_in_memory_db():
            return super()._start_transaction_under_autocommit()
        # No lock file here (a read-only folder, no flock): SQLite's busy handler alone.
        with contextlib.suppress(OSError):
            self._holds_lock = _take_turn(self._writer_lock())
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer_lock()
            raise

    def _release_writer_lock(self):
        if self._holds_lock:
            self._holds_lock = False
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _commit(self):
        try:
            result = super()._commit()
        finally:
            # A failed COMMIT can leave the transaction open: the rollback releases then.
            if self.connection is None or not self.connection.in_transaction:
                self._release_writer_lock()
        self._checkpoint_now_and_then()
        return result

    def _checkpoint_now_and_then(self):
        global _last_checkpoint
        now = time.monotonic()
        if now - _last_checkpoint < CHECKPOINT_SECONDS or self.is_in_memory_db():
            return
        _last_checkpoint = now
        # PASSIVE: copies what no reader still needs; busy (another checkpoint, a reader)
        # only means the next one copies more. The commit is done either way.
        with contextlib.suppress(self.Database.Error):
            self.connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_writer_lock()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_writer_lock()
            if self._lock_fd is not None and self._lock_pid == os.getpid():
                os.close(self._lock_fd)
            self._lock_fd = None
