"""Keeping the search index of posts in step with their text, each post in its own language.

PostgreSQL: a `search_document` tsvector column on blog_post (migration 0011, with a GIN index;
not a model field, so SQLite never sees it) holds the words stemmed with the post's language
*and* as written ("simple"), so a query can match a word's stem or its beginning.
SQLite: the FTS5 table blog_post_fts (migrations 0004 and 0011) holds the title, the text
and, in a third column, the text's Snowball stems in the post's language (and its words
with ё written with е).
Signals (blog/signals.py) call these on every save and delete; SQL triggers would be lost
whenever an SQLite migration remakes the table, and could not read the blog's language."""

import contextlib
import functools
import re
import threading

import snowballstemmer
from django.db import OperationalError, connection

from grassroots.blog.models import Post

# PostgreSQL's text search configurations by site language. It has no Kazakh stemmer, so
# Kazakh is indexed as written ("simple") and matched by word beginnings.
PG_CONFIGS = {"ru": "russian", "en": "english"}
# The same choice for SQLite, through the Snowball stemmers PostgreSQL itself uses.
STEMMERS = {"ru": "russian", "en": "english"}

WORD = re.compile(r"\w+", re.UNICODE)
# Russian writers and readers put ё or е as they please ("ещё", "еще"): both sides use е.
# Neither SQLite's tokenizer nor PostgreSQL's folds it.
_YO = str.maketrans("ёЁ", "еЕ")


def fold(text):
    return text.translate(_YO)


PG_SET_DOCUMENT = (
    "UPDATE blog_post SET search_document = "
    "setweight(to_tsvector(%(config)s::regconfig, translate(title, 'ёЁ', 'еЕ')), 'A')"
    " || setweight(to_tsvector(%(config)s::regconfig, translate(body_text, 'ёЁ', 'еЕ')), 'B')"
    " || setweight(to_tsvector('simple', translate(title, 'ёЁ', 'еЕ')), 'A')"
    " || setweight(to_tsvector('simple', translate(body_text, 'ёЁ', 'еЕ')), 'B')"
)


def pg_config(language):
    return PG_CONFIGS.get(language, "simple")


# A Snowball stemmer keeps its word in itself while it works: one per thread.
_local = threading.local()


def _stemmer(language):
    name = STEMMERS.get(language)
    if name is None:
        return None
    cache = _local.__dict__.setdefault("stemmers", {})
    if name not in cache:
        cache[name] = snowballstemmer.stemmer(name)
    return cache[name]


def has_stemmer(language):
    return language in STEMMERS


# Each remembered word costs about 200 bytes in every process that indexes or searches:
# 20,000 (about 4 MB) hold a blog's working vocabulary; 100,000 could reach 20 MB a worker.
@functools.lru_cache(maxsize=20_000)
def stem(word, language):
    """The Snowball stem of one lower-case word, or the word itself for a language without
    a stemmer (Kazakh). Remembered: a text repeats its words, and stemming is pure Python."""
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def stems_text(text, language):
    """The SQLite stems column: every word's stem (Russian, English), then every word written
    with ё as with е, since FTS5's tokenizer folds Latin diacritics but not ё."""
    words = WORD.findall(text.lower())
    stems = [stem(fold(word), language) for word in words] if has_stemmer(language) else []
    return " ".join(stems + [fold(word) for word in words if "ё" in word])


def index_post(post, *, language=None):
    language = language or post.content_language
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                PG_SET_DOCUMENT + " WHERE id = %(id)s",
                {"config": pg_config(language), "id": post.pk},
            )
        return
    if connection.vendor != "sqlite":
        return
    stems = stems_text(f"{post.title}\n{post.body_text}", language)
    with contextlib.suppress(OperationalError), connection.cursor() as cursor:
        cursor.execute("DELETE FROM blog_post_fts WHERE rowid = %s", [post.pk])
        cursor.execute(
            "INSERT INTO blog_post_fts (rowid, title, body_text, stems) VALUES (%s, %s, %s, %s)",
            [post.pk, post.title, post.body_text, stems],
        )


def unindex_post(post_id):
    """PostgreSQL's column goes with its row; SQLite's FTS table is separate."""
    if connection.vendor != "sqlite":
        return
    with contextlib.suppress(OperationalError), connection.cursor() as cursor:
        cursor.execute("DELETE FROM blog_post_fts WHERE rowid = %s", [post_id])


def reindex_blog_language(language):
    """The blog's language changed: posts with no language of their own are now read in it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                PG_SET_DOCUMENT + " WHERE language = ''",
                {"config": pg_config(language)},
            )
        return
    for post in Post.objects.filter(language="").only("title", "body_text", "language"):
        index_post(post, language=language)
