"""Cache hits answered in front of Django's middleware stack (core/fastpages.py): the same
answer the stack gives, invalidated as precisely, through the real WSGI application."""

import gzip
import io
import re
import sys
import time
import urllib.parse
import urllib.request

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from grassroots.blog.models import Blog
from grassroots.comments import guard
from grassroots.comments import services as comment_services
from grassroots.comments.models import Comment
from grassroots.wsgi import application
from tests.comments.conftest import token_for
from tests.conftest import cli_env, grassroots, serving
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db
PER_REQUEST = {"date", "etag", "x-accel-expires", "content-length"}  # gzip pads randomly


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.GRASSROOTS_PAGE_CACHE_SECONDS = 300


class Answer:
    def __init__(self, status, headers, body, django):
        self.status, self.headers, self.body, self.django = status, headers, body, django

    def __getitem__(self, name):
        return {key.lower(): value for key, value in self.headers}[name.lower()]

    def comparable(self):
        return [(name.lower(), value) for name, value in self.headers
                if name.lower() not in PER_REQUEST]  # fmt: skip


def get(path, **headers):
    """One request through grassroots.wsgi.application, as granian makes it; `django` says
    whether Django's handler saw the request at all."""
    path, _, query = path.partition("?")
    environ = {"REQUEST_METHOD": "GET", "wsgi.url_scheme": "http", "HTTP_HOST": "testserver",
               "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SCRIPT_NAME": "",
               "PATH_INFO": path, "QUERY_STRING": query, "SERVER_PROTOCOL": "HTTP/1.1",
               "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr}  # fmt: skip
    environ.update({"HTTP_" + name.upper(): value for name, value in headers.items()})
    seen, started = [], {}

    def saw(**kwargs):
        seen.append(True)

    def start_response(status, headers):
        started.update(status=int(status.split()[0]), headers=headers)

    request_started.connect(saw)
    # As Django's test client does: the test's transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        answer = application(environ, start_response)
        body = b"".join(answer)
        getattr(answer, "close", lambda: None)()
    finally:
        request_started.disconnect(saw)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Answer(started["status"], started["headers"], body, bool(seen))


def warm(path, **headers):
    """A miss (unless the page is cached already), then a hit through the whole stack, which
    the fast path learns from."""
    first = get(path, **headers)
    second = get(path, **headers) if first["X-Page-Cache"] == "miss" else first
    assert second["X-Page-Cache"] == "hit" and second.django
    return second


def test_a_hit_skips_django_and_carries_exactly_the_headers_the_stack_gives(settings):
    make_blog()
    make_post(body="Long enough to compress. " * 40)
    for headers in ({}, {"accept_encoding": "gzip, deflate"}):
        through_django = warm("/", **headers)
        fast = get("/", **headers)
        assert not fast.django
        assert fast.status == 200
        assert fast.comparable() == through_django.comparable()
        assert fast["Content-Length"] == str(len(fast.body))
        assert fast["ETag"] == through_django["ETag"]
    assert fast["Content-Encoding"] == "gzip" and fast["ETag"].startswith("W/")
    assert gzip.decompress(fast.body) == get("/").body


def test_an_unchanged_page_answers_not_modified_without_django():
    make_blog()
    etag = warm("/")["ETag"]
    assert get("/", if_none_match=etag).status == 304  # learnt from the stack's 304
    fast = get("/", if_none_match=etag)
    assert fast.status == 304 and fast.body == b"" and not fast.django
    assert get("/", if_none_match='"something-else"').status == 200


def test_a_reader_with_a_cookie_or_an_old_address_goes_through_django():
    make_blog()
    warm("/")
    with_cookie = get("/", cookie="grassroots_language=en")
    assert with_cookie.django
    assert "x-page-cache" not in dict(with_cookie.comparable())
    warm("/?p=12")
    assert get("/?p=12").django  # an import may have learnt where /?p=12 now lives


def test_a_change_drops_the_page_at_once():
    make_blog(comment_policy=Blog.CommentPolicy.OPEN)
    post, other = make_post(), make_post(title="Another story")
    url = post.get_absolute_url()
    warm(url)
    warm(other.get_absolute_url())
    assert not get(url).django
    comment_services.comment_submit(
        post=post, name="Aliya", email="aliya@example.org", body="Fresh words.",
        token=token_for(post),
    )  # fmt: skip
    after = get(url)
    assert after.django and "Fresh words." in after.body.decode()
    assert not get(other.get_absolute_url()).django  # precise: the other post stays cached


def test_the_comment_form_token_is_renewed_each_second_and_still_accepted(monkeypatch):
    make_blog(comment_policy=Blog.CommentPolicy.OPEN)
    post = make_post()
    url = post.get_absolute_url()
    now = time.time()
    with monkeypatch.context() as patch:  # the page was cached a minute ago
        patch.setattr(time, "time", lambda: now - 60)
        warm(url)
    pattern = rb'name="token" value="([^"]+)"'
    fast = get(url)
    assert not fast.django
    token = re.search(pattern, fast.body).group(1).decode()
    issued_at, _nonce = guard.read_token(token, post.pk)
    assert abs(issued_at - time.time()) <= 1  # issued now, not when the page was cached
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: now + 2)
        later = re.search(pattern, get(url).body).group(1).decode()
    assert later != token
    # A robot that answers at once is still held for speed; a person's answer is stored once.
    robot = comment_services.comment_submit(
        post=post, name="Bot", email="bot@example.org", body="Fast words.", token=token
    )
    assert robot.comment.reason == "too_fast"
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: now + 30)
        person = comment_services.comment_submit(
            post=post, name="Aliya", email="aliya@example.org", body="Kind words.", token=token
        )
        assert person.comment.status == Comment.Status.APPROVED
        with pytest.raises(guard.Refused):
            comment_services.comment_submit(
                post=post, name="Aliya", email="aliya@example.org", body="Again.", token=token
            )


@pytest.mark.slow
def test_a_comment_through_one_worker_reaches_the_readers_of_every_worker(cli_data_dir):
    """Real `grassroots run` with two workers, each with its own learnt pages: the change
    moves the shared tag versions and no worker replays the old page."""
    env = cli_env(cli_data_dir, GRASSROOTS_COMMENT_MIN_SECONDS="0")
    with serving(env) as (base, _output):
        setup = grassroots("shell", "--no-imports", "-c", SETUP, env=env)
        assert setup.returncode == 0, setup.stderr
        post_id, url, token = setup.stdout.split()

        def read():
            with urllib.request.urlopen(base + url, timeout=10) as response:
                return response.headers["X-Page-Cache"], response.read().decode()

        assert {read()[0] for _ in range(40)} == {"miss", "hit"}
        form = {"name": "Aliya", "email": "aliya@example.org", "body": "Seen by all.",
                "token": token, "website": "", "homepage": ""}  # fmt: skip
        data = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(f"{base}/comments/post/{post_id}/", data=data)
        urllib.request.urlopen(request, timeout=30).read()
        assert all("Seen by all." in read()[1] for _ in range(40))


SETUP = """
import time
from grassroots.blog.models import Blog, Post
from grassroots.comments import guard
blog = Blog.objects.get()
blog.comment_policy = Blog.CommentPolicy.OPEN
blog.save()
story = Post.objects.get(slug="a-day-in-the-park")
print(story.pk, story.get_absolute_url(), guard.issue_token(story.pk, issued_at=time.time() - 60))
"""
