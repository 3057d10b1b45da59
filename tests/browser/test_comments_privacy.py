import re

import pytest
from django.core import mail

from grassroots.comments import services
from grassroots.comments.models import Comment
from tests.browser.conftest import screenshot
from tests.comments.conftest import token_for
from tests.factories import make_blog, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_commenter_erases_their_comments_through_the_mailed_link(page, live_server, settings):
    settings.SITE_URL = live_server.url
    make_blog()
    post = make_post(title="A day in the park", slug="a-day-in-the-park")
    for n in range(2):
        services.comment_submit(
            post=post,
            name="Lena",
            email="lena@example.org",
            body=f"mine {n}",
            token=token_for(post),
        )
    page.goto(live_server.url + post.get_absolute_url())
    page.get_by_role("link", name="Export or erase your comments").click()
    page.get_by_label("The email you commented with").fill("lena@example.org")
    page.get_by_label("Erase all my comments").check()
    page.get_by_role("button", name="Mail me the link").click()
    assert "Check your mail" in page.inner_text("h1")
    [message] = mail.outbox
    link = re.search(r"http://\S+", message.body).group(0)
    page.goto(link)
    assert "2 comments" in page.inner_text("main")
    screenshot(page, "comments-erase-confirm")
    page.get_by_role("button", name="Erase all my comments").click()
    assert "2 comments are erased" in page.inner_text("main")
    assert not Comment.objects.exists()
