import time
from datetime import timedelta

import pytest
from django.utils import timezone

from grassroots.blog.models import Blog, Post
from grassroots.comments import guard, services
from grassroots.comments.models import BlockedTerm, Comment
from tests.comments.conftest import token_for
from tests.factories import make_post


def submit(post, **fields):
    values = {
        "post": post,
        "name": "Lena",
        "email": "lena@example.org",
        "body": "This makes me so happy to hear.",
        "token": token_for(post),
        "ip": guard.client_ip_from("203.0.113.9"),
    } | fields
    return services.comment_submit(**values).comment


def set_policy(blog, policy):
    blog.comment_policy = policy
    blog.save()


def test_a_first_time_commenter_is_held_and_a_known_one_goes_straight_through(post):
    first = submit(post)
    assert (first.status, first.reason) == ("pending", "first_time")
    services.comment_approve(comments=[first])
    # Returning: this browser holds their own approved comment (the signed cookie).
    second = submit(post, body="And a second thought.", own_comments=[first.pk])
    assert second.status == "approved"
    post.refresh_from_db()
    assert post.comment_count == 2


def test_typing_a_regulars_email_does_not_skip_moderation(post):
    # A stranger who knows a regular's address must not learn that it commented here, nor
    # publish in their name without a moderator (issue 12, item 2b).
    first = submit(post)
    services.comment_approve(comments=[first])
    stranger = submit(post, body="Pretending to be Lena.", ip=guard.client_ip_from("192.0.2.7"))
    assert (stranger.status, stranger.reason) == ("pending", "first_time")
    other = submit(post, email="marat@example.org", body="Not mine.")
    services.comment_approve(comments=[other])
    # A browser's own approved comment proves only its own address.
    borrowed = submit(post, body="Borrowed proof.", own_comments=[other.pk])
    assert borrowed.status == "pending"


def test_an_open_blog_publishes_at_once_and_a_hold_all_blog_holds_everyone(blog, post):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    assert submit(post).status == "approved"
    set_policy(blog, Blog.CommentPolicy.HOLD_ALL)
    held = submit(post, body="Another one.")
    assert (held.status, held.reason) == ("pending", "policy")


def test_the_honeypot_marks_spam(post):
    comment = submit(post, honeypot="http://spam.example")
    assert (comment.status, comment.reason) == ("spam", "honeypot")


def test_a_form_sent_too_fast_is_held(blog, post):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    comment = submit(post, token=token_for(post, ago=0))
    assert (comment.status, comment.reason) == ("pending", "too_fast")


def test_a_form_too_old_or_forged_or_for_another_post_is_refused(post):
    other = make_post(title="Other", slug="other")
    for token in [token_for(post, ago=49 * 3600), "forged", token_for(other), ""]:
        with pytest.raises(guard.Refused):
            submit(post, token=token)
    assert not Comment.objects.exists()


def test_a_replayed_form_is_refused(post):
    token = token_for(post)
    submit(post, token=token)
    with pytest.raises(guard.Refused):
        submit(post, token=token, body="A different text with the same form.")
    assert Comment.objects.count() == 1


def test_readers_who_got_one_cached_form_each_get_through_once(post):
    token = token_for(post)
    submit(post, token=token, email="one@example.org", body="first reader")
    submit(post, token=token, email="two@example.org", body="second reader")
    with pytest.raises(guard.Refused):
        submit(post, token=token, email="ONE@example.org", body="first reader again")
    assert Comment.objects.count() == 2


def test_too_many_links_hold_the_comment(blog, post):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    comment = submit(post, body="https://a.example https://b.example www.c.example")
    assert (comment.status, comment.reason) == ("pending", "links")


