import datetime
import json
import zoneinfo

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from grassroots.accounts.models import AuditEntry
from grassroots.comments import services
from grassroots.comments.models import BlockedTerm, Comment
from tests.comments.conftest import token_for
from tests.factories import make_blog, make_post, make_staff
from tests.studio.helpers import make_pending, make_with_perms

pytestmark = pytest.mark.django_db

QUEUE = "/studio/comments/"
ACT = "/studio/comments/act/"


@pytest.fixture
def post(db):
    make_blog()
    return make_post(slug="a-day-in-the-park", title="A day in the park")


@pytest.fixture
def moderator(client):
    client.force_login(make_staff("Moderator", username="mod"))
    return client


def test_the_queue_shows_waiting_comments_newest_first_with_post_and_reason(moderator, post):
    make_pending(post, 3)
    html = moderator.get(QUEUE).content.decode()
    assert html.index("Comment number 2") < html.index("Comment number 1")
    assert html.index("Comment number 1") < html.index("Comment number 0")
    assert "First comment from this commenter" in html
    assert f'href="{post.get_absolute_url()}"' in html and "A day in the park" in html
    assert "@example.org" not in html


def test_the_queue_escapes_what_commenters_wrote(moderator, post):
    services.comment_submit(
        post=post, name="<b>Eve</b>", email="eve@example.org",
        body="<script>alert(1)</script>", token=token_for(post),
    )  # fmt: skip
    html = moderator.get(QUEUE).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>Eve" not in html


def test_times_are_shown_in_the_blogs_time_zone(moderator, post):
    from grassroots.blog.models import Blog

    Blog.objects.update(time_zone="Europe/London")
    services.comment_import(post=post, name="Old", email="", body="Long ago")
    comment = Comment.objects.get(body="Long ago")
    moment = datetime.datetime(2024, 1, 5, 13, 30, tzinfo=datetime.UTC)
    Comment.objects.filter(pk=comment.pk).update(created_at=moment)
    html = moderator.get(QUEUE + "?status=approved").content.decode()
    london = date_format(moment.astimezone(zoneinfo.ZoneInfo("Europe/London")), "DATETIME_FORMAT")
    with timezone.override("Asia/Almaty"):
        almaty = date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    assert london in html and almaty not in html


def test_one_click_approves_and_the_post_counts_it(moderator, post):
    comment = make_pending(post)[0]
    response = moderator.post(ACT, {"act": f"approve:{comment.pk}", "status": "pending"})
    assert response.status_code == 302 and response["Location"] == QUEUE
    comment.refresh_from_db()
    post.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and post.comment_count == 1
    assert "1 comment approved." in moderator.get(QUEUE).content.decode()


def test_bulk_actions_change_only_the_ticked_comments(moderator, post):
    first, second, third = make_pending(post, 3)
    moderator.post(ACT, {"bulk": "spam", "ids": [first.pk, third.pk], "status": "pending"})
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "spam", second.pk: "pending", third.pk: "spam"}


def test_the_script_gets_a_short_answer_instead_of_a_page(moderator, post):
    comment = make_pending(post)[0]
    response = moderator.post(
        ACT, {"act": f"trash:{comment.pk}"}, headers={"Accept": "application/json"}
    )
    assert json.loads(response.content) == {"message": "1 comment moved to the trash.", "count": 1}


@pytest.mark.parametrize(
    "data",
    [{}, {"bulk": "approve"}, {"act": "explode:1"}, {"act": "approve:x"}, {"ids": ["1; drop"]}],
)
def test_a_broken_action_changes_nothing_and_says_so(moderator, post, data):
    make_pending(post)
    response = moderator.post(ACT, data, follow=True)
    assert response.status_code == 200
    assert Comment.objects.filter(status="pending").count() == 1
    assert "Tick at least one comment" in response.content.decode()


def test_the_tabs_list_other_statuses_and_refuse_unknown_ones(moderator, post):
    first, _second = make_pending(post, 2)
    services.comment_spam(comments=[first])
    html = moderator.get(QUEUE + "?status=spam").content.decode()
    assert "Comment number 0" in html and "Comment number 1" not in html
    assert moderator.get(QUEUE + "?status=everything").status_code == 404


