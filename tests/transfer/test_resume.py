"""An import killed halfway (SIGKILL, no clean-up) and run again ends with every item
exactly once; so does a plain second run."""

import os
import signal
import sqlite3
import subprocess
import time

import pytest

from tests.conftest import GRASSROOTS, cli_env, grassroots
from tests.transfer import wxr_fixture

pytestmark = pytest.mark.slow

POSTS = 120


def _many_posts():
    items = []
    for n in range(POSTS):
        pid = 1000 + n
        comments = "".join(
            wxr_fixture.comment(
                str(5000 + 3 * n + k), f"Reader {k}", f"r{k}@example.org",
                "2020-01-02 10:00:00", f"Comment {k} on post {n}",
                parent=str(5000 + 3 * n) if k else "0",
            )
            for k in range(3)
        )  # fmt: skip
        post = wxr_fixture.item(
            pid, f"Bulk post {n}", name=f"bulk-post-{n}", content=f"Paragraph {n}.\n\nMore.",
            date="2020-01-01 12:00:00", gmt="2020-01-01 06:00:00", comments=comments,
        )  # fmt: skip
        items.append(post)
    return "".join(items)


@pytest.fixture
def database(cli_data_dir, fresh_databases):
    """(DATABASE_URL for the subprocess, count(sql)): a SQLite file in the data dir, or,
    when the suite runs on PostgreSQL, a database made for this test."""
    url = fresh_databases()
    if not url:
        path = cli_data_dir / "grassroots.sqlite3"

        def count(sql):
            with sqlite3.connect(path, timeout=30) as connection:
                return connection.execute(sql).fetchone()[0]

        return url, count
    import psycopg

    def count(sql):
        with psycopg.connect(url) as connection:
            return connection.execute(sql).fetchone()[0]

    return url, count


def test_a_killed_import_resumes_and_each_item_arrives_once(tmp_path, cli_data_dir, database):
    url, count = database
    env = cli_env(cli_data_dir, DATABASE_URL=url)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    export = tmp_path / "big.xml"
    export.write_bytes(wxr_fixture.build(extra_items=_many_posts()))
    command = [GRASSROOTS, "import", "wordpress", str(export)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    posts_sql = "select count(*) from transfer_importeditem where kind = 'post'"
    while count(posts_sql) < POSTS // 4:
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done_when_killed = count(posts_sql)
    assert done_when_killed < POSTS, "the import ended before it could be killed"

    again = grassroots("import", "wordpress", str(export), env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    total_posts = POSTS + 9
    assert count("select count(*) from blog_post") == total_posts
    assert count("select count(distinct title) from blog_post") == total_posts
    assert count(posts_sql) == total_posts
    assert count("select count(*) from blog_page") == 1  # the fixture's page, as a Page
    bulk_comments = "select count(*) from comments_comment where body like 'Comment % on post %'"
    assert count(bulk_comments) == 3 * POSTS
    all_comments = count("select count(*) from comments_comment")
    assert count("select count(distinct body) from comments_comment") == all_comments
    # Every comment hangs from the right parent: replies are on their own post.
    astray = (
        "select count(*) from comments_comment c join comments_comment p on c.parent_id = p.id"
        " where c.post_id != p.post_id"
    )
    assert count(astray) == 0
    before = {
        table: count(f"select count(*) from {table}")  # noqa: S608 (our own table names)
        for table in ("blog_post", "blog_page", "comments_comment", "blog_tag", "blog_author",
                      "transfer_importeditem", "transfer_oldaddress")
    }  # fmt: skip
    third = grassroots("import", "wordpress", str(export), env=env, timeout=300)
    assert third.returncode == 0, third.stderr
    assert third.stderr == ""  # no progress bar when nobody watches a terminal
    after = {table: count(f"select count(*) from {table}") for table in before}  # noqa: S608
    assert after == before
    assert f"unchanged {POSTS + 9}" in third.stdout
