import pytest
from django.core.cache import cache

from grassroots.blog import selectors
from tests.factories import make_blog

pytestmark = pytest.mark.django_db


def test_the_identity_is_read_once_per_request_and_fresh_for_the_next():
    make_blog(title="Before")
    with selectors.blog_identity_pinned():
        first = selectors.blog_identity()
        cache.delete(selectors.IDENTITY_KEY)
        cache.set(selectors.IDENTITY_KEY, "not read again during this request")
        assert selectors.blog_identity() is first
    cache.delete(selectors.IDENTITY_KEY)
    assert selectors.blog_identity().title == "Before"


def test_saving_the_identity_shows_at_once(client):
    blog = make_blog(title="Before")
    assert "Before" in client.get("/").content.decode()
    blog.title = "After"
    blog.save()
    assert "After" in client.get("/").content.decode()


def test_the_next_scheduled_post_says_when_pages_change_by_time_alone():
    import datetime

    from django.utils import timezone

    from tests.factories import make_post

    make_blog()
    assert selectors.seconds_until_next_scheduled() is None
    now = timezone.now()
    make_post(title="Later", published_at=now + datetime.timedelta(minutes=10))
    make_post(title="Sooner", published_at=now + datetime.timedelta(minutes=2))
    make_post(title="Past", published_at=now - datetime.timedelta(minutes=2))
    assert 100 < selectors.seconds_until_next_scheduled(now=now) <= 120