def test_a_reply_as_the_blog_is_published_and_approves_the_comment(moderator, post):
    comment = make_pending(post)[0]
    response = moderator.post(
        f"/studio/comments/{comment.pk}/reply/", {"body": "Thank you for coming!"}
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=comment)
    comment.refresh_from_db()
    assert reply.status == comment.status == Comment.Status.APPROVED
    assert reply.name == "Riverbank notes" and reply.email == ""
    public = moderator.get(post.get_absolute_url()).content.decode()
    assert "Thank you for coming!" in public


def test_an_empty_reply_is_refused_with_a_message(moderator, post):
    comment = make_pending(post)[0]
    response = moderator.post(f"/studio/comments/{comment.pk}/reply/", {"body": " \u200b "})
    assert response.status_code == 200 and "Write a reply first." in response.content.decode()
    assert not Comment.objects.filter(parent=comment).exists()


def test_an_approved_comment_can_be_edited_and_stays_approved(moderator, post):
    comment = make_pending(post)[0]
    services.comment_approve(comments=[comment])
    url = f"/studio/comments/{comment.pk}/"
    moderator.post(url, {"body": "Edited: the park was lovely."})
    comment.refresh_from_db()
    assert comment.body == "Edited: the park was lovely." and comment.status == "approved"
    assert "Edited: the park was lovely." in moderator.get(post.get_absolute_url()).content.decode()


def test_the_email_shows_only_after_asking_for_it(moderator, post):
    comment = make_pending(post)[0]
    url = f"/studio/comments/{comment.pk}/"
    assert "reader0@example.org" not in moderator.get(url).content.decode()
    assert not AuditEntry.objects.filter(action="comment.show_email").exists()
    shown = moderator.post(url + "email/").content.decode()
    assert "reader0@example.org" in shown
    entry = AuditEntry.objects.get(action="comment.show_email")
    assert entry.actor_name == "mod" and entry.target_id == str(comment.pk)
    assert "reader0" not in f"{entry.target_label} {entry.detail}"


def test_every_decision_is_in_the_audit_log_by_number_only(moderator, post):
    first, second = make_pending(post, 2)
    moderator.post(ACT, {"bulk": "approve", "ids": [first.pk, second.pk]})
    moderator.post(f"/studio/comments/{first.pk}/", {"body": "Edited text"})
    moderator.post(f"/studio/comments/{second.pk}/reply/", {"body": "Thanks"})
    moderator.post("/studio/comments/blocklist/", {"kind": "email", "value": "x@spam.example",
                                                   "action": "spam"})  # fmt: skip
    entries = AuditEntry.objects.filter(actor_name="mod").exclude(action="login").order_by("pk")
    actions = [entry.action for entry in entries]
    assert actions == ["comment.approve", "comment.edit", "comment.reply", "blocklist.add"]
    assert sorted(entries[0].target_label.split(", ")) == sorted([f"#{first.pk}", f"#{second.pk}"])
    logged = " ".join(f"{entry.target_label} {entry.detail}" for entry in entries)
    assert "Reader" not in logged and "x@spam.example" not in logged


