from django.contrib.auth import get_user_model
from django.urls import reverse

from grassroots.comments import services
from grassroots.comments.models import BlockedTerm, Comment
from tests.comments.conftest import token_for


def make_comments(post, count=3):
    return [
        services.comment_submit(
            post=post,
            name=f"<i>Reader {n}</i>",
            email=f"reader{n}@example.org",
            body=f"<script>x</script> Text {n}",
            token=token_for(post),
        ).comment
        for n in range(count)
    ]


def staff_client(client):
    admin = get_user_model().objects.create_superuser("boss", "", "x" * 20)
    client.force_login(admin)
    return client


def test_the_queue_lists_newest_first_with_post_text_and_reason_and_no_email(client, post):
    make_comments(post)
    response = staff_client(client).get(
        reverse("admin:comments_comment_changelist") + "?status__exact=pending"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Text 2") < html.index("Text 1") < html.index("Text 0")
    assert "First comment from this commenter" in html and "A day in the park" in html
    assert "reader0@example.org" not in html
    assert "<script>x" not in html and "&lt;script&gt;x" in html


def test_bulk_actions_approve_spam_and_trash(client, post):
    comments = make_comments(post)
    staff_client(client)
    url = reverse("admin:comments_comment_changelist")
    for action, comment, status in [
        ("approve", comments[0], "approved"),
        ("mark_spam", comments[1], "spam"),
        ("move_to_trash", comments[2], "trash"),
    ]:
        client.post(url, {"action": action, "_selected_action": [comment.pk]})
        comment.refresh_from_db()
        assert comment.status == status
    post.refresh_from_db()
    assert post.comment_count == 1
    client.post(url, {"action": "approve", "_selected_action": [c.pk for c in comments]})
    post.refresh_from_db()
    assert post.comment_count == 3


def test_staff_can_erase_a_commenter(client, post):
    comments = make_comments(post, 2)
    staff_client(client).post(
        reverse("admin:comments_comment_changelist"),
        {"action": "erase_commenter", "_selected_action": [comments[0].pk]},
    )
    assert list(Comment.objects.all()) == [comments[1]]


def test_staff_edit_the_blocklist_in_the_admin(client, post):
    staff_client(client).post(
        reverse("admin:comments_blockedterm_add"),
        {"kind": "word", "value": "slur", "action": "spam", "note": ""},
    )
    assert BlockedTerm.objects.get().action == "spam"


def test_moderators_block_a_network_without_seeing_it(client, post):
    from grassroots.comments import guard

    ip = guard.client_ip_from("198.51.100.20")
    troll = services.comment_submit(
        post=post, name="T", email="t@example.org", body="hate", token=token_for(post), ip=ip
    ).comment
    staff_client(client).post(
        reverse("admin:comments_comment_changelist"),
        {"action": "block_network", "_selected_action": [troll.pk]},
    )
    entry = BlockedTerm.objects.get()
    assert "198.51" not in entry.value
    again = services.comment_submit(
        post=post,
        name="T2",
        email="t2@example.org",
        body="more hate",
        token=token_for(post),
        ip=guard.client_ip_from("198.51.100.99"),
    ).comment
    assert (again.status, again.reason) == ("spam", "blocked_network")


def test_a_moderator_changes_one_comment_in_its_page(client, post):
    [comment] = make_comments(post, 1)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    page = staff_client(client).get(url)
    assert page.status_code == 200
    assert "reader0@example.org" not in page.content.decode()
    response = client.post(url, {"body": "Cleaned up by a moderator", "status": "approved"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.body) == ("approved", "Cleaned up by a moderator")
    assert comment.body_html == "<p>Cleaned up by a moderator</p>"
    post.refresh_from_db()
    assert post.comment_count == 1
