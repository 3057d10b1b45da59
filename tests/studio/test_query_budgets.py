"""Studio pages cost a fixed number of queries whatever they list."""

import pytest
from django.core.cache import cache

from grassroots.blog.models import Post
from tests.factories import make_blog, make_post
from tests.studio.roles import make_staff

pytestmark = pytest.mark.django_db


def fill(count, user):
    from grassroots.blog import review
    from grassroots.blog.editing import author_for_user

    author = author_for_user(user=user)
    for n in range(count):
        post = make_post(
            title=f"Post {n}",
            authors=[author],
            status=Post.Status.DRAFT if n % 2 else Post.Status.PUBLISHED,
        )
        if n % 2:
            review.post_submit_for_review(post=post, user=user)


def measure(client, django_assert_num_queries, url, expected):
    cache.clear()
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("count", [2, 8])
def test_studio_pages_cost_the_same_for_one_post_or_many(client, django_assert_num_queries, count):
    make_blog()
    editor = make_staff("Editor", "ed", email="ed@example.org")
    fill(count, editor)
    client.force_login(editor)
    post = Post.objects.first()
    # session, user, permissions, two-factor state and the identity come first.
    measure(client, django_assert_num_queries, "/studio/", 18)
    measure(client, django_assert_num_queries, "/studio/posts/", 8)
    measure(client, django_assert_num_queries, "/studio/review/", 7)
    measure(client, django_assert_num_queries, f"/studio/posts/{post.pk}/revisions/", 7)
