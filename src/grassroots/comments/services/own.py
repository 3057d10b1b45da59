"""A commenter editing or deleting their own comment from the browser they wrote it in."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from grassroots.blog.models import Blog
from grassroots.blog.selectors import blog_identity
from grassroots.comments import guard, notifications
from grassroots.comments.models import BlockedTerm, Comment
from grassroots.comments.render import body_to_html, clean_text
from grassroots.comments.services.moderation import recount_approved


def secret_hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def edit_secret_matches(comment, secret):
    import hmac

    return bool(comment.edit_token_hash) and hmac.compare_digest(
        comment.edit_token_hash, secret_hash(secret or "")
    )


def edit_window_open(comment, *, now=None):
    """Whether the author may still change the comment: the one place deciding it, for the
    edit and delete views and for the links next to a comment."""
    return edit_window_open_at(comment.created_at, now=now)


def edit_window_open_at(created_at, *, now=None):
    limit = timedelta(minutes=settings.GRASSROOTS_COMMENT_EDIT_MINUTES)
    return (now or timezone.now()) - created_at <= limit


def can_edit(comment, secret, *, now=None):
    """The author's browser may edit or delete for a short while after posting."""
    return (
        comment.status in {Comment.Status.PENDING, Comment.Status.APPROVED}
        and edit_window_open(comment, now=now)
        and edit_secret_matches(comment, secret)
    )


@transaction.atomic
def comment_edit_own(*, comment, body):
    """The author changes their text; content rules run again and may hold it."""
    body = clean_text(body).strip()
    comment.body, comment.body_html = body, body_to_html(body)
    comment.fingerprint = guard.fingerprint(body)
    comment.edited_at = timezone.now()
    verdict = guard.blocklist_verdict(
        name=comment.name,
        email=comment.email,
        body=body,
        website=comment.website,
        ip=None,
        network=comment.network,
    )
    links = guard.count_links(body)
    if verdict:
        comment.status = (
            Comment.Status.SPAM if verdict[0] == BlockedTerm.Action.SPAM else Comment.Status.PENDING
        )
        comment.reason, comment.reason_detail = verdict[1], verdict[2]
    elif links > settings.GRASSROOTS_COMMENT_MAX_LINKS:
        comment.status, comment.reason = Comment.Status.PENDING, Comment.Reason.LINKS
        comment.reason_detail = f"{links} links"
    elif (
        comment.status == Comment.Status.APPROVED
        and blog_identity().comment_policy == Blog.CommentPolicy.HOLD_ALL
    ):
        # A blog that reads everything first must not let an approved text be swapped.
        comment.status, comment.reason = Comment.Status.PENDING, Comment.Reason.EDITED
        comment.reason_detail = ""
    comment.full_clean(exclude=["form_nonce"])
    comment.save()
    recount_approved([comment.post_id])
    if comment.status == Comment.Status.PENDING:
        notifications.after_submit(comment)
    return comment


@transaction.atomic
def comment_delete_own(*, comment):
    post_id = comment.post_id
    comment.delete()
    recount_approved([post_id])
