"""With GRASSROOTS_ONION_URL set, Tor Browser learns the onion address of every page."""

import pytest

from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db

ONION = "http://grassrootsexampleexampleexampleexampleexampleexample.onion"


def test_pages_name_their_onion_address_in_a_header_and_a_link(client, settings):
    settings.GRASSROOTS_ONION_URL = ONION
    make_blog()
    post = make_post()
    response = client.get(post.get_absolute_url() + "?page=1")
    expected = ONION + post.get_absolute_url() + "?page=1"
    assert response["Onion-Location"] == expected
    assert f'<link rel="alternate" href="{expected}">' in response.content.decode()


def test_without_an_onion_address_nothing_is_said(client):
    make_blog()
    response = client.get("/")
    assert "Onion-Location" not in response
    assert ".onion" not in response.content.decode()


def test_feeds_and_photos_get_no_onion_header(client, settings):
    settings.GRASSROOTS_ONION_URL = ONION
    make_blog()
    assert "Onion-Location" not in client.get("/feed/")
