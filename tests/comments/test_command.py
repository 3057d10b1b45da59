import pytest
from django.core.management import CommandError, call_command

from grassroots.comments import services
from grassroots.comments.models import Comment
from tests.comments.conftest import token_for


def test_list_shows_one_line_per_comment_without_email(post, capsys):
    comment = services.comment_submit(
        post=post,
        name="Lena\nInjected",
        email="lena@example.org",
        body="Line one\nline two",
        token=token_for(post),
    ).comment
    call_command("comments", "list", "--status", "pending")
    out = capsys.readouterr().out
    [line] = out.splitlines()
    fields = line.split("\t")
    assert fields[:4] == [str(comment.pk), "pending", "A day in the park", "Lena Injected"]
    assert fields[5] == "Line one line two"
    # Times are in the blog's time zone (Asia/Almaty in the factories).
    local = comment.created_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Almaty"))
    assert fields[4] == f"{local:%Y-%m-%d %H:%M}"
    assert "lena@example.org" not in out


def test_approve_spam_and_trash_by_id(post, capsys):
    ids = [
        services.comment_submit(
            post=post, name="A", email=f"a{n}@example.org", body=f"t{n}", token=token_for(post)
        ).comment.pk
        for n in range(3)
    ]
    call_command("comments", "approve", str(ids[0]), str(ids[1]))
    call_command("comments", "spam", str(ids[1]))
    call_command("comments", "trash", str(ids[2]))
    assert [Comment.objects.get(pk=pk).status for pk in ids] == ["approved", "spam", "trash"]
    post.refresh_from_db()
    assert post.comment_count == 1


def test_unknown_or_malformed_ids_change_nothing(post):
    pk = services.comment_submit(
        post=post, name="A", email="a@example.org", body="t", token=token_for(post)
    ).comment.pk
    with pytest.raises(CommandError, match="No comment with id 999"):
        call_command("comments", "approve", str(pk), "999")
    with pytest.raises(CommandError, match="not a comment id"):
        call_command("comments", "approve", "abc")
    assert Comment.objects.get(pk=pk).status == "pending"
