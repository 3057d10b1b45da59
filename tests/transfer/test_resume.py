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

POSTS = 240


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


def _count(db, sql):
    with sqlite3.connect(db, timeout=30) as connection:
        return connection.execute(sql).fetchone()[0]


def test_a_killed_import_resumes_and_each_item_arrives_once(tmp_path, cli_data_dir):
    env = cli_env(cli_data_dir)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    export = tmp_path / "big.xml"
    export.write_bytes(wxr_fixture.build(extra_items=_many_posts()))
    db = cli_data_dir / "grassroots.sqlite3"
    command = [GRASSROOTS, "import", "wordpress", str(export)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    posts_sql = "select count(*) from transfer_importeditem where kind = 'post'"
    while _count(db, posts_sql) < POSTS // 4:
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done_when_killed = _count(db, posts_sql)
    assert done_when_killed < POSTS, "the import ended before it could be killed"

    again = grassroots("import", "wordpress", str(export), env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    total_posts = POSTS + 10  # with the page, kept as a draft post
    assert _count(db, "select count(*) from blog_post") == total_posts
    assert _count(db, "select count(distinct title) from blog_post") == total_posts
    assert _count(db, posts_sql) == POSTS + 9  # the page is kind "page"
    bulk_comments = "select count(*) from comments_comment where body like 'Comment % on post %'"
    assert _count(db, bulk_comments) == 3 * POSTS
    assert _count(db, "select count(distinct body) from comments_comment") == _count(
        db, "select count(*) from comments_comment"
    )
    # Every comment hangs from the right parent: replies are on their own post.
    assert (
        _count(
            db,
            "select count(*) from comments_comment c join comments_comment p on c.parent_id = p.id"
            " where c.post_id != p.post_id",
        )
        == 0
    )
    before = {
        table: _count(db, f"select count(*) from {table}")  # noqa: S608 (our own table names)
        for table in ("blog_post", "comments_comment", "blog_tag", "blog_author",
                      "transfer_importeditem", "transfer_oldaddress")
    }  # fmt: skip
    third = grassroots("import", "wordpress", str(export), env=env, timeout=300)
    assert third.returncode == 0, third.stderr
    after = {table: _count(db, f"select count(*) from {table}") for table in before}  # noqa: S608
    assert after == before
    assert f"unchanged {POSTS + 9}" in third.stdout
