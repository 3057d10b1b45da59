"""Writes to comments. Each write validates, saves atomically and keeps Post.comment_count
true; mail goes out only after the commit (notifications.py), and its failure never
undoes a comment."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.blog.models import Blog, Post
from grassroots.blog.selectors import blog_identity
from grassroots.comments import guard, notifications
from grassroots.comments.models import BlockedTerm, Comment
from grassroots.comments.render import body_to_html, clean_line, clean_text
from grassroots.comments.selectors import comments_closed


@dataclass
class Submitted:
    comment: Comment
    edit_secret: str


def _secret_hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def edit_secret_matches(comment, secret):
    import hmac

    return bool(comment.edit_token_hash) and hmac.compare_digest(
        comment.edit_token_hash, _secret_hash(secret or "")
    )


def _decide(*, post, name, email, body, website, honeypot, issued_at, ip, network, email_hash):
    """(status, reason, detail): the first rule that decides wins, spam before hold."""
    if honeypot:
        return Comment.Status.SPAM, Comment.Reason.HONEYPOT, ""
    verdict = guard.blocklist_verdict(
        name=name, email=email, body=body, website=website, ip=ip, network=network
    )
    if verdict and verdict[0] == BlockedTerm.Action.SPAM:
        return Comment.Status.SPAM, verdict[1], verdict[2]
    if verdict:
        return Comment.Status.PENDING, verdict[1], verdict[2]
    if guard.too_fast(issued_at):
        return Comment.Status.PENDING, Comment.Reason.TOO_FAST, ""
    links = guard.count_links(body)
    if links > settings.GRASSROOTS_COMMENT_MAX_LINKS:
        return Comment.Status.PENDING, Comment.Reason.LINKS, f"{links} links"
    policy = blog_identity().comment_policy
    if policy == Blog.CommentPolicy.HOLD_ALL:
        return Comment.Status.PENDING, Comment.Reason.POLICY, ""
    if policy == Blog.CommentPolicy.HOLD_FIRST:
        known = Comment.objects.filter(email_key=email_hash, status=Comment.Status.APPROVED)
        if not known.exists():
            return Comment.Status.PENDING, Comment.Reason.FIRST_TIME, ""
    return Comment.Status.APPROVED, Comment.Reason.NONE, ""


def _place_reply(post, parent):
    """The parent a reply hangs from: same post, visible, and no deeper than allowed."""
    if parent is None:
        return None
    if parent.post_id != post.pk or parent.status != Comment.Status.APPROVED:
        raise guard.Refused(_("The comment you replied to is not on this post any more."))
    max_depth = max(1, settings.GRASSROOTS_COMMENT_MAX_DEPTH)
    while parent is not None and parent.depth + 1 >= max_depth:
        parent = parent.parent
    return parent


def comment_submit(
    *,
    post,
    name,
    email,
    body,
    token,
    website="",
    parent=None,
    notify_replies=False,
    honeypot="",
    ip=None,
):
    """Store a reader's comment through every defence; Refused when it is not stored."""
    if comments_closed(post):
        raise guard.Refused(_("Comments on this post are closed."), status=403)
    issued_at, nonce = guard.read_token(token, post.pk)
    if guard.nonce_used(nonce):
        raise guard.Refused(_("This form was already sent. Your comment is stored once."))
    name, body, email = clean_line(name), clean_text(body).strip(), (email or "").strip()
    network, email_hash = guard.network_key(ip), guard.email_key(email)
    guard.check_rate(network=network, email_hash=email_hash)
    parent = _place_reply(post, parent)
    status, reason, detail = _decide(
        post=post,
        name=name,
        email=email,
        body=body,
        website=website,
        honeypot=honeypot,
        issued_at=issued_at,
        ip=ip,
        network=network,
        email_hash=email_hash,
    )
    secret = secrets.token_urlsafe(24)
    comment = Comment(
        post=post,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=name,
        email=email,
        email_key=email_hash,
        website=website or "",
        body=body,
        body_html=body_to_html(body),
        status=status,
        reason=reason,
        reason_detail=detail,
        network=network,
        fingerprint=guard.fingerprint(body),
        form_nonce=nonce,
        edit_token_hash=_secret_hash(secret),
        notify_replies=bool(notify_replies) and status != Comment.Status.SPAM,
    )
    comment.full_clean(exclude=["form_nonce"])
    try:
        with transaction.atomic():
            # Locks the post row on PostgreSQL (SQLite's IMMEDIATE transactions already
            # serialise writers), so duplicate checks and the count see every comment.
            Post.objects.select_for_update().filter(pk=post.pk).first()
            if _is_duplicate(comment):
                raise guard.Refused(_("You already sent this comment; it is stored once."))
            comment.save()
            if status == Comment.Status.APPROVED:
                _recount([post.pk])
    except IntegrityError:
        # Two requests with one form: the unique nonce let only the first one in.
        raise guard.Refused(_("This form was already sent. Your comment is stored once.")) from None
    notifications.after_submit(comment)
    return Submitted(comment=comment, edit_secret=secret)


