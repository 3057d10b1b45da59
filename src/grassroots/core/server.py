"""Granian (Rust HTTP server, WSGI interface) started through its documented Python API.
Chosen over gunicorn by measurement: bench/run.py, docs/performance.md."""

import contextlib
import io
import sys

# callables() -> paths a reader is likely to ask for first; `grassroots run` renders them once
# before forking its workers, so the templates, template tags and translations they load are
# shared by every worker instead of loaded by each (apps fill this in AppConfig.ready()).
WARM_UP_PATHS = []


def register_warm_up(paths):
    WARM_UP_PATHS.append(paths)


def warm_up(application):
    """Render the registered pages once in this process, for a reader with a cookie (so no
    page is cached here). Best effort: a site without content yet has nothing to warm."""
    from django.conf import settings

    # A host the site answers to, or Django would refuse the warm-up (and log it).
    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    found = []
    for paths in WARM_UP_PATHS:
        with contextlib.suppress(Exception):  # an empty or half-migrated site: nothing to warm
            found += paths()
    for path in found:
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "SERVER_NAME": host,
                   "SERVER_PORT": "80", "HTTP_HOST": host, "wsgi.url_scheme": "http",
                   "HTTP_COOKIE": "warm-up=1", "wsgi.input": io.BytesIO(),
                   "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1"}  # fmt: skip
        with contextlib.suppress(Exception):
            answer = application(environ, lambda status, headers: None)
            b"".join(answer)
            answer.close()


def server(*, host, port, workers, threads):
    """The granian server, not started yet (`.serve()` forks the workers and serves)."""
    # Imported here: apps register warm-up paths above in every process, servers or not.
    from granian import Granian
    from granian.constants import Interfaces

    return Granian(
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
    )
