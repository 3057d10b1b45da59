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
    measure(client, django_assert_num_queries, "/studio/", 19)
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
    # The editor: the post, its bylines, authors to choose, photos in the text, the library,
    # its language versions.
    measure(client, django_assert_num_queries, f"/studio/posts/{post.pk}/", EDITOR)
    measure(client, django_assert_num_queries, "/studio/pages/", PAGES)
    measure(client, django_assert_num_queries, "/studio/menu/", MENU)


EDITOR, PAGES, MENU = 15, 4, 5


@pytest.mark.parametrize("count", [2, 7])
def test_a_pages_editor_revisions_and_preview_cost_the_same_whatever_its_history(
    client, django_assert_num_queries, count
):
    from grassroots.blog import page_editing, pages

    make_blog()
    editor = make_staff("Editor", "ed", email="ed@example.org")
    page = pages.page_create(title="About us", body="We.", status="published")
    pages.menu_item_add(page=page)
    for n in range(count):
        data = {"title": "About us", "slug": "about-us", "body": f"We, {n}.", "language": ""}
        page = page_editing.page_save(page=page, user=editor, data=data)
    old, new = page.revisions.order_by("saved_at", "pk")[:2]
    client.force_login(editor)
    base = f"/studio/pages/{page.pk}/"
    # The editor shows the pending text; the preview renders it as readers will see it.
    measure(client, django_assert_num_queries, base, PAGE_EDITOR)
    measure(client, django_assert_num_queries, base + "preview/", PAGE_PREVIEW)
    measure(client, django_assert_num_queries, base + "revisions/", PAGE_REVISIONS)
    compare = f"{base}revisions/compare/?from={old.pk}&to={new.pk}"
    measure(client, django_assert_num_queries, compare, PAGE_COMPARE)


# The page editor also reads its translation group for the Translations panel, and the
# newest photos of the library for its photos panel.
PAGE_EDITOR, PAGE_PREVIEW, PAGE_REVISIONS, PAGE_COMPARE = 11, 6, 7, 8
