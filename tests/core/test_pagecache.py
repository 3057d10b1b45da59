import datetime

import pytest
from django.utils import timezone

from grassroots.blog.models import Blog, Post
from grassroots.comments import services as comment_services
from grassroots.comments.models import Comment
from tests.comments.conftest import token_for
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.GRASSROOTS_PAGE_CACHE_SECONDS = 300


def test_a_reader_without_cookies_gets_the_second_view_from_the_cache(
    client, django_assert_num_queries
):
    make_blog()
    make_post(title="Spring outreach")
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"
    assert not second.cookies


def test_publishing_a_post_shows_it_at_once(client):
    make_blog()
    client.get("/")
    make_post(title="A brand new story")
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "A brand new story" in response.content.decode()


def test_approving_a_comment_shows_it_at_once(client):
    make_blog(comment_policy=Blog.CommentPolicy.HOLD_ALL)
    post = make_post()
    comment_services.comment_submit(
        post=post, name="Aliya", email="aliya@example.org", body="Held words.",
        token=token_for(post),
    )  # fmt: skip
    assert "Held words." not in client.get(post.get_absolute_url()).content.decode()
    comment_services.comment_approve(comments=Comment.objects.all())
    assert "Held words." in client.get(post.get_absolute_url()).content.decode()


def test_changing_the_blog_identity_shows_at_once(client):
    blog = make_blog(title="Old title")
    client.get("/")
    blog.title = "New title"
    blog.save()
    assert "New title" in client.get("/").content.decode()


def test_a_scheduled_post_appears_when_its_time_comes(client, settings):
    make_blog()
    soon = timezone.now() + datetime.timedelta(seconds=30)
    make_post(title="Scheduled story", status=Post.Status.PUBLISHED, published_at=soon)
    assert "Scheduled story" not in client.get("/").content.decode()
    from grassroots.core import pagecache

    assert pagecache._timeout() <= 30


def test_readers_with_cookies_and_staff_are_never_served_from_the_cache(client, admin_client):
    make_blog()
    client.cookies["grassroots_language"] = "en"
    assert "X-Page-Cache" not in client.get("/")
    assert "X-Page-Cache" not in admin_client.get("/")


def test_an_unchanged_page_answers_not_modified(client):
    make_blog()
    etag = client.get("/")["ETag"]
    assert client.get("/", headers={"if-none-match": etag}).status_code == 304


def test_pages_are_compressed_for_readers_only(client, admin_client):
    make_blog()
    make_post(body="Long enough to compress. " * 40)
    anonymous = client.get("/", headers={"accept-encoding": "gzip"})
    assert anonymous["Content-Encoding"] == "gzip"
    staff = admin_client.get("/admin/", headers={"accept-encoding": "gzip"})
    assert "Content-Encoding" not in staff


def test_errors_and_not_found_pages_are_not_cached(client):
    make_blog()
    assert client.get("/no/such/page/").status_code == 404
    assert "X-Page-Cache" not in client.get("/no/such/page/")


def test_submitting_a_comment_under_an_open_policy_shows_it_at_once(client):
    make_blog(comment_policy=Blog.CommentPolicy.OPEN)
    post = make_post()
    client.get(post.get_absolute_url())
    comment_services.comment_submit(
        post=post, name="Aliya", email="aliya@example.org", body="Open words.",
        token=token_for(post),
    )  # fmt: skip
    assert "Open words." in client.get(post.get_absolute_url()).content.decode()


def test_unpublishing_hides_the_post_at_once(client):
    from grassroots.blog import services as blog_services

    make_blog()
    post = make_post(title="Retracted report")
    assert "Retracted report" in client.get("/").content.decode()
    blog_services.post_unpublish(post=post)
    assert "Retracted report" not in client.get("/").content.decode()
    assert client.get(post.get_absolute_url()).status_code == 404


def test_the_cache_can_be_turned_off(client, settings):
    settings.GRASSROOTS_PAGE_CACHE_SECONDS = 0
    make_blog()
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_a_cached_post_page_gives_each_reader_a_fresh_comment_form_token(client):
    import re

    from grassroots.comments import guard

    make_blog(comment_policy=Blog.CommentPolicy.OPEN)
    post = make_post()
    pattern = r'name="token" value="([^"]+)"'
    first = client.get(post.get_absolute_url())
    second = client.get(post.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    [old] = re.findall(pattern, first.content.decode())
    [new] = re.findall(pattern, second.content.decode())
    assert old != new
    assert guard.read_token(new, post.pk)[1] != guard.read_token(old, post.pk)[1]


def test_a_robot_answering_a_cached_page_at_once_is_still_held_for_speed(client, monkeypatch):
    import re
    import time

    make_blog(comment_policy=Blog.CommentPolicy.OPEN)
    post = make_post()
    now = time.time()
    with monkeypatch.context() as patch:  # the page was cached a minute ago
        patch.setattr(time, "time", lambda: now - 60)
        client.get(post.get_absolute_url())
    page = client.get(post.get_absolute_url()).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    submitted = comment_services.comment_submit(
        post=post, name="Bot", email="bot@example.org", body="Fast words.", token=token
    )
    assert submitted.comment.status == Comment.Status.PENDING
    assert submitted.comment.reason == "too_fast"


SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                    "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy",
                    "Permissions-Policy", "X-Frame-Options")  # fmt: skip


def test_a_page_from_the_cache_keeps_every_security_header(client):
    make_blog()
    first = client.get("/")
    second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second["X-Frame-Options"] == "DENY"
    for name in SECURITY_HEADERS:
        assert second.get(name) == first.get(name) is not None, name


def test_a_readers_page_may_be_kept_briefly_by_a_shared_cache(client):
    make_blog()
    post = make_post()
    for url in ("/", post.get_absolute_url(), "/feed/"):
        for response in (client.get(url), client.get(url)):  # a miss, then a hit
            control = response["Cache-Control"]
            assert "public" in control and "s-maxage=10" in control and "max-age=0" in control
            assert "Cookie" in response["Vary"]


def test_a_response_that_depends_on_a_cookie_is_kept_by_no_cache(client, admin_client):
    from django.urls import reverse

    make_blog(comment_policy=Blog.CommentPolicy.HOLD_ALL)
    post = make_post()
    url = reverse("comments:post_comments", args=[post.pk])
    # A form with errors, a commenter with a cookie, staff pages.
    errors = client.post(url, {"name": "", "email": "x", "body": "", "token": "bad"})
    client.cookies["grassroots_language"] = "ru"
    with_cookie = client.get(post.get_absolute_url())
    staff = admin_client.get(post.get_absolute_url())
    staff_admin = admin_client.get("/admin/")
    for response in (errors, with_cookie, staff, staff_admin):
        control = response["Cache-Control"]
        assert "private" in control and "no-store" in control and "public" not in control
        assert "Cookie" in response["Vary"]
