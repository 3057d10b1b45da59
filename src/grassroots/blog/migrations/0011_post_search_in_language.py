"""Search each post in its own language (blog/search_index.py).

PostgreSQL: a tsvector column with the post's words stemmed in its language and as written,
behind a GIN index so search stays fast with thousands of posts. Not a model field: SQLite
has no such type, and no query but search reads it.
SQLite: the FTS5 table gains a column of Snowball stems in the post's language, and of its
words with ё written as е (FTS5 does not fold ё)."""

import re

import snowballstemmer
from django.db import OperationalError, migrations

# As in blog/search_index.py when this was written (kept here so the migration never changes).
PG_CONFIG = (
    "CASE COALESCE(NULLIF(language, ''), %s) WHEN 'ru' THEN 'russian' WHEN 'en' THEN 'english'"
    " ELSE 'simple' END::regconfig"
)
# ё is read as е on both sides (search_index.fold).
TITLE, TEXT = "translate(title, 'ёЁ', 'еЕ')", "translate(body_text, 'ёЁ', 'еЕ')"
PG_DOCUMENT = (
    f"setweight(to_tsvector({PG_CONFIG}, {TITLE}), 'A')"
    f" || setweight(to_tsvector({PG_CONFIG}, {TEXT}), 'B')"
    f" || setweight(to_tsvector('simple', {TITLE}), 'A')"
    f" || setweight(to_tsvector('simple', {TEXT}), 'B')"
)
STEMMERS = {"ru": "russian", "en": "english"}
FTS_CREATE = (
    "CREATE VIRTUAL TABLE blog_post_fts USING fts5("
    "title, body_text, stems, tokenize = 'unicode61 remove_diacritics 2')"
)


def _blog_language(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT language FROM blog_blog ORDER BY id LIMIT 1")
        row = cursor.fetchone()
    return row[0] if row else "en"


def forwards(apps, schema_editor):
    language = _blog_language(schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE blog_post ADD COLUMN search_document tsvector")
        schema_editor.execute(
            # noqa: S608 - PG_DOCUMENT is this module's constant SQL; the language is a parameter
            f"UPDATE blog_post SET search_document = {PG_DOCUMENT}",  # noqa: S608
            [language] * 2,
        )
        schema_editor.execute(
            "CREATE INDEX blog_post_search_document ON blog_post USING GIN (search_document)"
        )
    elif schema_editor.connection.vendor == "sqlite":
        _sqlite_fts(apps, schema_editor, language)


def _sqlite_fts(apps, schema_editor, blog_language):
    schema_editor.execute("DROP TABLE IF EXISTS blog_post_fts")
    try:
        schema_editor.execute(FTS_CREATE)
    except OperationalError:  # an SQLite without FTS5: search falls back to a plain match
        return
    Post = apps.get_model("blog", "Post")
    for post in Post.objects.only("title", "body_text", "language").iterator():
        name = STEMMERS.get(post.language or blog_language)
        words = re.findall(r"\w+", f"{post.title}\n{post.body_text}".lower())
        folded = [word.replace("ё", "е") for word in words]
        stems = snowballstemmer.stemmer(name).stemWords(folded) if name else []
        stems += [word for word, was in zip(folded, words, strict=True) if word != was]
        stems = " ".join(stems)
        schema_editor.execute(
            "INSERT INTO blog_post_fts (rowid, title, body_text, stems) VALUES (%s, %s, %s, %s)",
            [post.pk, post.title, post.body_text, stems],
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE blog_post DROP COLUMN search_document")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS blog_post_fts")
        try:
            schema_editor.execute(
                "CREATE VIRTUAL TABLE blog_post_fts USING fts5("
                "title, body_text, tokenize = 'unicode61 remove_diacritics 2')"
            )
        except OperationalError:
            return
        schema_editor.execute(
            "INSERT INTO blog_post_fts (rowid, title, body_text) "
            "SELECT id, title, body_text FROM blog_post"
        )


class Migration(migrations.Migration):
    dependencies = [("blog", "0010_post_translation_of")]

    operations = [migrations.RunPython(forwards, backwards)]
