"""Search reads each post in its own language and the reader's words in the language of the
search page (/ru/search/ in Russian, /search/ in the blog's): on PostgreSQL with its Snowball
configurations, on SQLite with FTS5 plus a column of Snowball stems. The same tests run on
both databases."""

import html as html_lib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grassroots.blog import pages
from grassroots.blog.models import Page
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(db):
    make_blog(language="en")
    original = make_post(
        title="Water rights in Oskemen",
        slug="water-rights",
        body="Every family has a right to clean water.",
    )
    ru = make_post(
        title="Право на воду в Oskemen",
        slug="pravo-na-vodu",
        language="ru",
        translation_of=original,
        body="Мы говорим о правами защищённых семьях.",
    )
    kk = make_post(
        title="Oskemen: суға құқық",
        slug="suga-quqyq",
        language="kk",
        translation_of=original,
        body="Қазақстандағы әр отбасының таза суға құқығы бар.",
    )
    return {"en": original, "ru": ru, "kk": kk}


def found(client, url, query):
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_russian_word_finds_other_forms_of_it_on_the_russian_search_page(client, versions):
    # "правах" is no beginning of "правами": only the Russian stem "прав" joins them.
    html = found(client, "/ru/search/", "правах")
    assert versions["ru"].get_absolute_url() in html
    assert "<mark>правами</mark>" in html


def test_an_english_word_finds_other_forms_of_it_on_the_english_search_page(client, versions):
    # "families" is no beginning of "family": only the English stem "famili" joins them.
    assert versions["en"].get_absolute_url() in found(client, "/search/", "families")
    html = found(client, "/search/", "right")
    assert "Water <mark>rights</mark> in Oskemen" in html


def test_the_russian_search_page_speaks_russian_and_keeps_the_words(client, versions):
    html = found(client, "/ru/search/", "правах")
    assert '<html lang="ru"' in html
    assert "<h1>Поиск</h1>" in html
    assert 'value="правах"' in html
    assert 'action="/ru/search/"' in html
    nothing = found(client, "/ru/search/", "zzzqqq")
    assert "По запросу «zzzqqq» ничего не найдено." in nothing
    assert "Nothing matches" not in nothing


def test_a_post_and_its_translations_come_back_once_in_the_page_language(client, versions):
    urls = {code: post.get_absolute_url() for code, post in versions.items()}
    for page, language in [("/ru/search/", "ru"), ("/search/", "en"), ("/kk/search/", "kk")]:
        html = found(client, page, "oskemen")
        shown = [code for code, url in urls.items() if url in html]
        assert shown == [language], page


def test_a_translation_is_found_when_only_it_holds_the_words(client, versions):
    # English words on the Russian page: the English original is the match, and it is shown.
    html = found(client, "/ru/search/", "clean water")
    assert versions["en"].get_absolute_url() in html
    assert versions["ru"].get_absolute_url() not in html


@pytest.mark.parametrize(
    ("page", "query", "language"),
    [
        ("/ru/search/", "ПРАВАМИ", "ru"),
        ("/search/", "ПРАВАМИ", "ru"),
        ("/kk/search/", "ҚАЗАҚСТАНДАҒЫ", "kk"),
        ("/search/", "Қазақ", "kk"),
        ("/search/", "ЗАЩИЩЁННЫХ", "ru"),
        # Readers often type е for ё: both are read as е on both databases.
        ("/search/", "защищенных", "ru"),
        ("/ru/search/", "защищенные", "ru"),
    ],
)
def test_cyrillic_capitals_find_lower_case_words(client, versions, page, query, language):
    assert versions[language].get_absolute_url() in found(client, page, query)


def test_kazakh_words_match_by_their_beginning(client, versions):
    # PostgreSQL has no Kazakh stemmer: Kazakh is matched as written, by word beginnings.
    assert versions["kk"].get_absolute_url() in found(client, "/kk/search/", "қазақ")


def test_posts_in_the_blog_language_are_stemmed_anew_when_the_blog_changes_language(client):
    blog = make_blog(language="en")
    post = make_post(title="Отчёт", slug="otchet", body="Встреча о правами человека.")
    assert post.get_absolute_url() not in found(client, "/search/", "правах")
    blog.language = "ru"
    blog.full_clean()
    blog.save()
    assert post.get_absolute_url() in found(client, "/search/", "правах")


