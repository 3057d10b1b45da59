"""Whatever arrives in the form, the reader gets an answer, never a server error."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.comments.conftest import token_for

NASTY = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\r\nBcc: x@example.org",
            "<script>alert(1)</script>",
            "javascript:alert(1)",
            "a" * 6000,
            "‮evil‬",
            "9" * 40,
            "-1",
            "%00",
            "@",
            "http://",
        ]
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=NASTY, email=NASTY, body=NASTY, website=NASTY, parent=NASTY, notify=NASTY, honey=NASTY)
def test_any_form_input_gets_an_answer_not_an_error(
    client, post, name, email, body, website, parent, notify, honey
):
    url = reverse("comments:post_comments", args=[post.pk])
    data = {
        "name": name,
        "email": email,
        "body": body,
        "website": website,
        "parent": parent,
        "notify_replies": notify,
        "homepage": honey,
        "token": token_for(post),
    }
    response = client.post(url, data)
    assert response.status_code in {302, 400, 403, 429}
