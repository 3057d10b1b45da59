"""grassroots backup while `grassroots run` takes comments, restore into a fresh data dir:
the same pages and photos, a consistent database; damaged archives refused, nothing written.
On SQLite, and on PostgreSQL when the suite runs on it."""

import hashlib
import re
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest

from tests.conftest import cli_env, grassroots, serving
from tests.transfer.helpers import TOKENS

pytestmark = pytest.mark.slow

TOKENS_FOR_POST = """
from grassroots.blog.models import Post
from grassroots.comments import guard
post = Post.objects.public().get(slug="a-day-in-the-park")
print(post.pk)
for n in range(400):
    print(guard.issue_token(post.pk))
"""
COMMENT_IDS = """
from grassroots.comments.models import Comment
print(" ".join(str(pk) for pk in Comment.objects.filter(
    body__startswith="Posted during the backup").order_by("pk").values_list("pk", flat=True)))
"""
LINK = re.compile(r'(?:href|src)="([^"#]*)')
PAGE = """
from grassroots.blog.pages import page_create
page_create(title="Біз туралы", body="Біз — еріктілер желісі.", slug="biz-turaly",
            status="published")
"""


def fetch(url):
    # One Host for both servers: the comments feed builds its links from the request's host.
    request = urllib.request.Request(url, headers={"Host": "127.0.0.1:8000"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def site_pages(base):
    """Every public page and file a reader reaches from home and the sitemap: {path: bytes}."""
    pages, queue = {}, ["/", "/sitemap.xml", "/feed/", "/feed/atom/", "/comments/feed/"]
    sitemap = fetch(base + "/sitemap.xml").decode()
    queue += [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    while queue:
        path = queue.pop()
        if path in pages:
            continue
        body = fetch(base + path)
        pages[path] = TOKENS.sub(r"\1…\2", body.decode()).encode() if b"<html" in body else body
        if b"<html" not in body:
            continue
        for href in LINK.findall(body.decode()):
            parts = urlsplit(urljoin(path, href.replace("&amp;", "&")))
            if parts.netloc or parts.path.startswith(("/admin/", "/comments/", "/search/")):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def media_files(data_dir):
    root = Path(data_dir) / "media"
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


class CommentLoop(threading.Thread):
    """Posts comments one after another until stopped, as readers would."""

    def __init__(self, base, post_id, tokens):
        super().__init__(daemon=True)
        self.base, self.post_id, self.tokens = base, post_id, tokens
        self.stop, self.accepted, self.failures = threading.Event(), 0, []

    def run(self):
        for n, token in enumerate(self.tokens):
            if self.stop.is_set():
                return
            form = {
                "name": f"Reader {n}",
                "email": f"backup-reader-{n}@example.org",
                "body": f"Posted during the backup, number {n}",
                "token": token,
            }
            request = urllib.request.Request(
                f"{self.base}/comments/post/{self.post_id}/",
                data=urlencode(form).encode(),
                headers={"Origin": self.base},
            )
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                self.accepted += 1  # urlopen follows the 302 to the post page
            except OSError as error:
                self.failures.append(repr(error))


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_backup_while_comments_arrive_restores_the_same_pages_and_photos(
    engine, tmp_path, fresh_databases
):
    database = fresh_databases()
    if engine == "postgresql" and not database:
        pytest.skip("the suite runs on SQLite (DATABASE_URL is not PostgreSQL)")
    if engine == "sqlite" and database:
        database = ""
    source_dir, restored_dir = tmp_path / "source", tmp_path / "restored"
    source_dir.mkdir()
    restored_dir.mkdir()
    settings = {"GRASSROOTS_COMMENT_MIN_SECONDS": "0", "GRASSROOTS_COMMENT_RATE_NETWORK": "0"}
    source = cli_env(source_dir, DATABASE_URL=database, **settings)
    archive = tmp_path / "site.tar"
    with serving(source) as (base, output):
        assert grassroots("shell", "--no-imports", "-c", PAGE, env=source).returncode == 0
        issued = grassroots("shell", "--no-imports", "-c", TOKENS_FOR_POST, env=source)
        post_id, *tokens = issued.stdout.split()
        loop = CommentLoop(base, post_id, tokens)
        loop.start()
        while loop.accepted < 5 and loop.is_alive():
            time.sleep(0.05)
        during = grassroots("backup", str(archive), env=source, timeout=300)
        after_backup = loop.accepted
        while loop.accepted < after_backup + 5 and loop.is_alive():
            time.sleep(0.05)
        loop.stop.set()
        loop.join(60)
        assert during.returncode == 0, during.stderr
        assert not loop.failures, loop.failures[:3]
        pages = site_pages(base)
        posted = grassroots("shell", "--no-imports", "-c", COMMENT_IDS, env=source)
    assert "Traceback" not in output()
    # Every kind of public page is compared: posts, pages, feeds, the sitemap, photo files.
    for path in ("/biz-turaly/", "/feed/", "/feed/atom/", "/sitemap.xml", "/comments/feed/"):
        assert path in pages, path
    assert any(path.startswith("/media/photos/") for path in pages)
    posted_ids = posted.stdout.split()
    assert len(posted_ids) == loop.accepted

    restored = cli_env(restored_dir, DATABASE_URL=fresh_databases() if database else "")
    result = grassroots("restore", str(archive), env=restored, timeout=300)
    assert result.returncode == 0, result.stderr
    kept = grassroots("shell", "--no-imports", "-c", COMMENT_IDS, env=restored).stdout.split()
    # A consistent copy: the comments up to one moment, each whole, none after a gap.
    assert 5 <= len(kept) < len(posted_ids)
    assert kept == posted_ids[: len(kept)]
    assert media_files(restored_dir) == media_files(source_dir)
    assert (restored_dir / "secret_key").read_text() == (source_dir / "secret_key").read_text()
    with serving(restored, demo=False) as (restored_base, _output):
        assert site_pages(restored_base) == pages
