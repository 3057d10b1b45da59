import datetime
import re
import zoneinfo

import pytest

from grassroots.blog import services
from grassroots.blog.models import Post
from tests.factories import make_author, make_blog, make_post

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def at(*args):
    return datetime.datetime(*args, tzinfo=ALMATY)


def make_many(count, **fields):
    return [
        make_post(
            title=f"Report {n:02d}",
            published_at=at(2024, 1, 1, 9) + datetime.timedelta(days=n),
            **fields,
        )
        for n in range(count)
    ]


def test_all_posts_are_newest_first_with_excerpt_byline_and_comment_count(client):
    make_blog()
    make_many(3)
    Post.objects.filter(title="Report 01").update(comment_count=4)
    html = client.get("/posts/").content.decode()
    assert html.index("Report 02") < html.index("Report 01") < html.index("Report 00")
    assert "Volunteers met forty people this week." in html
    assert "Posted by" in html
    assert "4 comments" in html and "0 comments" in html


def test_listings_paginate_with_stable_links_and_404_past_the_end(client):
    make_blog()
    make_many(12)
    first = client.get("/posts/").content.decode()
    assert 'href="/posts/?page=2" rel="next"' in first
    assert 'rel="next" href="http://127.0.0.1:8000/posts/?page=2"' in first
    second = client.get("/posts/?page=2")
    assert second.status_code == 200
    html = second.content.decode()
    assert "Report 00" in html and "Report 11" not in html
    assert 'href="/posts/" rel="prev"' in html
    assert 'rel="canonical" href="http://127.0.0.1:8000/posts/?page=2"' in html
    for bad in ("3", "99999", "abc", "0", "-1", "1.5", "9" * 50, "２", "٢", "02"):
        assert client.get(f"/posts/?page={bad}").status_code == 404, bad


def test_the_home_page_shows_the_latest_posts_and_links_to_older_ones(client):
    make_blog()
    make_many(11)
    html = client.get("/").content.decode()
    assert "Report 10" in html and "Report 00" not in html
    assert 'href="/posts/?page=2"' in html
    assert client.get("/?page=abc").status_code == 200


def test_year_and_month_archives_follow_the_blogs_time_zone(client):
    make_blog(time_zone="Asia/Almaty")
    # 31 December 2023 20:00 UTC is already 2024 in Almaty.
    make_post(
        title="New year report",
        published_at=datetime.datetime(2023, 12, 31, 20, tzinfo=datetime.UTC),
    )
    make_post(title="March report", published_at=at(2024, 3, 15, 9))
    assert "New year report" in client.get("/2024/").content.decode()
    assert "New year report" in client.get("/2024/01/").content.decode()
    assert "March report" not in client.get("/2024/01/").content.decode()
    assert client.get("/2023/").status_code == 404
    for bad in ("/2024/13/", "/0000/", "/2024/00/", "/2031/02/", "/9999/12/", "/0001/01/"):
        assert client.get(bad).status_code == 404, bad


def test_tag_and_author_pages_list_their_posts_and_unknown_ones_are_404(client):
    make_blog()
    dana = make_author(display_name="Dana Omarova", slug="dana", bio="Runs the legal clinic.")
    law = services.tag_get_or_create(name="Legal aid")
    make_post(title="Clinic hours", authors=[dana], tags=[law])
    make_post(title="Unrelated news")
    tag_page = client.get("/tags/legal-aid/").content.decode()
    assert "Clinic hours" in tag_page and "Unrelated news" not in tag_page
    author_page = client.get("/authors/dana/").content.decode()
    assert "Dana Omarova" in author_page and "Runs the legal clinic." in author_page
    assert "Clinic hours" in author_page and "Unrelated news" not in author_page
    assert 'type="application/rss+xml"' in author_page
    for missing in ("/tags/nope/", "/authors/nope/", "/authors/1/", "/tags/legal-aid/?page=2"):
        assert client.get(missing).status_code == 404, missing


