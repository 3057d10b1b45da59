"""Granian (Rust HTTP server, WSGI interface) started through its documented Python API.
Chosen over gunicorn by measurement: bench/run.py, docs/performance.md."""

from granian import Granian
from granian.constants import Interfaces


def serve(*, host, port, workers, threads):
    Granian(
        "grassroots.wsgi:application",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        # Requests handled at once by each worker process (WSGI calls block a thread).
        blocking_threads=threads,
        # Access logs would carry readers' and commenters' IP addresses: none are kept.
        log_access=False,
        log_level="warning",
        respawn_failed_workers=True,
        # One Ctrl-C or SIGTERM stops everything within seconds, even a worker stuck in a request.
        workers_kill_timeout=5,
    ).serve()
