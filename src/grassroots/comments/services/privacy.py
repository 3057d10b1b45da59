"""Commenters' data: export, erasure, email retention and mail subscriptions."""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from grassroots.blog.selectors import blog_identity
from grassroots.comments import guard, notifications
from grassroots.comments.models import Comment, PrivacyRequest
from grassroots.comments.services.moderation import recount_approved
from grassroots.core import personal
from grassroots.core.mail import mail_files_delete

log = logging.getLogger(__name__)
PRIVACY_LINK_HOURS = 24


def _link_hash(link_id):
    return hashlib.sha256(f"grassroots.privacy-link:{link_id}".encode()).hexdigest()


@transaction.atomic
def privacy_request_create(*, email, action):
    """Record an export or erasure request and queue its mail. The request does the same
    work for every address, so neither the answer nor its time tells whether an address
    commented here: the job alone looks, and mails only an address that did."""
    request = PrivacyRequest(email=email.strip(), email_key=guard.email_key(email), action=action)
    request.full_clean(exclude=["link_hash"])
    request.save()
    from grassroots.comments.tasks import send_privacy_mail

    notifications.enqueue_off_request(send_privacy_mail, request.pk)
    return request


def privacy_link_send(*, request_id):
    """The mail job: a link with a fresh random id to an address that has comments; the
    address is dropped from the request either way."""
    request = PrivacyRequest.objects.filter(pk=request_id).exclude(email="").first()
    if request is None:
        return
    held = Comment.objects.filter(email_key=request.email_key).exists()
    if not held and not personal.holds_any(request.email_key):  # e.g. following by email
        request.delete()
        return
    link_id = secrets.token_urlsafe(32)
    PrivacyRequest.objects.filter(pk=request.pk).update(link_hash=_link_hash(link_id), email="")
    url = notifications.absolute(reverse("comments:privacy_confirm", args=[link_id]))
    try:
        notifications.send_privacy_link(request.email, request.action, url)
    except Exception as error:
        log.warning("privacy mail not sent (%s)", type(error).__name__)


def privacy_request_get(*, link_id, now=None):
    """The request a mailed link names, while it is fresh; None for anything else."""
    since = (now or timezone.now()) - timedelta(hours=PRIVACY_LINK_HOURS)
    return PrivacyRequest.objects.filter(
        link_hash=_link_hash(link_id or ""), created_at__gte=since
    ).first()


def privacy_requests_expire(*, now=None):
    """Forget requests whose link can no longer be used (and any never mailed)."""
    since = (now or timezone.now()) - timedelta(hours=PRIVACY_LINK_HOURS)
    return PrivacyRequest.objects.filter(created_at__lt=since).delete()[0]


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
    count = comment_erase(key=key)
    PrivacyRequest.objects.filter(email_key=key).delete()
    return count


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
    erased_keys = set(chosen.exclude(email_key="").values_list("email_key", flat=True))
    count = chosen.count()
    chosen.delete()
    recount_approved(post_ids)
    # Mail kept as files holds the address and live links: it goes with the commenter.
    transaction.on_commit(
        lambda: mail_files_delete(addressed_to=lambda a: guard.email_key(a) in erased_keys)
    )
    return count


def comment_emails_expire(*, now=None):
    """Drop the emails of commenters who did not subscribe, after the retention period."""
    days = blog_identity().commenter_email_retention_days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    # Mail kept as files (DATA_DIR/mail) holds addresses too: kept no longer than they.
    mail_files_delete(older_than_days=days, now=(now or timezone.now()).timestamp())
    privacy_requests_expire(now=now)
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
