"""Comments under load: 200 POSTs at once against `grassroots run` on SQLite, and rate-limit
counters that stay exact across threads, processes and Redis."""

import http.client
import os
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest

from tests.conftest import GRASSROOTS, cli_env, grassroots, serving
from tests.processes import app_database

SETUP = """
from grassroots.blog.models import Post
from grassroots.comments import guard
post = Post.objects.public().get(slug="a-day-in-the-park")
print(post.pk)
for n in range({tokens}):
    print(guard.issue_token(post.pk))
"""

COUNT = """
from collections import Counter
from grassroots.comments.models import Comment
rows = Comment.objects.filter(body__startswith="Concurrent comment")
bodies = Counter(rows.values_list("body", flat=True))
print(sum(bodies.values()), max(bodies.values()) if bodies else 0)
"""


@pytest.fixture
def load_database():
    """ "" for SQLite in the data dir; in the PostgreSQL pass a scratch database."""
    with app_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def comment_server(request, cli_data_dir):
    database = ""
    if request.param == "postgresql":
        database = request.getfixturevalue("load_database")
        if not database:
            pytest.skip("the suite runs on SQLite (DATABASE_URL is not PostgreSQL)")
    env = cli_env(
        cli_data_dir,
        DATABASE_URL=database,
        GRASSROOTS_COMMENT_MIN_SECONDS="0",
        GRASSROOTS_COMMENT_RATE_NETWORK="0",
        GRASSROOTS_COMMENT_RATE_EMAIL="30",
    )
    with serving(env) as (base, output):
        yield base, env
        printed = output()
    assert "locked" not in printed, printed


def send_all(base, post_id, forms):
    host = urlsplit(base)
    start = threading.Barrier(len(forms))

    def send(form):
        start.wait()
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=120)
        connection.request(
            "POST",
            f"/comments/post/{post_id}/",
            body=urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": base},
        )
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        connection.close()
        return response.status, body

    with ThreadPoolExecutor(len(forms)) as pool:
        return list(pool.map(send, forms))


@pytest.mark.slow
def test_200_comments_at_once_are_each_stored_exactly_once(comment_server):
    """On SQLite always; on PostgreSQL too when the suite runs on it."""
    base, env = comment_server
    setup = grassroots("shell", "--no-imports", "-c", SETUP.format(tokens=300), env=env)
    assert setup.returncode == 0, setup.stderr
    post_id, *tokens = setup.stdout.split()

    forms = [
        {
            "name": f"Reader {n}",
            "email": f"reader{n}@example.org",
            "body": f"Concurrent comment number {n}",
            "token": tokens[n],
        }
        for n in range(200)
    ]
    results = send_all(base, post_id, forms)
    statuses = [status for status, _ in results]
    assert 500 not in statuses
    assert not any("locked" in body for _, body in results)
    assert statuses.count(302) == 200, sorted(set(statuses))
    counted = grassroots("shell", "--no-imports", "-c", COUNT, env=env)
    assert counted.stdout.split() == ["200", "1"]

    # One email, 100 comments at once: exactly the limit of 30 gets through, across both
    # worker processes.
    flood = [
        {
            "name": "Flood",
            "email": "flood@example.org",
            "body": f"flood {n}",
            "token": tokens[200 + n],
        }
        for n in range(100)
    ]
    results = send_all(base, post_id, flood)
    statuses = [status for status, _ in results]
    assert statuses.count(302) == 30, sorted(statuses)
    assert statuses.count(429) == 70


HITS = """
from grassroots.comments import guard
print(" ".join(str(guard.hit("shared-key")) for _ in range({hits})))
"""


@pytest.mark.slow
def test_the_database_counter_is_exact_across_processes(cli_data_dir):
    env = cli_env(cli_data_dir)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    workers = [
        subprocess.Popen(
            [GRASSROOTS, "shell", "--no-imports", "-c", HITS.format(hits=50)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    seen = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        seen += [int(n) for n in out.split()]
    assert sorted(seen) == list(range(1, 201))


@pytest.mark.django_db(transaction=True)
def test_the_counter_is_exact_across_threads_on_this_database():
    from django.db import connection

    from grassroots.comments import guard

    results = []

    def work():
        try:
            for _ in range(10):
                results.append(guard.hit("threads"))
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(1, 51))


def _redis_url():
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
    except OSError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"no Redis at {url}")
        pytest.skip(f"no Redis at {url}")
    return url


def test_the_counter_uses_redis_when_configured_and_is_exact(settings, db):
    from grassroots.comments import guard
    from grassroots.comments.models import RateCounter

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url(),
            "KEY_PREFIX": f"test-{os.getpid()}-{time.time()}",
        }
    }
    results = []
    threads = [
        threading.Thread(target=lambda: results.extend(guard.hit("redis") for _ in range(20)))
        for _ in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(1, 101))
    assert not RateCounter.objects.exists()
