"""Real servers for tests of the production recipe: nginx from `grassroots deploy nginx
--standalone`, exactly as docs/operating.md and the benchmarks run it."""

import contextlib
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import grassroots

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def require_nginx():
    if NGINX is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("nginx is missing; CI installs it (.ci/run: nginx-light)")
        pytest.skip("!! nginx is not installed (apt-get install nginx-light): recipe NOT tested")
    return NGINX


@contextlib.contextmanager
def nginx(*, env, listen_port, apps, prefix):
    """nginx in front of `apps` (["127.0.0.1:PORT", ...]); yields its base URL."""
    binary = require_nginx()
    prefix = Path(prefix)
    prefix.mkdir(parents=True, exist_ok=True)
    listen = f"127.0.0.1:{listen_port}"
    made = grassroots("deploy", "nginx", "--standalone", "--listen", listen, "--app", apps[0],
                      "--prefix", str(prefix), env=env)  # fmt: skip
    assert made.returncode == 0, made.stderr
    config = made.stdout
    first = f"    server {apps[0]} max_fails=1 fail_timeout=5s;\n"
    assert first in config
    config = config.replace(
        first, "".join(f"    server {app} max_fails=1 fail_timeout=5s;\n" for app in apps)
    )
    (prefix / "nginx.conf").write_text(config)
    started = subprocess.run([binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                             capture_output=True, text=True)  # fmt: skip
    assert started.returncode == 0, started.stderr
    base = f"http://{listen}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2)
                break
            except urllib.error.HTTPError:  # nginx answers, even if no app does
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield base
    finally:
        pid = int((prefix / "nginx.pid").read_text())
        os.kill(pid, signal.SIGQUIT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
            time.sleep(0.1)


@contextlib.contextmanager
def app_database():
    """DATABASE_URL for an app process started by a test: "" (SQLite in its data dir) in
    the SQLite pass; in the PostgreSQL pass a scratch database, dropped afterwards."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        yield ""
        return
    import psycopg

    parts = urlsplit(configured)
    name = f"{parts.path.strip('/')}_app_{os.getpid()}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def get(url, *, headers=None, timeout=10):
    """(status, headers, body) for any status."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")
