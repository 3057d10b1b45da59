"""SQLite only: an FTS5 index of post titles and plain-text bodies. The blog's signals keep it
in step with every save and delete (triggers would be lost when SQLite migrations remake the
table). PostgreSQL searches with its own full-text functions and needs no extra table."""

from django.db import OperationalError, migrations

FTS_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS blog_post_fts USING fts5("
    "title, body_text, tokenize = 'unicode61 remove_diacritics 2')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    try:
        schema_editor.execute(FTS_CREATE)
    except OperationalError:
        # An SQLite built without FTS5 (rare): search falls back to a plain, unranked match.
        return
    schema_editor.execute(
        "INSERT INTO blog_post_fts (rowid, title, body_text) SELECT id, title, body_text FROM blog_post"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS blog_post_fts")


class Migration(migrations.Migration):
    dependencies = [("blog", "0003_post_slug_unique_history")]

    operations = [migrations.RunPython(create, drop)]
