"""Migration 0011 indexes the posts already there, each in its language, on both databases."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("blog", "0010_post_translation_of")]
AFTER = [("blog", "0011_post_search_in_language")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_posts_written_before_the_migration_are_found_by_stem_after_it(client):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    apps = migrate(BEFORE)
    try:
        apps.get_model("blog", "Blog").objects.create(
            organisation_name="Org", title="Notes", language="ru", time_zone="Asia/Almaty"
        )
        Post = apps.get_model("blog", "Post")
        common = {"status": "published", "published_at": "2026-01-05T10:00:00+05:00"}
        Post.objects.create(
            title="Отчёт", slug="otchet", body_text="Встреча о правами защищённых.", **common
        )
        Post.objects.create(
            title="Report", slug="report", language="en", body_text="Families met.", **common
        )
        migrate(AFTER)
        russian = client.get("/search/", {"q": "правах защищенных"}).content.decode()
        english = client.get("/en/search/", {"q": "family"}).content.decode()
    finally:
        migrate(latest)
    assert "/otchet/" in russian and "<mark>правами</mark> <mark>защищённых</mark>" in russian
    assert "/report/" in english
