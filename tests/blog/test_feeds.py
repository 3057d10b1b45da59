import datetime
import xml.etree.ElementTree as ET
import zoneinfo

import feedparser
import pytest

from grassroots.blog import services
from tests.factories import make_author, make_blog, make_post

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


@pytest.fixture
def site():
    make_blog(title="Riverbank notes")
    author = make_author(display_name="Dana Omarova", slug="dana")
    tag = services.tag_get_or_create(name="Legal aid")
    post = make_post(
        title="Court & clinic <update>",
        body="Full **body** with a [link](https://example.org/).\n\n> Quote\n>\n> — Someone",
        authors=[author],
        tags=[tag],
        published_at=datetime.datetime(2024, 5, 1, 10, tzinfo=ALMATY),
    )
    make_post(title="Other news", published_at=datetime.datetime(2024, 4, 1, 10, tzinfo=ALMATY))
    return post


@pytest.mark.parametrize(
    "url",
    [
        "/feed/",
        "/feed/atom/",
        "/tags/legal-aid/feed/",
        "/tags/legal-aid/feed/atom/",
        "/authors/dana/feed/",
        "/authors/dana/feed/atom/",
    ],
)
def test_every_feed_is_valid_xml_and_parses_cleanly_with_full_content(client, site, url):
    response = client.get(url)
    assert response.status_code == 200
    ET.fromstring(response.content)  # noqa: S314 - our own output: is it well-formed?
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    entry = next(e for e in feed.entries if e.title == "Court & clinic <update>")
    content = entry.content[0].value if "content" in entry else entry.description
    assert "<strong>body</strong>" in content and "<figcaption>— Someone</figcaption>" in content
    assert entry.link.endswith("/2024/05/01/court-clinic-update/")
    assert entry.published_parsed[:4] == (2024, 5, 1, 5)  # 10:00 in Almaty is 05:00 UTC
    assert entry.author == "Dana Omarova"
    assert [t.term for t in entry.tags] == ["Legal aid"]


def test_tag_and_author_feeds_hold_only_their_posts(client, site):
    titles = [
        e.title for e in feedparser.parse(client.get("/tags/legal-aid/feed/").content).entries
    ]
    assert titles == ["Court & clinic <update>"]
    assert client.get("/tags/unknown/feed/").status_code == 404
    assert client.get("/authors/unknown/feed/atom/").status_code == 404


def test_the_sitemap_lists_public_posts_tags_authors_and_listings_only(client, site):
    draft = make_post(title="Hidden draft", status="draft")
    xml = client.get("/sitemap.xml").content.decode()
    ET.fromstring(xml)  # noqa: S314 - our own output
    assert site.get_absolute_url() in xml
    assert "/tags/legal-aid/" in xml and "/authors/dana/" in xml and "/posts/" in xml
    assert draft.slug not in xml
    # The archives by year and month, each once, only where something was published.
    assert xml.count("/2024/</loc>") == 1
    assert "/2024/05/</loc>" in xml and "/2024/04/</loc>" in xml
    assert "/2024/06/</loc>" not in xml


def test_robots_txt_points_to_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in body
    assert "Disallow: /admin/" in body


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_site_relative_addresses_in_feed_content_become_absolute(client, url):
    make_blog()
    make_post(
        title="Links",
        body=(
            "See [all posts](/posts/) and [elsewhere](https://example.org/x).\n\n"
            '<img src="/media/a.jpg" srcset="/media/a-480.jpg 480w, /media/a-960.jpg 960w" alt="A">'
        ),
    )
    raw = client.get(url).content.decode()
    entry = feedparser.parse(raw).entries[0]
    content = entry.content[0].value if "content" in entry else entry.description
    assert 'href="http://127.0.0.1:8000/posts/"' in content
    assert 'href="https://example.org/x"' in content
    assert 'src="http://127.0.0.1:8000/media/a.jpg"' in content
    # feedparser drops srcset, so look at what we sent
    srcset = "http://127.0.0.1:8000/media/a-480.jpg 480w, http://127.0.0.1:8000/media/a-960.jpg"
    assert srcset in raw


def test_feeds_and_the_sitemap_use_the_sites_public_address_like_canonical_links(
    client, site, settings
):
    # Behind a proxy the request may say http://10.0.0.5:8000; readers and search engines
    # must get the public address, the same one the pages' canonical links use.
    settings.SITE_URL = "https://blog.example.org/"
    permalink = "https://blog.example.org" + site.get_absolute_url()
    for url in ("/feed/", "/feed/atom/", "/tags/legal-aid/feed/atom/"):
        parsed = feedparser.parse(client.get(url).content)
        assert parsed.feed.link.startswith("https://blog.example.org/"), url
        assert permalink in [entry.link for entry in parsed.entries], url
    atom = client.get("/feed/atom/").content.decode()
    assert 'href="https://blog.example.org/feed/atom/" rel="self"' in atom
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own output
    locations = [
        loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert permalink in locations
    assert all(loc.startswith("https://blog.example.org/") for loc in locations)
