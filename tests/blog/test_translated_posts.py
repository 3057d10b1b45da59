"""A post in several languages: each translation is a page of its own, linked to the others
by hreflang alternates (each page lists all versions, itself included, plus an x-default)
and a visible "Read in" switch; the page speaks its own language; per-language homes and
feeds; the sitemap lists the alternates as Google's hreflang rules ask."""

import re
import xml.etree.ElementTree as ET

import pytest

from grassroots.comments import services as comment_services
from grassroots.comments.models import Comment
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
XHTML = "{http://www.w3.org/1999/xhtml}link"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def versions(db):
    make_blog(language="en")
    original = make_post(title="Water rights", slug="water-rights", body="In English.")
    ru = make_post(
        title="Право на воду", slug="pravo-na-vodu", language="ru", translation_of=original
    )
    kk = make_post(title="Суға құқық", slug="suga-quqyq", language="kk", translation_of=original)
    return {"en": original, "ru": ru, "kk": kk}


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_every_version_lists_all_versions_itself_included_and_an_x_default(client, versions):
    expected = {code: SITE + post.get_absolute_url() for code, post in versions.items()}
    expected["x-default"] = expected["en"]
    for post in versions.values():
        response = client.get(post.get_absolute_url())
        assert response.status_code == 200
        assert alternates(response.content.decode()) == expected


def test_the_read_in_switch_links_the_other_languages_by_their_own_names(client, versions):
    html = client.get(versions["ru"].get_absolute_url()).content.decode()
    switch = re.search(r'<nav class="read-in"[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert '<strong lang="ru">Русский</strong>' in switch
    assert f'href="{versions["kk"].get_absolute_url()}" hreflang="kk" lang="kk"' in switch
    assert ">Қазақша</a>" in switch and ">English</a>" in switch
    assert switch.index("English") < switch.index("Русский") < switch.index("Қазақша")


def test_the_page_speaks_the_language_of_the_post(client, versions):
    response = client.get(versions["ru"].get_absolute_url())
    html = response.content.decode()
    assert response["Content-Language"] == "ru"
    assert '<html lang="ru">' in html
    assert "Все записи" in html  # the menu, in Russian on a blog set to English
    assert "Все записи" not in client.get(versions["en"].get_absolute_url()).content.decode()


def test_each_translation_has_its_own_comment_thread(client, versions, blog_open=None):
    from grassroots.blog.models import Blog
    from tests.comments.conftest import token_for

    Blog.objects.update(comment_policy="open")
    comment_services.comment_submit(
        post=versions["ru"],
        name="Лена",
        email="lena@example.org",
        body="Спасибо!",
        token=token_for(versions["ru"]),
    )
    comment_services.comment_approve(comments=Comment.objects.all())
    assert Comment.objects.get().post == versions["ru"]
    assert "Спасибо!" in client.get(versions["ru"].get_absolute_url()).content.decode()
    assert "Спасибо!" not in client.get(versions["en"].get_absolute_url()).content.decode()


def test_a_post_without_translations_has_no_switch_and_no_alternates(client):
    make_blog()
    post = make_post(title="Only English")
    html = client.get(post.get_absolute_url()).content.decode()
    assert 'class="read-in"' not in html and "hreflang" not in html


def test_each_language_has_its_home_and_feeds(client, versions):
    home = client.get("/ru/")
    assert home.status_code == 200 and home["Content-Language"] == "ru"
    html = home.content.decode()
    assert "Право на воду" in html and "Water rights" not in html and "Суға құқық" not in html
    assert 'href="/ru/feed/"' in html
    english = client.get("/en/").content.decode()
    assert "Water rights" in english and "Право на воду" not in english
    rss = client.get("/ru/feed/").content.decode()
    assert rss.count("<item>") == 1 and "Право на воду" in rss
    atom = client.get("/kk/feed/atom/").content.decode()
    assert atom.count("<entry>") == 1 and "Суға құқық" in atom
    assert client.get("/de/").status_code == 404


def test_the_sitemap_lists_every_version_with_reciprocal_alternates(client, versions):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own output
    urls = {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(XHTML)
        }
        for url in root.iter(f"{SITEMAP}url")
    }
    expected = {code: SITE + post.get_absolute_url() for code, post in versions.items()}
    expected["x-default"] = expected["en"]
    for post in versions.values():
        assert urls[SITE + post.get_absolute_url()] == expected
    for link in root.iter(XHTML):
        assert link.get("rel") == "alternate"
        assert re.fullmatch(r"[a-z]{2}|x-default", link.get("hreflang"))


def test_a_translation_must_name_the_original_and_have_its_own_language(versions):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="original post"):
        make_post(title="Copy", language="kk", translation_of=versions["ru"])
    with pytest.raises(ValidationError, match="language of its own"):
        make_post(title="Same", language="en", translation_of=versions["en"])
