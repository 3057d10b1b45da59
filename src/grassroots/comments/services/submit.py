"""Taking a reader's comment: every defence, the policy, one atomic write, mail after
commit."""

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.blog.models import Blog, Post
from grassroots.blog.selectors import blog_identity
from grassroots.comments import guard, notifications
from grassroots.comments.models import BlockedTerm, Comment
from grassroots.comments.render import body_to_html, clean_line, clean_text
from grassroots.comments.selectors import comments_closed
from grassroots.comments.services.moderation import recount_approved
from grassroots.comments.services.own import secret_hash
from grassroots.comments.services.privacy import comment_emails_expire

log = logging.getLogger(__name__)


@dataclass
class Submitted:
    comment: Comment
    edit_secret: str
    # This browser proved the address before (returning_commenter): only then may the
    # reader be told that the comment is published because of who they are.
    recognised: bool = False


def returning_commenter(*, email_hash, own_comments):
    """Whether this browser proved the address: its signed cookie names an approved comment
    written with it (ours, or one whose mailed confirmation link it followed). Typing a
    known address proves nothing."""
    if not own_comments:
        return False  # a browser without our cookie: nothing to look up
    return Comment.objects.filter(
        pk__in=list(own_comments)[:50], email_key=email_hash, status=Comment.Status.APPROVED
    ).exists()


def _decide(*, name, email, body, website, honeypot, issued_at, ip, network):
    """(status, reason, detail) of the first rule that decides before the write, spam before
    hold, or None: then the copies of the text and the policy decide (_decide_last)."""
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
    return None


def _decide_last(*, copies, recognised):
    if copies >= REPEATS_BEFORE_HOLD:
        return Comment.Status.PENDING, Comment.Reason.REPEATED, f"{copies} earlier copies"
    policy = blog_identity().comment_policy
    if policy == Blog.CommentPolicy.HOLD_ALL:
        return Comment.Status.PENDING, Comment.Reason.POLICY, ""
    if policy == Blog.CommentPolicy.HOLD_FIRST and not recognised:
        return Comment.Status.PENDING, Comment.Reason.FIRST_TIME, ""
    return Comment.Status.APPROVED, Comment.Reason.NONE, ""


REPEATS_BEFORE_HOLD = 2


def _earlier(comment, *, now):
    """One query, under the write lock, for what two rules need from earlier comments with
    the same text (not trashed): `duplicate`, whether its writer (same email, or same
    network) sent it to this post within a day; `copies`, how many anyone sent within the
    hour (a flood from many machines and addresses passes the per-sender limits, but it
    repeats itself)."""
    writer = Q(email_key=comment.email_key) | Q(network=comment.network, network__gt="")
    return (
        Comment.objects.filter(fingerprint=comment.fingerprint, created_at__gte=now - DAY)
        .exclude(status=Comment.Status.TRASH)
        .aggregate(
            duplicate=Count("pk", filter=Q(writer, post_id=comment.post_id)),
            copies=Count("pk", filter=Q(created_at__gte=now - HOUR)),
        )
    )


DAY, HOUR = timedelta(days=1), timedelta(hours=1)


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
    own_comments=(),
):
    """Store a reader's comment through every defence; Refused when it is not stored.
    `own_comments`: ids from this browser's signed cookie (own.py)."""
    if comments_closed(post):
        raise guard.Refused(_("Comments on this post are closed."), status=403)
    issued_at, nonce = guard.read_token(token, post.pk)
    if guard.nonce_used(nonce, guard.email_key(email)):
        raise guard.Refused(_("This form was already sent. Your comment is stored once."))
    name, body, email = clean_line(name), clean_text(body).strip(), (email or "").strip()
    network, email_hash = guard.network_key(ip), guard.email_key(email)
    guard.check_rate(network=network, email_hash=email_hash)
    parent = _place_reply(post, parent)
    recognised = returning_commenter(email_hash=email_hash, own_comments=own_comments)
    decided = _decide(
        name=name,
        email=email,
        body=body,
        website=website,
        honeypot=honeypot,
        issued_at=issued_at,
        ip=ip,
        network=network,
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
        status=decided[0] if decided else Comment.Status.PENDING,
        network=network,
        fingerprint=guard.fingerprint(body),
        form_nonce=guard.nonce_for(nonce, email_hash),
        edit_token_hash=secret_hash(secret),
    )
    # The post is public and the parent was placed above: no query to look them up again.
    comment.full_clean(exclude=["form_nonce", "post", "parent"])
    try:
        # One short transaction, one commit. On SQLite writers take turns (core/sqlite), so
        # all that can be decided before it is decided before it.
        with transaction.atomic():
            # Locks the post row on PostgreSQL (SQLite's IMMEDIATE transactions already
            # serialise writers), so duplicate checks and the count see every comment.
            if connection.features.has_select_for_update:
                Post.objects.select_for_update().filter(pk=post.pk).values_list("pk").first()
            earlier = _earlier(comment, now=timezone.now())
            if earlier["duplicate"]:
                raise guard.Refused(_("You already sent this comment; it is stored once."))
            status, reason, detail = decided or _decide_last(
                copies=earlier["copies"], recognised=recognised
            )
            comment.status, comment.reason, comment.reason_detail = status, reason, detail
            comment.notify_replies = bool(notify_replies) and status != Comment.Status.SPAM
            # A comment nobody but its writer sees yet changes no public page: cached
            # copies stay.
            comment.shows_nowhere = status != Comment.Status.APPROVED
            comment.save()
            if status == Comment.Status.APPROVED:
                # Exact under the lock above; cheaper than recounting while writers queue.
                Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)
            notifications.after_submit(comment)
    except IntegrityError:
        # Two requests with one form: the unique nonce let only the first one in.
        raise guard.Refused(_("This form was already sent. Your comment is stored once.")) from None
    transaction.on_commit(_expire_emails_now_and_then)
    return Submitted(comment=comment, edit_secret=secret, recognised=recognised)


def _expire_emails_now_and_then():
    """Email retention without a cron job: about once an hour a comment also sweeps expired
    emails (`grassroots comments purge` does the same on demand)."""
    if cache.add("comments:emails-expired", 1, timeout=3600):
        try:
            comment_emails_expire()
        except DatabaseError:
            log.warning("expired commenter emails not swept this time")


@transaction.atomic
def comment_import(
    *,
    post,
    name,
    email,
    body,
    parent=None,
    created_at=None,
    website="",
    status=Comment.Status.APPROVED,
):
    """A comment from a trusted source (the demo, an import): no form, no rules. Replies
    deeper than the blog shows hang from the deepest allowed parent, and an email older
    than the retention period is not kept (its keyed hash is, for the commenter's data
    requests)."""
    name, body = clean_line(name), clean_text(body).strip()
    max_depth = max(1, settings.GRASSROOTS_COMMENT_MAX_DEPTH)
    while parent is not None and parent.depth + 1 >= max_depth:
        parent = parent.parent
    kept_email = email
    if created_at is not None:
        retention = timedelta(days=blog_identity().commenter_email_retention_days)
        kept_email = email if created_at >= timezone.now() - retention else ""
    comment = Comment(
        post=post,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=name,
        email=kept_email,
        email_key=guard.email_key(email),
        website=website,
        body=body,
        body_html=body_to_html(body),
        status=status,
        fingerprint=guard.fingerprint(body),
    )
    comment.full_clean(exclude=["form_nonce"])
    comment.save()
    if created_at is not None:
        Comment.objects.filter(pk=comment.pk).update(created_at=created_at)
        comment.created_at = created_at
    recount_approved([post.pk])
    return comment
