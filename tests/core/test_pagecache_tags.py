"""Precise invalidation: a change drops exactly the cached pages that showed what changed
(core/pagecache.py, blog/cachetags.py), with the tag versions in a file all workers map or,
with REDIS_URL, in Redis."""

import datetime
import os
import time
import zoneinfo

import pytest

from grassroots.blog import services as blog_services
from grassroots.blog.models import Blog
from grassroots.comments import services as comment_services
from tests.comments.conftest import token_for
from tests.comments.test_concurrency import _redis_url
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


@pytest.fixture(params=["file", "redis"])
def page_cache(request, settings):
    settings.GRASSROOTS_PAGE_CACHE_SECONDS = 300
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": _redis_url(),
                "KEY_PREFIX": f"test-{os.getpid()}-{time.time()}",
            }
        }
    return request.param


@pytest.fixture
def site(page_cache):
    make_blog(comment_policy=Blog.CommentPolicy.OPEN)
    health = blog_services.tag_get_or_create(name="Health")
    housing = blog_services.tag_get_or_create(name="Housing")
    when = datetime.datetime(2024, 5, 1, 9, tzinfo=ALMATY)
    a = make_post(title="Clinic opens", tags=[health], published_at=when)
    b = make_post(title="Rents rise", tags=[housing], published_at=when + datetime.timedelta(1))
    old = make_post(
        title="Last year's report", tags=[housing], published_at=when.replace(year=2023)
    )
    return {"a": a, "b": b, "old": old, "health": health, "housing": housing}


def cached(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response["X-Page-Cache"] == "hit"


def warm(client, urls):
    for url in urls:
        client.get(url)
    assert all(cached(client, url) for url in urls)


def test_a_comment_on_one_post_drops_only_the_pages_that_showed_that_post(client, site):
    a, b = site["a"], site["b"]
    dropped = [a.get_absolute_url(), "/", "/posts/", "/2024/", "/tags/health/", "/feed/",
               f"/comments/feed/post/{a.pk}/", "/comments/feed/"]  # fmt: skip
    kept = [b.get_absolute_url(), "/tags/housing/", "/2023/", site["old"].get_absolute_url()]
    warm(client, dropped + kept)
    comment_services.comment_submit(
        post=a, name="Aliya", email="aliya@example.org", body="See you there.",
        token=token_for(a),
    )  # fmt: skip
    assert [url for url in dropped if cached(client, url)] == []
    assert [url for url in kept if not cached(client, url)] == []
    assert "See you there." in client.get(a.get_absolute_url()).content.decode()


def test_taking_a_tag_off_a_post_drops_that_tags_page(client, site):
    a = site["a"]
    warm(client, ["/tags/health/", "/tags/housing/", "/2023/"])
    blog_services.post_update(post=a, tags=[site["housing"]])
    assert not cached(client, "/tags/housing/")  # a new member
    assert "Clinic opens" in client.get("/tags/housing/").content.decode()
    assert cached(client, "/2023/")


def test_a_new_title_reaches_the_lists_that_show_the_post_and_its_neighbours(client, site):
    a, b = site["a"], site["b"]
    warm(client, ["/", b.get_absolute_url(), "/2023/"])
    blog_services.post_update(post=a, title="Clinic opens on Monday")
    assert "Clinic opens on Monday" in client.get("/").content.decode()
    assert "Clinic opens on Monday" in client.get(b.get_absolute_url()).content.decode()
    assert cached(client, "/2023/")


def test_a_change_to_the_blog_identity_drops_every_page(client, site):
    urls = ["/", site["b"].get_absolute_url(), "/2023/"]
    warm(client, urls)
    blog = Blog.objects.get()
    blog.title = "Riverbank weekly"
    blog.save()
    assert [url for url in urls if cached(client, url)] == []
    assert "Riverbank weekly" in client.get("/2023/").content.decode()
