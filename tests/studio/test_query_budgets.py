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


@pytest.mark.parametrize("count", [1, 6])
def test_the_editor_pages_and_menu_cost_the_same_whatever_they_hold(
    client, django_assert_num_queries, count
):
    from grassroots.blog import pages
    from grassroots.blog.models import Page
    from grassroots.photos import services as photo_services
    from tests.photos import corpus

    make_blog()
    admin = make_staff("Editor", "ed", email="ed@example.org")
    admin.is_superuser = True
    admin.save()
    data = corpus.jpeg_bytes(corpus.scene((320, 240)))
    photos = [photo_services.photo_upload(data=data, alt_text=f"p{n}") for n in range(count)]
    body = "\n\n".join(f"![p](photo:{photo.pk})" for photo in photos)
    fill(2, admin)
    post = Post.objects.filter(status=Post.Status.DRAFT).first()
    post.body = body
    post.save()
    for n in range(count):
        page = pages.page_create(title=f"Page {n}", status=Page.Status.PUBLISHED)
        pages.menu_item_add(page=page)
    client.force_login(admin)
    # The editor: the post, its bylines, authors to choose, photos in the text, the library.
    measure(client, django_assert_num_queries, f"/studio/posts/{post.pk}/", EDITOR)
    measure(client, django_assert_num_queries, "/studio/pages/", PAGES)
    measure(client, django_assert_num_queries, "/studio/menu/", MENU)


EDITOR, PAGES, MENU = 14, 4, 5
