"""Follow every link a reader can reach on the demo blog: nothing is broken, every feed parses."""

import re
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from grassroots.demo import identity, posts

pytestmark = pytest.mark.django_db

LINK = re.compile(r'(?:href)="([^"#]*)')
SKIP = ("/admin/", "/static/", "/media/", "/comments/")


def test_every_page_reachable_from_home_answers_and_every_feed_parses(client):
    identity.load()
    posts.load()
    seen, queue, feeds = set(), ["/"], []
    while queue and len(seen) < 200:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if "feed" in url:
            parsed = feedparser.parse(response.content)
            assert not parsed.bozo and parsed.entries, url
            feeds.append(url)
            continue
        if "xml" in response["Content-Type"]:
            continue
        for href in LINK.findall(response.content.decode()):
            target = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc or not parts.path.startswith("/") or parts.path.startswith(SKIP):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert {"/posts/", "/posts/?page=2", "/2024/", "/2025/08/", "/feed/", "/feed/atom/"} <= seen
    assert any(u.startswith("/tags/") and u.endswith("/feed/atom/") for u in feeds)
    assert any(u.startswith("/authors/") and u.endswith("/feed/") for u in feeds)
    assert "/2026/09/28/a-day-in-the-park/" in seen
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) > 15
    for location in locations:
        assert client.get(urlsplit(location).path).status_code == 200, location
        assert urlsplit(location).path in seen, location  # readers can reach it too
