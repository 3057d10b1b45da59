import time

import pytest

from grassroots.comments import guard
from tests.factories import make_blog, make_post


@pytest.fixture
def blog(db):
    return make_blog()


@pytest.fixture
def post(blog):
    return make_post(slug="a-day-in-the-park", title="A day in the park")


def token_for(post, *, ago=60):
    """A form token as the post page would have issued it `ago` seconds earlier."""
    return guard.issue_token(post.pk, issued_at=time.time() - ago)


def form_data(post, **fields):
    return {
        "name": "Lena",
        "email": "lena@example.org",
        "body": "This makes me so happy to hear.",
        "website": "",
        "token": token_for(post),
        "homepage": "",
    } | fields
