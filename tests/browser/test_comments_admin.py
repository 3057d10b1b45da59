import pytest
from django.contrib.auth import get_user_model

from grassroots.comments import services
from grassroots.comments.models import Comment
from tests.browser.conftest import screenshot
from tests.comments.conftest import token_for
from tests.factories import make_blog, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long and unguessable test password"


def test_a_moderator_approves_held_comments_in_bulk_without_javascript(page, live_server):
    make_blog()
    post = make_post(title="A day in the park", slug="a-day-in-the-park")
    for n in range(3):
        services.comment_submit(
            post=post,
            name=f"Reader {n}",
            email=f"reader{n}@example.org",
            body=f"<b>Held</b> comment {n}",
            token=token_for(post),
        )
    get_user_model().objects.create_superuser("moderator", "", PASSWORD)
    page.goto(live_server.url + "/admin/login/?next=/admin/comments/comment/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/admin/comments/comment/?status__exact=pending")
    assert "First comment from this commenter" in page.content()
    assert "reader0@example.org" not in page.content()
    screenshot(page, "comments-admin-queue")
    for n in (0, 2):
        page.locator("tr", has_text=f"Held</b> comment {n}").locator(
            "input[name=_selected_action]"
        ).check()
    page.locator("select[name=action]").select_option("approve")
    page.get_by_role("button", name="Go").click()
    assert "2 comments approved" in page.content()
    statuses = dict(Comment.objects.values_list("name", "status"))
    assert statuses == {"Reader 0": "approved", "Reader 1": "pending", "Reader 2": "approved"}
