"""Moderators' decisions, and the approved-comment count the blog shows on listings."""

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from grassroots.accounts.audit import audit_record
from grassroots.blog.models import Post
from grassroots.comments import guard, notifications
from grassroots.comments.models import BlockedTerm, Comment
from grassroots.comments.render import body_to_html, clean_text


def recount_approved(post_ids):
    """Post.comment_count is the blog's denormalised count of approved comments; we own
    keeping it true, so listings need no query per post."""
    approved = (
        Comment.objects.filter(post=OuterRef("pk"), status=Comment.Status.APPROVED)
        .order_by()
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Post.objects.filter(pk__in=set(post_ids)).update(comment_count=Coalesce(Subquery(approved), 0))


_STATUS_ACTIONS = {
    Comment.Status.APPROVED: "comment.approve",
    Comment.Status.SPAM: "comment.spam",
    Comment.Status.TRASH: "comment.trash",
}


def _audit(actor, action, comments, detail=""):
    """Comments are named by number only: the audit log never holds a commenter's name or
    email."""
    if actor is None or not comments:
        return
    ids = ", ".join(f"#{c.pk}" for c in comments)
    audit_record(actor=actor, action=action, label=ids[:300], detail=detail)


@transaction.atomic
def comment_set_status(*, comments, status, actor=None):
    """Moderate: approve, spam or trash comments (any iterable of Comment or ids)."""
    ids = [getattr(c, "pk", c) for c in comments]
    chosen = list(Comment.objects.select_for_update().filter(pk__in=ids))
    now = timezone.now()
    changed = [c for c in chosen if c.status != status]
    for comment in changed:
        comment.status, comment.decided_at = status, now
        # save(), not update(): the signals it sends let caches of public pages forget.
        comment.save(update_fields=["status", "decided_at"])
    recount_approved({c.post_id for c in chosen})
    _audit(actor, _STATUS_ACTIONS.get(status, f"comment.{status}"), changed)
    if status == Comment.Status.APPROVED:
        for comment in changed:
            notifications.after_approve(comment)
    return len(changed)


def comment_approve(*, comments, actor=None):
    return comment_set_status(comments=comments, status=Comment.Status.APPROVED, actor=actor)


def comment_spam(*, comments, actor=None):
    return comment_set_status(comments=comments, status=Comment.Status.SPAM, actor=actor)


def comment_trash(*, comments, actor=None):
    return comment_set_status(comments=comments, status=Comment.Status.TRASH, actor=actor)


@transaction.atomic
def comment_edit_by_staff(*, comment, body, actor=None):
    comment = Comment.objects.get(pk=comment.pk)
    comment.body = clean_text(body).strip()
    comment.body_html = body_to_html(comment.body)
    comment.fingerprint = guard.fingerprint(comment.body)
    comment.save(update_fields=["body", "body_html", "fingerprint"])
    _audit(actor, "comment.edit", [comment])


def blocklist_add_networks(*, comments, actor=None):
    """Block the (hashed) networks of these comments: moderators never see an address, and
    the entry works until the network key rotates (guard.py)."""
    added = 0
    for network in {c.network for c in comments if c.network}:
        _, created = BlockedTerm.objects.get_or_create(
            kind=BlockedTerm.Kind.NETWORK,
            value=f"hash:{network}",
            defaults={"action": BlockedTerm.Action.SPAM, "note": "added from a comment"},
        )
        added += created
    if added:
        _audit(actor, "blocklist.add", list(comments), detail=f"{added} network(s)")
    return added