@pytest.mark.parametrize(
    ("kind", "value", "fields", "reason"),
    [
        ("word", "HATEWORD", {"body": "you are a hateword person"}, "blocked_word"),
        ("name", "troll", {"name": "Troll"}, "blocked_name"),
        ("email", "@bad.example", {"email": "x@bad.example"}, "blocked_email"),
        ("network", "203.0.113.0/24", {}, "blocked_network"),
    ],
)
@pytest.mark.parametrize("action", ["hold", "spam"])
def test_blocklists_hold_or_mark_spam_and_record_the_rule(
    blog, post, kind, value, fields, reason, action
):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    term = BlockedTerm.objects.create(kind=kind, value=value, action=action)
    comment = submit(post, **fields)
    assert comment.status == ("pending" if action == "hold" else "spam")
    assert comment.reason == reason
    assert comment.reason_detail == f"blocklist #{term.pk}"


def test_a_duplicate_comment_is_refused(post):
    submit(post)
    with pytest.raises(guard.Refused):
        submit(post, body="  this makes me SO happy to hear. ")
    assert Comment.objects.count() == 1


def test_rate_limits_refuse_floods_per_network_and_per_email(post, settings):
    settings.GRASSROOTS_COMMENT_RATE_NETWORK = 3
    for n in range(3):
        submit(post, email=f"p{n}@example.org", body=f"comment {n}")
    with pytest.raises(guard.Refused) as refused:
        submit(post, email="p9@example.org", body="one more")
    assert refused.value.status == 429
    settings.GRASSROOTS_COMMENT_RATE_NETWORK = 100
    settings.GRASSROOTS_COMMENT_RATE_EMAIL = 1
    submit(post, email="e@example.org", body="first", ip=guard.client_ip_from("198.51.100.1"))
    with pytest.raises(guard.Refused):
        submit(post, email="E@example.org", body="second", ip=guard.client_ip_from("192.0.2.1"))


def test_comments_on_closed_posts_are_refused(blog, post):
    Post.objects.filter(pk=post.pk).update(comments_open=False)
    post.refresh_from_db()
    with pytest.raises(guard.Refused):
        submit(post)
    blog.comments_close_after_days = 3
    blog.save()
    old = make_post(title="Old", slug="old", published_at=timezone.now() - timedelta(days=4))
    with pytest.raises(guard.Refused):
        submit(old)


def test_a_reply_to_a_comment_on_another_post_is_refused(blog, post):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    other = make_post(title="Other", slug="other")
    elsewhere = submit(other)
    with pytest.raises(guard.Refused):
        submit(post, parent=elsewhere, body="reply")


def test_replies_nest_no_deeper_than_the_setting(blog, post, settings):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    settings.GRASSROOTS_COMMENT_MAX_DEPTH = 3
    top = submit(post, body="top")
    one = submit(post, parent=top, body="one", email="b@example.org")
    two = submit(post, parent=one, body="two", email="c@example.org")
    three = submit(post, parent=two, body="three", email="d@example.org")
    assert [top.depth, one.depth, two.depth] == [0, 1, 2]
    assert (three.parent_id, three.depth) == (one.pk, 2)


def test_no_raw_ip_is_stored(blog, post):
    comment = submit(post, ip=guard.client_ip_from("203.0.113.77"))
    stored = " ".join(
        str(v) for v in Comment.objects.filter(pk=comment.pk).values().first().values()
    )
    assert "203.0.113" not in stored
    assert comment.network == guard.network_key(guard.client_ip_from("203.0.113.1"))
    later = guard.network_key(
        guard.client_ip_from("203.0.113.1"), period=guard.rotation_period() + 1
    )
    assert later != comment.network


def test_moderation_keeps_the_count_of_approved_comments(post):
    comments = [submit(post, email=f"m{n}@example.org", body=f"text {n}") for n in range(3)]
    assert services.comment_approve(comments=comments) == 3
    services.comment_spam(comments=comments[:1])
    services.comment_trash(comments=[comments[1].pk])
    post.refresh_from_db()
    assert post.comment_count == 1
    assert Comment.objects.get(pk=comments[0].pk).status == "spam"


def test_export_and_erasure_cover_all_comments_of_one_email(blog, post):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    submit(post, body="mine one")
    mine = submit(post, body="mine two")
    other = submit(post, email="other@example.org", body="reply", parent=mine)
    rows = services.comment_export(email="LENA@example.org")
    assert [r["comment"] for r in rows] == ["mine one", "mine two"]
    assert services.comment_erase(email="lena@example.org") == 2
    other.refresh_from_db()
    assert other.parent_id is None
    post.refresh_from_db()
    assert post.comment_count == 1


