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
