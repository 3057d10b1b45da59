"""`grassroots run` starts several worker processes, and without REDIS_URL each has its own
cache: a change made through one worker must still reach readers of every other at once."""

import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache

from grassroots.blog import selectors, services
from grassroots.blog.models import Blog
from grassroots.core import pagecache
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_worker(monkeypatch):
    """Run code as a second worker process would: with a cache of its own."""
    own_cache = LocMemCache(f"other-worker-{uuid.uuid4()}", {})

    class Worker:
        def __enter__(self):
            monkeypatch.setattr(pagecache, "cache", own_cache)
            monkeypatch.setattr(selectors, "cache", own_cache)

        def __exit__(self, *exc):
            monkeypatch.undo()

    return Worker()


def test_unpublishing_in_one_worker_hides_the_post_in_every_worker_at_once(
    client, settings, other_worker
):
    settings.GRASSROOTS_PAGE_CACHE_SECONDS = 300
    make_blog()
    post = make_post(title="Clinic hours")
    url = post.get_absolute_url()
    with other_worker:
        assert client.get(url).status_code == 200
        assert client.get(url)["X-Page-Cache"] == "hit"
    services.post_unpublish(post=post)
    with other_worker:
        assert client.get(url).status_code == 404


def test_a_new_blog_title_reaches_every_worker(client, other_worker):
    make_blog(title="Old title")
    with other_worker:
        assert selectors.blog_identity().title == "Old title"
    blog = Blog.objects.get()
    blog.title = "New title"
    blog.save()
    with other_worker:
        assert selectors.blog_identity().title == "New title"
        assert "New title" in client.get("/").content.decode()