def test_emails_of_commenters_who_did_not_subscribe_expire(blog, post):
    kept = submit(post, notify_replies=True, body="keep me posted")
    services.subscription_confirm(comment=kept)
    dropped = submit(post, email="x@example.org", body="just once")
    later = timezone.now() + timedelta(days=blog.commenter_email_retention_days + 1)
    assert services.comment_emails_expire(now=later) == 1
    dropped.refresh_from_db()
    kept.refresh_from_db()
    assert (dropped.email, kept.email) == ("", "lena@example.org")


def test_own_edit_is_allowed_only_with_the_secret_and_within_the_window(post):
    result = services.comment_submit(
        post=post, name="A", email="a@example.org", body="typo", token=token_for(post)
    )
    comment = result.comment
    assert services.can_edit(comment, result.edit_secret)
    assert not services.can_edit(comment, "guess")
    later = timezone.now() + timedelta(minutes=16)
    assert not services.can_edit(comment, result.edit_secret, now=later)
    services.comment_edit_own(comment=comment, body="fixed")
    comment.refresh_from_db()
    assert comment.body == "fixed" and comment.edited_at


def test_tokens_are_bound_to_time(post):
    issued, nonce = guard.read_token(guard.issue_token(post.pk), post.pk)
    assert abs(issued - time.time()) < 5 and nonce


def test_an_approved_comment_edited_on_a_hold_all_blog_waits_again(blog, post):
    set_policy(blog, Blog.CommentPolicy.HOLD_ALL)
    comment = submit(post)
    services.comment_approve(comments=[comment])
    comment.refresh_from_db()
    services.comment_edit_own(comment=comment, body="Now something else entirely")
    comment.refresh_from_db()
    assert (comment.status, comment.reason) == ("pending", "edited")
    post.refresh_from_db()
    assert post.comment_count == 0


def test_an_edit_that_adds_a_blocked_word_is_caught(blog, post):
    set_policy(blog, Blog.CommentPolicy.OPEN)
    BlockedTerm.objects.create(kind="word", value="slur", action="spam")
    comment = submit(post)
    services.comment_edit_own(comment=comment, body="now with a slur")
    comment.refresh_from_db()
    assert (comment.status, comment.reason) == ("spam", "blocked_word")


def test_networks_are_grouped_and_ipv4_behind_ipv6_is_seen_as_ipv4():
    key = guard.network_key
    assert key(guard.client_ip_from("203.0.113.9")) == key(guard.client_ip_from("203.0.113.200"))
    assert key(guard.client_ip_from("203.0.113.9")) != key(guard.client_ip_from("203.0.114.9"))
    assert key(guard.client_ip_from("::ffff:203.0.113.9")) == key(
        guard.client_ip_from("203.0.113.1")
    )
    assert key(guard.client_ip_from("2001:db8:0:1::1")) == key(
        guard.client_ip_from("2001:db8:0:2::1")
    )
    assert guard.client_ip_from("not an address") is None


def test_a_comment_costs_one_transaction_and_a_fixed_number_of_queries(post, settings):
    """On SQLite writers take turns for the one write lock: with the rate limits off a
    comment must not take a second turn (an empty transaction) nor look up rows the
    service already holds."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.GRASSROOTS_COMMENT_RATE_NETWORK = 0
    settings.GRASSROOTS_COMMENT_RATE_EMAIL = 0
    submit(post, body="Warm-up.", email="warm@example.org")
    with CaptureQueriesContext(connection) as queries:
        submit(post)
    statements = [query["sql"].split()[0] for query in queries]
    # Inside the test's own transaction a transaction of the service shows as a savepoint.
    assert statements.count("SAVEPOINT") == 1, statements
    # Blocklist, form nonce, earlier copies; on PostgreSQL also the post row, locked so that
    # concurrent comments on it see each other (SQLite's writers already take turns).
    locked = 1 if connection.features.has_select_for_update else 0
    assert statements.count("SELECT") == 3 + locked, statements
