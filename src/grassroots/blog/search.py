"""Full-text search over public posts behind one selector: SQLite FTS5 on SQLite, PostgreSQL's
full-text search on PostgreSQL. Both use the "simple" rules (no stemming) so Russian, Kazakh
and English behave alike; each word also matches as a prefix ("выбор" finds "выборы")."""

import contextlib
import re
from dataclasses import dataclass

from django.db import OperationalError, connection
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from grassroots.blog.models import Post

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_RESULTS = 50
# Private-use characters mark the highlights: they survive escaping, then become <mark>.
START, STOP = "\ue000", "\ue001"
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SearchResult:
    post: Post
    title: str  # safe HTML with <mark> around matched words
    excerpt: str  # safe HTML with <mark> around matched words


def search_terms(query):
    """The words we search for: letters and digits only, so no query syntax can leak in."""
    words = WORD.findall((query or "")[:MAX_QUERY_CHARS].lower())
    return [word[:50] for word in words if word.strip("_")][:MAX_TERMS]


def _highlight(text):
    return mark_safe(  # noqa: S308 - escaped first; only our own markers become tags
        escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    )


def _mark_title(title, terms):
    """Mark words of the title that start with a search term, as the excerpt does."""
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(term) for term in terms) + r")\w*", re.IGNORECASE
    )
    return _highlight(pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", title))


def post_search(query):
    """Public posts matching every word of `query`, best first, at most MAX_RESULTS."""
    terms = search_terms(query)
    if not terms:
        return []
    search = _search_postgresql if connection.vendor == "postgresql" else _search_sqlite
    rows = search(terms)
    posts = Post.objects.public().in_bulk([post_id for post_id, _excerpt in rows])
    return [
        SearchResult(
            post=posts[post_id],
            title=_mark_title(posts[post_id].title, terms),
            excerpt=_highlight(excerpt),
        )
        for post_id, excerpt in rows
        if post_id in posts
    ]


def _search_sqlite(terms):
    match = " AND ".join('"{}"*'.format(term.replace('"', "")) for term in terms)
    sql = (
        "SELECT f.rowid, snippet(blog_post_fts, 1, %s, %s, '…', 32) "
        "FROM blog_post_fts AS f JOIN blog_post AS p ON p.id = f.rowid "
        "WHERE blog_post_fts MATCH %s AND p.status = %s AND p.published_at <= %s "
        "ORDER BY bm25(blog_post_fts, 8.0, 1.0) LIMIT %s"
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
    """Every word somewhere in the title or text, newest first: slower and unranked, for an
    SQLite without FTS5."""
    matches = Post.objects.public()
    for term in terms:
        matches = matches.filter(Q(title__icontains=term) | Q(body_text__icontains=term))
    rows = matches.order_by("-published_at").values_list("pk", "body_text")[:MAX_RESULTS]
    return [(pk, _plain_excerpt(text, terms)) for pk, text in rows]


def _plain_excerpt(text, terms, width=240):
    lowered = text.lower()
    first = min((i for i in (lowered.find(t) for t in terms) if i >= 0), default=0)
    start = max(0, first - width // 3)
    piece = ("…" if start else "") + text[start : start + width]
    pattern = re.compile("(" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", piece)


def _search_postgresql(terms):
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    query = SearchQuery(
        " & ".join(f"{term}:*" for term in terms), search_type="raw", config="simple"
    )
    vector = SearchVector("title", weight="A", config="simple") + SearchVector(
        "body_text", weight="B", config="simple"
    )
    rows = (
        Post.objects.public()
        .annotate(document=vector)
        .filter(document=query)
        .annotate(
            rank=SearchRank(vector, query),
            headline=SearchHeadline(
                "body_text",
                query,
                config="simple",
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


def index_post(post):
    """Keep the SQLite FTS5 row of a post in step (PostgreSQL reads the table directly)."""
    if connection.vendor != "sqlite":
        return
    with contextlib.suppress(OperationalError), connection.cursor() as cursor:
        cursor.execute("DELETE FROM blog_post_fts WHERE rowid = %s", [post.pk])
        cursor.execute(
            "INSERT INTO blog_post_fts (rowid, title, body_text) VALUES (%s, %s, %s)",
            [post.pk, post.title, post.body_text],
        )


def unindex_post(post_id):
    if connection.vendor != "sqlite":
        return
    with contextlib.suppress(OperationalError), connection.cursor() as cursor:
        cursor.execute("DELETE FROM blog_post_fts WHERE rowid = %s", [post_id])