def test_the_blocklist_adds_and_removes_entries(moderator, post):
    response = moderator.post(
        "/studio/comments/blocklist/",
        {"kind": "network", "value": "203.0.113.7/24", "action": "spam", "note": "flood"},
    )
    assert response.status_code == 302
    term = BlockedTerm.objects.get()
    assert term.value == "203.0.113.0/24" and term.action == "spam"
    moderator.post(f"/studio/comments/blocklist/{term.pk}/remove/")
    assert not BlockedTerm.objects.exists()


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("network", "not-an-address", "Write an IP address"),
        ("email", "someone", "Write an email address"),
        ("word", "   ", "This field is required."),
    ],
)
def test_a_bad_blocklist_entry_keeps_the_form_and_says_why(moderator, post, kind, value, message):
    response = moderator.post(
        "/studio/comments/blocklist/", {"kind": kind, "value": value, "action": "hold"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert not BlockedTerm.objects.exists()


def test_a_blocked_word_then_holds_new_comments(moderator, post):
    moderator.post(
        "/studio/comments/blocklist/", {"kind": "word", "value": "casino", "action": "spam"}
    )
    submitted = services.comment_submit(
        post=post, name="Bot", email="bot@example.org", body="Best CASINO here",
        token=token_for(post),
    )  # fmt: skip
    assert submitted.comment.status == "spam" and submitted.comment.reason == "blocked_word"


# --- who may do what -----------------------------------------------------------------------


def test_a_visitor_is_sent_to_the_login_page(client, post):
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/login" in response["Location"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", QUEUE),
        ("post", ACT),
        ("get", "/studio/comments/{pk}/"),
        ("post", "/studio/comments/{pk}/"),
        ("post", "/studio/comments/{pk}/reply/"),
        ("post", "/studio/comments/{pk}/email/"),
        ("get", "/studio/comments/blocklist/"),
        ("post", "/studio/comments/blocklist/"),
        ("post", "/studio/comments/blocklist/{term}/remove/"),
    ],
)
def test_an_author_cannot_moderate_even_with_crafted_ids(client, post, method, path):
    comment = make_pending(post)[0]
    term = BlockedTerm.objects.create(kind="word", value="casino")
    client.force_login(make_staff("Author", username="author"))
    data = {
        "act": f"approve:{comment.pk}",
        "ids": [comment.pk],
        "bulk": "approve",
        "body": "Changed",
        "kind": "word",
        "value": "x",
        "action": "hold",
    }
    url = path.format(pk=comment.pk, term=term.pk)
    response = getattr(client, method)(url, data) if method == "post" else client.get(url)
    assert response.status_code == 403
    assert "reader0@example.org" not in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == "pending" and comment.body.startswith("Comment number")
    assert list(BlockedTerm.objects.values_list("value", flat=True)) == ["casino"]


def test_a_moderator_without_edit_rights_cannot_change_the_text(client, post):
    comment = make_pending(post)[0]
    client.force_login(make_with_perms("mod", ["comments.moderate_comment"]))
    assert "Edit the text" not in client.get(f"/studio/comments/{comment.pk}/").content.decode()
    response = client.post(f"/studio/comments/{comment.pk}/", {"body": "Changed"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.body != "Changed"


def test_a_missing_comment_is_a_404_not_an_error(moderator, post):
    assert moderator.get("/studio/comments/999999/").status_code == 404
    assert moderator.post("/studio/comments/999999/email/").status_code == 404


# --- query budgets -------------------------------------------------------------------------

# session, user, user's permissions, group permissions, counts, page count, page of comments
# (and whatever the accounts middleware reads per request: see ACCOUNTS below)
QUEUE_QUERIES = 7


@pytest.mark.parametrize("count", [1, 30])
def test_the_queue_costs_the_same_queries_for_one_comment_or_many(
    moderator, post, django_assert_num_queries, count
):
    other = make_post(slug="another", title="Another")
    make_pending(post, count)
    make_pending(other, count, start=100)
    moderator.get(QUEUE)  # the blog identity is cached after the first page
    with django_assert_num_queries(QUEUE_QUERIES):
        assert moderator.get(QUEUE).status_code == 200


def test_one_comment_page_has_a_fixed_number_of_queries(moderator, post, django_assert_num_queries):
    comment = make_pending(post)[0]
    moderator.get(f"/studio/comments/{comment.pk}/")
    with django_assert_num_queries(5):  # session, user, permissions (2), the comment
        assert moderator.get(f"/studio/comments/{comment.pk}/").status_code == 200


@pytest.mark.parametrize("entries", [1, 20])
def test_the_blocklist_page_costs_the_same_queries_for_few_or_many_entries(
    moderator, post, django_assert_num_queries, entries
):
    for n in range(entries):
        services.blocklist_add(kind="word", value=f"word{n}")
    moderator.get("/studio/comments/blocklist/")
    with django_assert_num_queries(5):  # session, user, permissions (2), the entries
        assert moderator.get("/studio/comments/blocklist/").status_code == 200
