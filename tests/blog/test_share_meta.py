"""What a post looks like when shared: Open Graph, Twitter card and JSON-LD with its cover."""

import json
import re

import pytest

from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db


def test_a_post_with_a_cover_shares_a_large_image_with_absolute_urls(client):
    from grassroots.photos import services
    from tests.photos import corpus

    make_blog()
    cover = services.photo_upload(
        data=corpus.jpeg_bytes(corpus.scene((1000, 667))),
        alt_text="Volunteers at a table in the park",
        caption="Setting up",
    )
    post = make_post(title="With a cover", cover=cover)
    html = client.get(post.get_absolute_url()).content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith("http://127.0.0.1:8000/media/")
    assert '<meta property="og:image:alt" content="Volunteers at a table in the park">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["image"] == image
    assert client.get(image.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_a_post_without_a_cover_shares_a_small_card():
    from django.test import Client

    make_blog()
    post = make_post(title="No cover")
    html = Client().get(post.get_absolute_url()).content.decode()
    assert "og:image" not in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '"image"' not in html


@pytest.mark.parametrize(("language", "locale"), [("", "en_US"), ("ru", "ru_RU"), ("kk", "kk_KZ")])
def test_open_graph_names_the_locale_as_language_and_territory(client, language, locale):
    # Open Graph wants ll_TT; a bare "ru" is ignored by the sites that read it.
    make_blog(language="en")
    post = make_post(title="Locale", language=language)
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'<meta property="og:locale" content="{locale}">' in html
