"""What assistive technology needs from the forms readers fill in: every error and help text
that a field's aria-describedby names exists, and choices are grouped under a legend."""

import re

import pytest

from tests.comments.conftest import form_data

pytestmark = pytest.mark.django_db


def described_ids_all_exist(html):
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    described = [i for ref in re.findall(r'aria-describedby="([^"]+)"', html) for i in ref.split()]
    assert described, "no field is described at all"
    return [i for i in described if i not in ids]


def test_comment_form_errors_are_tied_to_their_fields(client, post):
    data = form_data(post, email="not an address", body="")
    html = client.post(f"/comments/post/{post.pk}/", data).content.decode()
    assert 'id="id_email_error"' in html and 'id="id_body_error"' in html
    assert described_ids_all_exist(html) == []


def test_privacy_form_errors_are_tied_to_their_fields_and_the_choice_has_a_legend(client, blog):
    html = client.post("/comments/privacy/", {"email": "nope", "action": ""}).content.decode()
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>What should we do\?</legend>", html)
    assert 'id="id_email_error"' in html
    assert described_ids_all_exist(html) == []
