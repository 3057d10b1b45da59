"""Commenters' data: export, erasure, email retention and mail subscriptions."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from grassroots.blog.selectors import blog_identity
from grassroots.comments import guard
from grassroots.comments.models import Comment
from grassroots.comments.services.moderation import recount_approved


def comments_by_email(email):
    return Comment.objects.filter(email_key=guard.email_key(email))


def comment_export(*, email):
    return comment_export_by_key(key=guard.email_key(email))


def comment_export_by_key(*, key):
    """Everything we hold about one commenter's comments, for them alone."""
    rows = Comment.objects.filter(email_key=key).select_related("post")
    rows = rows.order_by("created_at", "pk")
    return [
        {
            "id": c.pk,
            "post": c.post.title,
            "name": c.name,
            "email": c.email,
            "website": c.website,
            "comment": c.body,
            "status": c.status,
            "posted": c.created_at.isoformat(),
            "edited": c.edited_at.isoformat() if c.edited_at else None,
            "replies_by_mail": c.is_subscribed,
        }
        for c in rows
    ]


def comment_erase_by_key(*, key):
    return comment_erase(key=key)


@transaction.atomic
def comment_erase(*, email=None, key=None, comments=None, whole_commenter=True):
    """Delete every comment of one commenter (by email or its keyed hash), or the given
    comments and, by default, every other comment by the same commenters (staff erasure)."""
    if email is not None or key is not None:
        chosen = Comment.objects.filter(email_key=key or guard.email_key(email))
    else:
        keys = {c.email_key for c in comments if c.email_key and whole_commenter}
        ids = [c.pk for c in comments]
        chosen = Comment.objects.filter(Q(email_key__in=keys) | Q(pk__in=ids))
    post_ids = set(chosen.values_list("post_id", flat=True))
    count = chosen.count()
    chosen.delete()
    recount_approved(post_ids)
    return count


def comment_emails_expire(*, now=None):
    """Drop the emails of commenters who did not subscribe, after the retention period."""
    days = blog_identity().commenter_email_retention_days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    subscribed = Q(notify_replies=True, notify_confirmed_at__isnull=False)
    return (
        Comment.objects.filter(created_at__lt=cutoff)
        .exclude(email="")
        .exclude(subscribed)
        .update(email="")
    )


def subscription_confirm(*, comment):
    if comment.notify_replies and comment.notify_confirmed_at is None and comment.email:
        Comment.objects.filter(pk=comment.pk).update(notify_confirmed_at=timezone.now())
        return True
    return False


def subscription_cancel(*, comment):
    Comment.objects.filter(pk=comment.pk).update(notify_replies=False, notify_confirmed_at=None)