def test_tags_and_authors_that_only_drafts_use_are_404_with_their_feeds(client):
    # A tag or a byline that only a draft or a scheduled post uses is not public yet: its
    # page or feed would tell what is being written (issue 12, item 5).
    from datetime import timedelta

    from django.utils import timezone

    from grassroots.blog.models import Post

    make_blog()
    ghost = make_author(display_name="Undercover Writer", slug="undercover")
    secret = services.tag_get_or_create(name="Secret plans")
    make_post(title="Plans", authors=[ghost], tags=[secret], status=Post.Status.DRAFT)
    later = make_author(display_name="Later Writer", slug="later")
    soon = services.tag_get_or_create(name="Soon")
    make_post(
        title="Tomorrow",
        authors=[later],
        tags=[soon],
        status=Post.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
    )
    for base in ("/tags/secret-plans/", "/authors/undercover/", "/tags/soon/", "/authors/later/"):
        for url in (base, base + "feed/", base + "feed/atom/"):
            response = client.get(url)
            assert response.status_code == 404, url
            assert b"Undercover" not in response.content and b"Secret plans" not in response.content


def test_bylines_never_show_the_staff_login(client, django_user_model):
    make_blog()
    user = django_user_model.objects.create_user(username="secret-login-name", password="x" * 16)
    author = make_author(display_name="Public Name", slug="public-name", user=user)
    post = make_post(title="Signed", authors=[author])
    for url in (
        "/",
        "/posts/",
        post.get_absolute_url(),
        "/feed/",
        "/feed/atom/",
        "/sitemap.xml",
        "/authors/public-name/",
    ):
        html = client.get(url).content.decode()
        assert "secret-login-name" not in html, url


def test_reading_pages_sets_no_cookie(client):
    make_blog()
    post = make_post(title="Cookie free")
    for url in ("/", "/posts/", post.get_absolute_url(), "/search/?q=cookie", "/feed/"):
        assert not client.get(url).cookies, url


def test_all_posts_links_to_every_month_and_year_with_posts(client):
    make_blog(time_zone="Asia/Almaty")
    make_post(title="A", published_at=at(2024, 3, 15, 9))
    make_post(title="B", published_at=at(2024, 3, 20, 9))
    make_post(title="C", published_at=datetime.datetime(2025, 7, 31, 20, tzinfo=datetime.UTC))
    html = client.get("/posts/").content.decode()
    assert 'href="/2024/03/">March</a> <span class="meta">(2)</span>' in html
    assert 'href="/2025/08/">August</a>' in html  # 31 July 20:00 UTC is August in Almaty
    assert 'href="/2024/">2024</a>' in html and 'href="/2025/">2025</a>' in html
    assert client.get("/2025/08/").status_code == 200


def test_every_page_leads_to_search_from_its_navigation(client):
    make_blog()
    post = make_post(title="Clinic hours")
    for url in (post.get_absolute_url(), "/tags/nothing-here/", "/search/?q=clinic"):
        html = client.get(url).content.decode()
        nav = html[html.index("<nav") : html.index("</nav>")]
        assert 'href="/search/"' in nav, url


def test_only_the_first_cover_of_a_listing_loads_at_once_and_first(client):
    from grassroots.photos import services as photo_services
    from tests.photos import corpus

    make_blog()
    for n in range(3):
        cover = photo_services.photo_upload(
            data=corpus.jpeg_bytes(corpus.scene((1200, 800))), alt_text=f"Cover {n}"
        )
        make_post(title=f"Covered {n}", cover=cover, published_at=at(2024, 1, 1 + n, 9))
    for url in ["/", "/posts/"]:
        images = re.findall(r"<img [^>]*>", client.get(url).content.decode())
        assert len(images) == 3
        assert 'loading="eager" fetchpriority="high"' in images[0]
        assert all(
            'loading="lazy"' in image and "fetchpriority" not in image for image in images[1:]
        )
