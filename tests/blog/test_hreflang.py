"""hreflang output checked against Google's rules for every set the site publishes: the
homes (/, /en/, /ru/, /kk/), a translated page, a translated post, in the pages' <head> and
in the sitemap. Each set must be reciprocal (every member lists every other), include
itself, use valid BCP 47 codes, name exactly one x-default, and give absolute addresses on
SITE_URL that answer 200."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from grassroots.blog import pages
from grassroots.blog.models import Page
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db

XHTML = "{http://www.w3.org/1999/xhtml}link"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# BCP 47 as hreflang uses it: a language, optionally a script and a region; or x-default.
BCP47 = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?|x-default")


def head_alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def check_set(client, sets):
    """`sets`: address -> {hreflang: address} as published for it. Google's rules, in turn."""
    site = settings.SITE_URL.rstrip("/")
    members = set().union(*(set(links.values()) for links in sets.values()))
    assert members == set(sets), "every address in the set publishes the set"
    for url, links in sets.items():
        assert links == next(iter(sets.values())), f"{url}: not reciprocal"
        assert url in links.values(), f"{url}: does not list itself"
        assert list(links).count("x-default") == 1
        for code, href in links.items():
            assert BCP47.fullmatch(code), code
            assert href.startswith(site + "/"), href
            assert client.get(href.removeprefix(site)).status_code == 200, href
    codes = [code for code in next(iter(sets.values())) if code != "x-default"]
    assert len(codes) == len(set(codes)), "one address per language"


def sitemap_alternates(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own output
    return {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(XHTML)
        }
        for url in root.iter(f"{SITEMAP}url")
    }


@pytest.fixture
def site(db):
    make_blog(language="en")
    original = make_post(title="Water rights", slug="water-rights")
    make_post(title="Право на воду", slug="pravo", language="ru", translation_of=original)
    about = pages.page_create(title="About us", body="We.", status=Page.Status.PUBLISHED)
    pages.page_create(
        title="О нас", slug="o-nas", body="Мы.", language="ru", translation_of=about,
        status=Page.Status.PUBLISHED,
    )  # fmt: skip
    pages.page_create(title="Біз туралы", slug="biz", language="kk", translation_of=about)
    return {"post": original, "page": about}


def test_the_homes_link_each_other_and_name_all_languages_as_x_default(client, site):
    homes = ["/", "/en/", "/ru/"]  # nothing public in Kazakh: /kk/ would be an empty page
    site_url = settings.SITE_URL.rstrip("/")
    sets = {site_url + home: head_alternates(client.get(home).content.decode()) for home in homes}
    check_set(client, sets)
    assert sets[site_url + "/"]["x-default"] == site_url + "/"
    assert sets[site_url + "/"]["ru"] == site_url + "/ru/"


def test_the_sitemap_gives_the_homes_the_same_set_as_their_pages(client, site):
    site_url = settings.SITE_URL.rstrip("/")
    listed = sitemap_alternates(client)
    homes = {url: listed[url] for url in (site_url + h for h in ["/", "/en/", "/ru/"])}
    check_set(client, homes)
    assert homes[site_url + "/"] == head_alternates(client.get("/").content.decode())


def test_a_translated_page_and_post_publish_valid_sets_in_head_and_sitemap(client, site):
    site_url = settings.SITE_URL.rstrip("/")
    listed = sitemap_alternates(client)
    for item in (site["page"], site["post"]):
        group = [item, *item.translations.all()]
        public = [one for one in group if one.is_public]  # the kk page is still a draft
        urls = [site_url + one.get_absolute_url() for one in public]
        heads = {url: head_alternates(client.get(url.removeprefix(site_url)).content.decode())
                 for url in urls}  # fmt: skip
        check_set(client, heads)
        check_set(client, {url: listed[url] for url in urls})
        assert heads == {url: listed[url] for url in urls}


def test_a_translated_page_speaks_its_language_and_switches_between_versions(client, site):
    response = client.get("/o-nas/")
    html = response.content.decode()
    assert response["Content-Language"] == "ru" and '<html lang="ru">' in html
    assert '<a href="/about-us/" hreflang="en" lang="en" rel="alternate">English</a>' in html
    assert "Қазақша" not in html  # a draft translation is not offered to readers


def test_a_language_joins_the_homes_set_when_its_first_post_is_public(client, site):
    assert "/kk/" not in client.get("/").content.decode()
    make_post(title="Су", slug="su", language="kk")
    html = client.get("/").content.decode()
    assert head_alternates(html)["kk"].endswith("/kk/")
    assert '<a href="/kk/" hreflang="kk" lang="kk">Қазақша</a>' in html


def test_a_blog_in_one_language_has_no_home_alternates(client):
    make_blog(language="en")
    make_post(title="Only English")
    html = client.get("/").content.decode()
    assert head_alternates(html) == {} and 'class="read-in"' not in html
    assert "xhtml:link" not in client.get("/sitemap.xml").content.decode()


def test_each_language_feed_declares_its_language(client, site):
    assert "<language>ru</language>" in client.get("/ru/feed/").content.decode()
    assert 'xml:lang="en"' in client.get("/en/feed/atom/").content.decode()
    assert 'xml:lang="ru"' in client.get("/ru/feed/atom/").content.decode()