@transaction.atomic
def comment_import(*, post, name, email, body, parent=None, created_at=None, website=""):
    """An approved comment from a trusted source (the demo, an import): no form, no rules."""
    name, body = clean_line(name), clean_text(body).strip()
    comment = Comment(
        post=post,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=name,
        email=email,
        email_key=guard.email_key(email),
        website=website,
        body=body,
        body_html=body_to_html(body),
        status=Comment.Status.APPROVED,
        fingerprint=guard.fingerprint(body),
    )
    comment.full_clean(exclude=["form_nonce"])
    comment.save()
    if created_at is not None:
        Comment.objects.filter(pk=comment.pk).update(created_at=created_at)
        comment.created_at = created_at
    _recount([post.pk])
    return comment


def _is_duplicate(comment):
    since = timezone.now() - timedelta(days=1)
    return (
        Comment.objects.filter(
            post_id=comment.post_id,
            fingerprint=comment.fingerprint,
            created_at__gte=since,
        )
        .filter(Q(email_key=comment.email_key) | Q(network=comment.network, network__gt=""))
        .exclude(status=Comment.Status.TRASH)
        .exists()
    )


def _recount(post_ids):
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


@transaction.atomic
def comment_set_status(*, comments, status):
    """Moderate: approve, spam or trash comments (any iterable of Comment or ids)."""
    ids = [getattr(c, "pk", c) for c in comments]
    chosen = list(Comment.objects.select_for_update().filter(pk__in=ids))
    now = timezone.now()
    changed = [c for c in chosen if c.status != status]
    Comment.objects.filter(pk__in=[c.pk for c in changed]).update(status=status, decided_at=now)
    _recount({c.post_id for c in chosen})
    if status == Comment.Status.APPROVED:
        for comment in changed:
            comment.status = status
            notifications.after_approve(comment)
    return len(changed)


def comment_approve(*, comments):
    return comment_set_status(comments=comments, status=Comment.Status.APPROVED)


def comment_spam(*, comments):
    return comment_set_status(comments=comments, status=Comment.Status.SPAM)


def comment_trash(*, comments):
    return comment_set_status(comments=comments, status=Comment.Status.TRASH)


def can_edit(comment, secret, *, now=None):
    """The author's browser may edit or delete for a short while after posting."""
    limit = timedelta(minutes=settings.GRASSROOTS_COMMENT_EDIT_MINUTES)
    return (
        comment.status in {Comment.Status.PENDING, Comment.Status.APPROVED}
        and (now or timezone.now()) - comment.created_at <= limit
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
    comment.full_clean(exclude=["form_nonce"])
    comment.save()
    _recount([comment.post_id])
    return comment


@transaction.atomic
def comment_edit_by_staff(*, comment, body):
    body = clean_text(body).strip()
    Comment.objects.filter(pk=comment.pk).update(
        body=body, body_html=body_to_html(body), fingerprint=guard.fingerprint(body)
    )


@transaction.atomic
def comment_delete_own(*, comment):
    post_id = comment.post_id
    comment.delete()
    _recount([post_id])


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
    _recount(post_ids)
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
