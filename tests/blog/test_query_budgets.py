"""Each public page costs a fixed number of queries whatever it shows (DESIGN.md section 6)."""

import datetime
import zoneinfo

import pytest
from django.core.cache import cache

from grassroots.blog import services
from tests.factories import make_author, make_blog, make_post

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def fill(count):
    authors = [make_author(display_name=f"Writer {n}", slug=f"writer-{n}") for n in range(3)]
    tags = [services.tag_get_or_create(name=f"Topic {n}") for n in range(4)]
    posts = [
        make_post(
            title=f"Post number {n}",
            body=f"Body of post {n} about outreach.",
            authors=authors if count > 1 else authors[:1],
            tags=tags if count > 1 else tags[:1],
            published_at=datetime.datetime(2024, 1, 1 + n, 9, tzinfo=ALMATY),
        )
        for n in range(count)
    ]
    return posts, authors, tags


def count_queries(client, django_assert_num_queries, url, expected):
    cache.clear()  # the blog identity is read once per request when the cache is cold
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200, url


# Post page: identity, the post with its neighbours' titles (window functions), its authors,
# its tags, its translations (5, ours) and the approved comments (1, the comments app's section).
POST_PAGE = 6
LISTING = 5  # identity, count, page of posts, authors, tags
FEED = 4  # identity, posts, authors, tags


@pytest.mark.parametrize("count", [1, 8])
def test_a_listing_costs_the_same_queries_for_one_post_or_many(
    client, django_assert_num_queries, count
):
    make_blog()
    _posts, authors, tags = fill(count)
    for url in ("/posts/", f"/tags/{tags[0].slug}/", f"/authors/{authors[0].slug}/", "/2024/"):
        # Tag and author pages read their tag or author; "All posts" adds its archive index.
        expected = LISTING + (0 if url == "/2024/" else 1)
        count_queries(client, django_assert_num_queries, url, expected)


@pytest.mark.parametrize("count", [1, 8])
def test_a_feed_costs_the_same_queries_for_one_post_or_many(
    client, django_assert_num_queries, count
):
    make_blog()
    _posts, authors, tags = fill(count)
    count_queries(client, django_assert_num_queries, "/feed/", FEED)
    count_queries(client, django_assert_num_queries, "/feed/atom/", FEED)
    count_queries(client, django_assert_num_queries, f"/tags/{tags[0].slug}/feed/", FEED + 1)
    url = f"/authors/{authors[0].slug}/feed/atom/"
    count_queries(client, django_assert_num_queries, url, FEED + 1)


@pytest.mark.parametrize("count", [1, 8])
def test_the_post_page_costs_the_same_queries_with_one_or_many_authors_and_tags(
    client, django_assert_num_queries, count
):
    make_blog()
    posts, _authors, _tags = fill(count)
    post = posts[len(posts) // 2]
    count_queries(client, django_assert_num_queries, post.get_absolute_url(), POST_PAGE)


@pytest.mark.parametrize("count", [1, 8])
def test_the_home_page_search_and_sitemap_cost_the_same_queries_for_one_post_or_many(
    client, django_assert_num_queries, count
):
    make_blog()
    fill(count)
    # The home also reads the languages posts are public in, for its hreflang alternates.
    count_queries(client, django_assert_num_queries, "/", LISTING + 1)
    # Search: identity, the matches with their excerpts, the matching posts, the pages.
    count_queries(client, django_assert_num_queries, "/search/?q=outreach", 4)
    # Sitemap: identity, the archive months, then a count and a page of rows for posts,
    # tags and authors, and the pages (one query: an empty list needs no count), and the
    # languages posts are public in (the homes' alternates).
    count_queries(client, django_assert_num_queries, "/sitemap.xml", 10)


@pytest.mark.parametrize("count", [1, 8])
def test_search_in_a_language_costs_the_same_with_translations_and_pages(
    client, django_assert_num_queries, count
):
    from grassroots.blog import pages
    from grassroots.blog.models import Page

    make_blog()
    posts, _authors, _tags = fill(count)
    for n, post in enumerate(posts):
        make_post(
            title=f"Запись {n}",
            slug=f"zapis-{n}",
            body="Об outreach и правах.",
            language="ru",
            translation_of=post,
        )
        pages.page_create(
            title=f"Страница {n}", body="О правах.", status=Page.Status.PUBLISHED, language="ru"
        )
    # Identity, the matches with their excerpts, the matching posts, the pages: one group of
    # translations or eight, one page or eight.
    count_queries(client, django_assert_num_queries, "/ru/search/?q=outreach+правами", 4)
