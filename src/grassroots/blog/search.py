"""Full-text search over public posts behind one selector: SQLite FTS5 on SQLite, PostgreSQL's
full-text search on PostgreSQL. Each post is indexed in its own language (search_index.py);
the reader's words are read in the language of the search page (/ru/search/ in Russian,
/search/ in the blog's), so a word matches a post's word with the same stem, and every word
also matches as a word beginning ("выбор" finds "выборы") in any language. A post and its
translations come back once: the one in the page's language when it matches."""

from dataclasses import dataclass

from django.conf import settings
from django.db import OperationalError, connection
from django.db.models import Case, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from grassroots.blog import pages
from grassroots.blog.models import Post
from grassroots.blog.search_index import WORD, fold, has_stemmer, pg_config, stem
from grassroots.blog.selectors import blog_identity

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_RESULTS = 50
# Private-use characters mark the highlights: they survive escaping, then become <mark>.
START, STOP = "\ue000", "\ue001"


@dataclass
class SearchResult:
    post: Post
    title: str  # safe HTML with <mark> around matched words
    excerpt: str  # safe HTML with <mark> around matched words


def search_terms(query):
    """The words we search for: letters and digits only, so no query syntax can leak in."""
    words = WORD.findall(fold((query or "")[:MAX_QUERY_CHARS].lower()))
    return [word[:50] for word in words if word.strip("_")][:MAX_TERMS]


def _highlight(text):
    return mark_safe(  # noqa: S308 - escaped first; only our own markers become tags
        escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    )


def _matcher(terms, language):
    """A test for one lower-case word of a text in `text_language`: it begins with one of the
    terms, or has the stem of one (each side stemmed in its own language)."""
    stems = [stem(term, language) for term in terms]

    def matches(word, text_language):
        if word.startswith(tuple(terms)):
            return True
        # Snowball only cuts endings, so a word with a term's stem begins with that stem.
        return any(word.startswith(s) and stem(word, text_language) == s for s in stems)

    return matches


def _mark(text, matches, language):
    """Mark the words that match, by one rule for titles and excerpts on both databases (the
    database chose the excerpt; its own marks miss words found by stem on SQLite)."""
    plain = text.replace(START, "").replace(STOP, "")

    def mark(found):
        word = found.group(0)
        return f"{START}{word}{STOP}" if matches(fold(word.lower()), language) else word

    return _highlight(WORD.sub(mark, plain))


def search_page(*, query, language):
    """Everything the search page shows for `query` read in `language`."""
    terms = search_terms(query)
    return {
        "query": (query or "")[:MAX_QUERY_CHARS],
        "shortened": len(query or "") > MAX_QUERY_CHARS,
        "terms": terms,
        "results": post_search(query, language=language),
        "pages": pages.page_search(matchers=[_matcher([term], language) for term in terms]),
        "max_results": MAX_RESULTS,
    }


def post_search(query, *, language=None):
    """Public posts matching every word of `query`, best first, at most MAX_RESULTS, one per
    group of translations."""
    terms = search_terms(query)
    if not terms:
        return []
    language = language or blog_identity().language
    search = _search_postgresql if connection.vendor == "postgresql" else _search_sqlite
    rows = search(terms, language)
    posts = Post.objects.public().in_bulk([post_id for post_id, _excerpt in rows])
    matches = _matcher(terms, language)
    results = []
    for post_id, excerpt in rows:
        if post := posts.get(post_id):
            language_of_post = post.content_language
            title = _mark(post.title, matches, language_of_post)
            excerpt = _mark(excerpt, matches, language_of_post)
            results.append(SearchResult(post=post, title=title, excerpt=excerpt))
    return _one_per_translation_group(results, language)


def _one_per_translation_group(results, language):
    """A post and its translations are one story: keep its best-placed match, swapped for the
    translation in the page's language when that matched too."""
    kept, place = [], {}
    for result in results:
        group = result.post.translation_of_id or result.post.pk
        if group not in place:
            place[group] = len(kept)
            kept.append(result)
        elif (
            result.post.content_language == language
            and kept[place[group]].post.content_language != language
        ):
            kept[place[group]] = result
    return kept


def _search_sqlite(terms, language):
    def term_match(term):
        # A word beginning as written, or as written with е for ё, or the word's stem.
        either = [f'{{title body_text}} : "{term}"*', f'stems : "{term}"*']
        if has_stemmer(language):
            either.append(f'stems : "{stem(term, language)}"')
        return "(" + " OR ".join(either) + ")"

    match = " AND ".join(term_match(term) for term in terms)
    sql = (
        "SELECT f.rowid, snippet(blog_post_fts, 1, %s, %s, '…', 32) "
        "FROM blog_post_fts AS f JOIN blog_post AS p ON p.id = f.rowid "
        "WHERE blog_post_fts MATCH %s AND p.status = %s AND p.published_at <= %s "
        "ORDER BY bm25(blog_post_fts, 8.0, 1.0, 1.0) LIMIT %s"
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                sql, [START, STOP, match, Post.Status.PUBLISHED, timezone.now(), MAX_RESULTS]
            )
            return cursor.fetchall()
    except OperationalError:  # an SQLite built without FTS5: see migration 0004
        return _search_plain(terms)


def _search_plain(terms):
    """Every word somewhere in the title or text, newest first: slower, unranked and (SQLite's
    LIKE) case-blind for Latin letters only, for an SQLite without FTS5."""
    matches = Post.objects.public()
    for term in terms:
        matches = matches.filter(Q(title__icontains=term) | Q(body_text__icontains=term))
    rows = matches.order_by("-published_at").values_list("pk", "body_text")[:MAX_RESULTS]
    return [(pk, _plain_excerpt(text, terms)) for pk, text in rows]


def _plain_excerpt(text, terms, width=240):
    lowered = text.lower()
    first = min((i for i in (lowered.find(t) for t in terms) if i >= 0), default=0)
    start = max(0, first - width // 3)
    return ("…" if start else "") + text[start : start + width]


def _search_postgresql(terms, language):
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVectorField,
    )

    # Each word: its stem in the page's language, or any word beginning with it as written.
    query = None
    for term in terms:
        either = SearchQuery(term, config=pg_config(language)) | SearchQuery(
            f"{term}:*", search_type="raw", config="simple"
        )
        query = either if query is None else query & either
    # The column of migration 0011, filled by search_index.py; not a model field.
    document = RawSQL('"blog_post"."search_document"', [], output_field=SearchVectorField())
    # The excerpt is cut from each post's text read in the post's own language.
    own_config = Case(
        *[When(language=code, then=Value(pg_config(code))) for code, _name in settings.LANGUAGES],
        default=Value(pg_config(blog_identity().language)),
    )
    rows = (
        Post.objects.public()
        .annotate(document=document)
        .filter(document=query)
        .annotate(
            rank=SearchRank(document, query),
            headline=SearchHeadline(
                "body_text",
                query,
                config=own_config,
                start_sel=START,
                stop_sel=STOP,
                max_words=40,
                min_words=20,
            ),
        )
        .order_by("-rank", "-published_at")
        .values_list("pk", "headline")[:MAX_RESULTS]
    )
    return list(rows)
