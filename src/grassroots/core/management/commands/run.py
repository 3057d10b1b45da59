"""`grassroots run`: the production server (granian, chosen over gunicorn by measurement:
see docs/performance.md) and the background-job worker beside it. Static files come through
whitenoise and media through our own view, so a small server needs nothing else in front."""

import contextlib
import errno
import os
import signal
import socket
import subprocess  # nosec B404: only our own worker, on systems without fork
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the site with granian (a production-grade server, never runserver)."
    # Django's system checks run in prepare(), in the forked child: they import Pillow (the
    # ImageField check) and much else that serving never needs.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--skip-checks", action="store_true", help="skip system checks")
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument(
            "--workers",
            type=int,
            default=max(1, min(4, os.cpu_count() or 1)),
            help="worker processes (default: one per core, at most four)",
        )
        # Two: cached pages never wait on a thread, and each thread holds its own database
        # connection and buffers; four used about 5 MB more per worker for no more pages a
        # second (docs/performance.md).
        parser.add_argument("--threads", type=int, default=2, help="threads per worker")
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="skip collecting static files"
        )
        parser.add_argument(
            "--no-migrate",
            action="store_true",
            help="skip applying database migrations (when a deploy step runs them)",
        )
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="start no background-job worker (when `grassroots worker` runs elsewhere)",
        )

    def handle(self, *args, host, port, workers, threads, no_task_worker, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535 (got {port}).")
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        refuse_taken_port(host, port)
        with data_dir_lock():
            in_child(self.prepare, **options)
        from grassroots.core.server import server

        # Built before the freeze and the forks below: what granian loads is shared too.
        granian = server(host=host, port=port, workers=workers, threads=threads)
        share_with_children()
        worker = None if no_task_worker else start_task_worker()
        self.stdout.write(f"Grassroots is listening on http://{host}:{port}/ (Ctrl-C stops it)")
        self.stdout.flush()
        try:
            granian.serve()
        finally:
            stop(worker)

    def prepare(self, *, no_collectstatic, no_migrate, skip_checks, **options):
        if not skip_checks:
            self.check()  # as every Django command does before handle(): errors stop here
        if not no_migrate:
            # A new data dir or an upgrade just works; migrations run once, here, before any
            # worker starts, so workers never race each other to apply them.
            call_command("migrate", interactive=False, verbosity=0)
        if not no_collectstatic and not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)


def in_child(function, **kwargs):
    """function(**kwargs) in a forked child, waited for: the system checks, migrations and
    collectstatic load modules that serving never uses (Pillow for the ImageField check, the
    migration graph and every migration file, the storage walk: about 10 MB); run here, they
    would stay in the server and every process forked from it (docs/performance.md). Without
    fork, in this process as before."""
    if not hasattr(os, "fork"):
        function(**kwargs)
        return
    from django.db import connections

    connections.close_all()  # a child must not share a database connection with its parent
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            function(**kwargs)
            code = 0
        except CommandError as error:
            sys.stderr.write(f"{type(error).__name__}: {error}\n")
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)  # never back into the server's code
    _pid, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise CommandError("Preparing the data folder failed (see above); nothing was started.")


def refuse_taken_port(host, port):
    """Granian binds with SO_REUSEPORT, so a second server on a taken port would start and
    share the readers with the first; a plain bind tells us the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is no owner
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise CommandError(
                    f"Port {port} on {host} is already in use by another program; "
                    f"stop it or choose another port with --port."
                ) from None
            raise CommandError(f"Cannot listen on {host}:{port} ({error.strerror}).") from None


@contextlib.contextmanager
def data_dir_lock():
    """Two `grassroots run` started at once on one data dir take turns to migrate and to
    collect static files, instead of deleting each other's files half-way."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as before
        yield
        return
    with open(settings.DATA_DIR / ".run.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def share_with_children():
    """Load what every worker needs once, here, before the workers are forked from this
    process (granian forks its workers; the task worker is forked below): their memory is
    then one shared copy, not one per process. gc.freeze() keeps the collector of each child
    from touching, and so copying, the objects loaded here (Python's advice for fork)."""
    import gc

    from django.db import connections
    from django.urls import get_resolver

    from grassroots import wsgi
    from grassroots.core.server import warm_up

    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    warm_up(wsgi.application)
    # A child must not share a database connection with its parent.
    connections.close_all()
    gc.collect()
    gc.freeze()


def start_task_worker():
    """Forked, not a new interpreter: it shares the Django loaded above (about 50 MB less)."""
    if not hasattr(os, "fork"):  # Windows: a separate interpreter, as before
        command = [sys.executable, "-m", "grassroots.cli", "worker", "--parent", str(os.getpid())]
        return subprocess.Popen(command)  # nosec B603: our own command line, no shell
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        from grassroots.core import tasks

        tasks.stop_with_parent(os.getppid())
        worker = tasks.make_worker()
        worker.configure_signals()
        worker.run()
        code = 0
    except SystemExit as stop:  # the worker's signal handler stops it this way
        code = stop.code if isinstance(stop.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)  # never back into the server's code


def stop(worker):
    if worker is None:
        return
    if isinstance(worker, subprocess.Popen):
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(worker, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(worker, os.WNOHANG)[0]:
                return
            time.sleep(0.1)
            continue
        return  # already reaped
    with contextlib.suppress(ProcessLookupError, ChildProcessError):
        os.kill(worker, signal.SIGKILL)
        os.waitpid(worker, 0)