def test_pages_are_found_in_every_script_and_by_stem_on_both_databases(client):
    make_blog(language="en")
    page = pages.page_create(
        title="О нас",
        slug="o-nas",
        body="Защита прав человека.",
        status=Page.Status.PUBLISHED,
        language="ru",
    )
    pages.page_create(title="Draft", slug="draft", body="Защита", status=Page.Status.DRAFT)
    for page_url, query in [
        ("/search/", "ЗАЩИТА"),
        ("/ru/search/", "защиты"),
        ("/ru/search/", "о"),
    ]:
        html = found(client, page_url, query)
        assert f'href="{page.get_absolute_url()}"' in html, query
        assert "/draft/" not in html
    assert page.get_absolute_url() not in found(client, "/search/", "защиты")
    # Every word must match a word of its own: "защита" does not stand in for "зонтик".
    assert page.get_absolute_url() not in found(client, "/ru/search/", "защита зонтик")


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"права',
        "*",
        "права*",
        "NEAR(",
        "NEAR(права вода)",
        "права OR вода",
        "AND OR NOT",
        "stems : прав",
        "{title body_text} : x",
        "прав:* & !вод | (a)",
        "'; DROP TABLE blog_post; --",
        "…—«»",
        "^",
        "ё" * 300,
        "право " * 500,
    ],
)
@pytest.mark.parametrize("page", ["/ru/search/", "/search/"])
def test_query_syntax_and_silly_input_never_break_the_page(client, versions, page, query):
    html = found(client, page, query)
    kept = html_lib.escape(query[:200])
    assert f'value="{kept}"' in html
    assert Page.objects.count() == 0
    assert len(versions) == 3


def test_an_unknown_language_has_no_search_page(client, versions):
    assert client.get("/de/search/", {"q": "water"}).status_code == 404


def test_search_engines_are_asked_to_skip_every_search_page(client, versions):
    body = client.get("/robots.txt").content.decode()
    for address in ("/search/", "/ru/search/", "/kk/search/", "/en/search/"):
        assert f"Disallow: {address}\n" in body
    assert '<meta name="robots" content="noindex">' in found(client, "/kk/search/", "су")


# Letters of the three languages, FTS5 and tsquery syntax, and anything else.
QUERY_PARTS = st.sampled_from(
    [
        '"',
        "*",
        ":",
        "&",
        "|",
        "!",
        "(",
        ")",
        "{",
        "}",
        "^",
        "-",
        "+",
        "'",
        "\\",
        "NEAR",
        "OR",
        "AND",
        "NOT",
        "stems",
        "title",
        " ",
        "права",
        "Қазақ",
        "ё",
        "_",
        "\x00",
        "<->",
    ]
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(query=st.lists(QUERY_PARTS | st.text(max_size=5), max_size=12).map("".join))
def test_no_query_breaks_either_search_page(client, versions, query):
    for page in ("/ru/search/", "/search/"):
        assert client.get(page, {"q": query}).status_code == 200


def test_search_boxes_and_links_lead_to_the_search_page_of_the_page_language(client, versions):
    russian_home = client.get("/ru/").content.decode()
    assert 'action="/ru/search/"' in russian_home
    assert 'href="/ru/search/"' in russian_home
    kazakh_post = client.get(versions["kk"].get_absolute_url()).content.decode()
    assert 'href="/kk/search/"' in kazakh_post
    english_home = client.get("/").content.decode()
    assert 'action="/search/"' in english_home and "/en/search/" not in english_home


def test_postgresql_searches_the_stored_column_behind_its_gin_index(versions):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from grassroots.blog import search

    if connection.vendor != "postgresql":
        pytest.skip("the tsvector column and its index are PostgreSQL's")
    with CaptureQueriesContext(connection) as queries:
        assert search.post_search("правах", language="ru")
    sql = next(q["sql"] for q in queries.captured_queries if "ts_headline" in q["sql"])
    # The stored column, not a tsvector made per row at query time, which no index can serve.
    assert '("blog_post"."search_document") @@' in sql and "to_tsvector" not in sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'blog_post_search_document'"
        )
        assert "USING gin (search_document)" in cursor.fetchone()[0]


def test_results_in_another_language_than_the_page_say_which(client, versions):
    pages.page_create(title="Oskemen office", slug="office", status=Page.Status.PUBLISHED)
    html = found(client, "/ru/search/", "clean oskemen")
    assert '<h2 lang="en"><a href="' + versions["en"].get_absolute_url() in html
    assert '<p class="excerpt" lang="en">' in html
    assert '<a href="/office/" lang="en">Oskemen office</a>' not in html  # "clean" is not in it
    html = found(client, "/ru/search/", "oskemen")
    assert '<h2><a href="' + versions["ru"].get_absolute_url() in html
    assert '<a href="/office/" lang="en">Oskemen office</a>' in html
