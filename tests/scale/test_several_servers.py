"""The scale-out recipe with real processes (docs/operating.md, "Several servers"):
PostgreSQL, Redis, two `grassroots run` on their own data dirs and ports behind nginx, and
photos in an S3-compatible bucket (moto's standalone server) through django-storages.

Runs in the PostgreSQL pass of the suite (it needs a PostgreSQL server); in CI it must run."""

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest

from tests.comments.test_concurrency import _redis_url
from tests.conftest import cli_env, free_port, grassroots
from tests.core.test_run import descendants, start, wait_up
from tests.processes import app_database, get, nginx, require_nginx

pytestmark = pytest.mark.slow

SETUP = """
from grassroots.blog.models import Blog, Post
from grassroots.comments import guard
blog = Blog.objects.get()
blog.comment_policy = Blog.CommentPolicy.OPEN
blog.save()
post = Post.objects.public().get(slug="a-day-in-the-park")  # the demo's photo story
print(post.pk, post.get_absolute_url())
for n in range({tokens}):
    print(guard.issue_token(post.pk))
"""

COUNT = """
from collections import Counter
from grassroots.comments.models import Comment
rows = Comment.objects.filter(body__startswith="{prefix}").values_list("body", flat=True)
print(Counter(rows).most_common())
"""


@pytest.fixture
def postgres_database():
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        pytest.skip("runs in the PostgreSQL pass of the suite (DATABASE_URL is not PostgreSQL)")
    with app_database() as url:
        yield url


