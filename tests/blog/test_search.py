import pytest

from grassroots.blog.models import Post
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts():
    make_blog()
    return [
        make_post(title="Testing days in three towns", body="Nurses tested 214 people in June."),
        make_post(title="Встреча волонтёров", body="Волонтёры из девяти городов обсудили планы."),
        make_post(title="Court report", body="The hearing about testing was adjourned."),
        make_post(title="Secret draft about testing", status=Post.Status.DRAFT),
    ]


def test_search_ranks_title_matches_first_and_highlights_words(client, posts):
    html = client.get("/search/?q=testing").content.decode()
    assert html.index("<mark>Testing</mark> days in three towns") < html.index("Court report")
    assert "The hearing about <mark>testing</mark> was adjourned." in html
    assert "Secret draft" not in html


def test_search_finds_cyrillic_words_and_word_beginnings(client, posts):
    html = client.get("/search/?q=ВОЛОНТЁР").content.decode()
    assert "Встреча <mark>волонтёров</mark>" in html
    assert "<mark>Волонтёры</mark>" in html


def test_search_needs_every_word(client, posts):
    html = client.get("/search/?q=nurses+june").content.decode()
    assert "Testing days" in html
    assert "Court report" not in client.get("/search/?q=nurses+hearing").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "***",
        '"',
        "AND OR NOT",
        "NEAR(",
        "a" * 10_000,
        "x " * 5_000,
        "'; DROP TABLE blog_post; --",
        "\x00",
        "<script>alert(1)</script>",
        "a_b __init__ x_",
        "ab:* & !c | (d)",
        "-",
        "ё",
        "testing:*",
    ],
)
def test_empty_long_and_silly_queries_get_a_friendly_page(client, posts, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert Post.objects.count() == 4


def test_a_very_long_query_is_shortened_with_a_note(client, posts):
    html = client.get("/search/", {"q": "testing " + "a" * 10_000}).content.decode()
    assert "first 200 characters" in html
    assert "Testing days" not in html or "Nothing matches" not in html


def test_a_query_that_matches_nothing_says_so(client, posts):
    html = client.get("/search/?q=zzzzqqq").content.decode()
    assert "Nothing matches" in html


def test_matched_words_in_titles_are_marked_and_titles_stay_escaped(client):
    make_blog()
    make_post(title="Testing <b>days</b> & nights", body="Nothing else.")
    html = client.get("/search/?q=test").content.decode()
    assert "<mark>Testing</mark> &lt;b&gt;days&lt;/b&gt; &amp; nights" in html


def test_search_still_works_on_an_sqlite_without_fts5(client, posts):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("FTS5 is SQLite's")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE blog_post_fts")
    make_post(title="Saved without the index", body="Nurses again.")
    html = client.get("/search/?q=nurses").content.decode()
    assert "Testing days in three towns" in html and "Saved without the index" in html
    assert "<mark>Nurses</mark> tested 214 people" in html


def test_the_page_title_names_the_search_so_history_and_tabs_tell_searches_apart(client, posts):
    html = client.get("/search/?q=court+<b>").content.decode()
    assert "<title>Search: court &lt;b&gt; · Riverbank notes</title>" in html
    assert "<title>Search · Riverbank notes</title>" in client.get("/search/").content.decode()
