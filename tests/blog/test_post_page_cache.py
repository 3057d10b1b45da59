"""The post page's post, neighbours and translations are kept in the cache (selectors.post_page)
until something they show changes, or time makes a scheduled post a neighbour."""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from grassroots.blog import services
from grassroots.blog.models import Blog
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db


def page(client, post):
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def post_queries(client, post):
    with CaptureQueriesContext(connection) as queries:
        html = page(client, post)
    return html, [q for q in queries.captured_queries if '"blog_post"' in q["sql"]]


def test_the_post_is_read_once_then_comes_from_the_cache(client):
    make_blog()
    post = make_post(title="Cleanup day", published_at=timezone.now() - datetime.timedelta(1))
    first, queries = post_queries(client, post)
    assert "Cleanup day" in first and queries
    again, queries = post_queries(client, post)
    assert "Cleanup day" in again and not queries


def test_an_edit_a_new_neighbour_and_the_identity_show_at_once(client):
    make_blog()
    earlier = timezone.now() - datetime.timedelta(days=2)
    post = make_post(title="Cleanup day", published_at=earlier)
    assert "Cleanup day" in page(client, post)
    services.post_update(post=post, title="Cleanup day, the report")
    post.refresh_from_db()
    assert "Cleanup day, the report" in page(client, post)
    make_post(title="The morning after", published_at=timezone.now() - datetime.timedelta(1))
    assert "The morning after" in page(client, post)  # the next-post link
    blog = Blog.objects.get()
    blog.title = "River notes, renamed"
    blog.save()
    assert "River notes, renamed" in page(client, post)
    services.post_unpublish(post=post)
    assert client.get(post.get_absolute_url()).status_code == 404


def test_a_scheduled_post_becomes_the_next_link_at_its_time(client):
    make_blog()
    post = make_post(title="Cleanup day", published_at=timezone.now() - datetime.timedelta(1))
    make_post(title="Due any moment", published_at=timezone.now() + datetime.timedelta(seconds=2))
    assert "Due any moment" not in page(client, post)
    time.sleep(2.1)
    assert "Due any moment" in page(client, post)