@contextlib.contextmanager
def s3_server(bucket):
    """moto's standalone S3-compatible server on a free port, with one bucket."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        import boto3

        client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test")  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            try:
                client.create_bucket(Bucket=bucket)
                break
            except Exception:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        # The recipe's bucket: anyone may read its objects, nothing else (docs/operating.md).
        policy = {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{bucket}/*"}]}  # fmt: skip
        client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


def post_comments(base, post_id, forms, *, workers=8):
    """POST each form; [(status, form)] in order."""
    host = urlsplit(base)

    def send(form):
        try:
            connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            url = f"/comments/post/{post_id}/"
            connection.request("POST", url, body=urlencode(form), headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            return response.status, form
        except OSError:
            return None, form

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(send, forms))


def form(token, n, *, email=None, prefix="Scale comment"):
    return {"name": f"Reader {n}", "email": email or f"reader{n}@example.org",
            "body": f"{prefix} {n}", "token": token, "website": "", "homepage": ""}  # fmt: skip


def stored(env, prefix):
    result = grassroots("shell", "--no-imports", "-c", COUNT.format(prefix=prefix), env=env)
    assert result.returncode == 0, result.stderr
    return dict(eval(result.stdout.strip()))  # noqa: S307 (our own printed list)


@pytest.fixture
def cluster(tmp_path, postgres_database):
    require_nginx()
    pytest.importorskip("moto", reason="moto[server] is a dev dependency")
    redis = _redis_url()
    with contextlib.ExitStack() as stack:
        endpoint = stack.enter_context(s3_server("grassroots-media"))
        nginx_port = free_port()
        shared = {
            "DATABASE_URL": postgres_database,
            "REDIS_URL": redis,
            "GRASSROOTS_S3_BUCKET": "grassroots-media",
            "GRASSROOTS_S3_ENDPOINT_URL": endpoint,
            "GRASSROOTS_S3_CUSTOM_DOMAIN": f"127.0.0.1:{nginx_port}/media",
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_DEFAULT_REGION": "us-east-1",
            "GRASSROOTS_BEHIND_PROXY": "1",
            "GRASSROOTS_SITE_URL": f"http://127.0.0.1:{nginx_port}",
            "GRASSROOTS_COMMENT_MIN_SECONDS": "0",
            "GRASSROOTS_COMMENT_RATE_NETWORK": "0",
            "GRASSROOTS_COMMENT_RATE_EMAIL": "4",
        }
        # Two servers: each its own data dir, the same secret key (the operator copies it).
        dirs = [tmp_path / "one", tmp_path / "two"]
        for folder in dirs:
            folder.mkdir()
        envs = [cli_env(folder, **shared) for folder in dirs]
        for args in (["migrate", "-v", "0"], ["demo"]):
            result = grassroots(*args, env=envs[0])
            assert result.returncode == 0, result.stderr
        shutil.copy(dirs[0] / "secret_key", dirs[1] / "secret_key")
        ports = [free_port(), free_port()]
        processes = [start(env, port) for env, port in zip(envs, ports, strict=True)]
        for process in processes:
            stack.callback(stop_tree, process)
        for process, port in zip(processes, ports, strict=True):
            wait_up(process, port)
        apps = [f"127.0.0.1:{port}" for port in ports]
        base = stack.enter_context(
            nginx(env=envs[0], listen_port=nginx_port, apps=apps, prefix=tmp_path / "nginx")
        )
        setup = grassroots("shell", "--no-imports", "-c", SETUP.format(tokens=300), env=envs[0])
        assert setup.returncode == 0, setup.stderr
        post_id, path, *tokens = setup.stdout.split()
        yield {"base": base, "apps": [f"http://{app}" for app in apps], "env": envs[0],
               "processes": processes, "post_id": post_id, "path": path, "tokens": tokens,
               "endpoint": endpoint, "data_dirs": dirs}  # fmt: skip


def stop_tree(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_two_app_servers_behind_nginx_share_everything_and_survive_losing_one(cluster):
    base, (one, two), env = cluster["base"], cluster["apps"], cluster["env"]
    post_id, path, tokens = cluster["post_id"], cluster["path"], cluster["tokens"]

    # Photos are in the bucket, linked on the site's own address, served by nginx from it.
    status, _headers, page = get(two + path)
    assert status == 200, page[-3000:]
    photo = re.search(r'src="(' + re.escape(base) + r'/media/[^"]+)"', page)
    assert photo, re.findall(r'src="[^"]+"', page)
    status, headers, _body = get(photo.group(1))
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert not list(cluster["data_dirs"][0].glob("media/**/*.jpg"))  # none on local disk
    master = photo.group(1).rsplit("/", 1)[0] + "/master.jpg"
    assert get(master)[0] == 404  # readers get renditions only

    # Both cached on both servers; a comment through one is on the other at once.
    for app in (one, two):
        get(app + path)
        assert get(app + path)[1]["X-Page-Cache"] == "hit"
    [(status, _form)] = post_comments(one, post_id, [form(tokens[0], 0, prefix="Seen")])
    assert status == 302
    assert "Seen 0" in get(two + path)[2]

    # An edit drops the cached pages on both.
    for app in (one, two):
        get(app + path)
    script = (
        "from grassroots.blog.models import Post; from grassroots.blog.services import "
        f"post_update; post_update(post=Post.objects.get(pk={post_id}), title='Edited')"
    )
    assert grassroots("shell", "-v", "0", "-c", script, env=env).returncode == 0
    assert all("Edited" in get(app + path)[2] for app in (one, two))

    # One address, three comments through each server: the limit of 4 holds across both.
    flood = [form(tokens[1 + n], n, email="same@example.org", prefix="Flood") for n in range(6)]
    results = post_comments(one, post_id, flood[:3]) + post_comments(two, post_id, flood[3:])
    assert sorted(status for status, _ in results) == [302] * 4 + [429] * 2

    # Comments through nginx while one server is killed: nginx keeps answering, and every
    # acknowledged comment is stored exactly once.
    forms = [form(tokens[10 + n], n, prefix="Under load") for n in range(160)]
    reads = []

    def kill_one_then_read():
        time.sleep(0.5)
        victim = cluster["processes"][0]
        tree = [victim.pid, *descendants(victim.pid)]
        for pid in tree:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for _ in range(20):
            reads.append(get(base + path)[0])
            time.sleep(0.05)

    killer = threading.Thread(target=kill_one_then_read)
    killer.start()
    results = post_comments(base, post_id, forms, workers=8)
    killer.join()
    assert reads and set(reads) == {200}, reads
    acknowledged = {f["body"] for status, f in results if status == 302}
    assert len(acknowledged) > 80, [status for status, _ in results]
    counts = stored(env, "Under load")
    assert {body: counts.get(body) for body in acknowledged} == dict.fromkeys(acknowledged, 1)
    assert max(counts.values()) == 1
    assert get(base + path)[0] == 200
