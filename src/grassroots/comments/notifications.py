"""Mail about comments, always sent after the database commit and never able to undo a
comment or show the reader an error. Only addresses that confirmed get mail, apart from the
single confirmation mail itself. Names and emails never go into a header by themselves:
recipients are validated addresses and subjects are single lines."""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import connections, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks.backends.immediate import ImmediateBackend

from grassroots.blog.selectors import blog_identity
from grassroots.comments.render import clean_line, excerpt

log = logging.getLogger(__name__)
MAIL_SALT = "grassroots.comments.mail"
MODERATOR_MAIL_PAUSE = 600  # seconds
# How long each mailed link works: a confirmation found in a mailbox months later must not
# subscribe anyone; stopping mail (cancel) must always work.
MAIL_LINK_MAX_AGE = {"confirm": 7 * 86400, "cancel": None}


def mail_token(comment_id, action):
    return signing.dumps({"c": comment_id, "a": action}, salt=MAIL_SALT)


def read_mail_token(token, action):
    """The comment id in a mailed link, or None when the link is broken or too old."""
    try:
        data = signing.loads(token, salt=MAIL_SALT, max_age=MAIL_LINK_MAX_AGE.get(action))
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != action:
        return None
    return data.get("c")


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def _send(subject, template, context, to, headers=None):
    blog = blog_identity()
    with translation.override(blog.language):
        body = render_to_string(template, {"blog": blog, **context})
        message = EmailMessage(
            subject=clean_line(subject)[:180],
            body=body,
            to=to,
            headers=headers or {},
        )
        message.send()


def _safely(kind, comment_id):
    """Hand the mail to Django's task framework (django-tasks). A database queue takes the
    job inside the caller's transaction: it commits with the comment or not at all, and
    the comment costs one commit (one disk flush on SQLite) instead of two. A backend that
    runs jobs at once waits for the commit instead. Nothing here can fail the request."""
    from grassroots.comments.tasks import send_comment_mail

    def enqueue():
        try:
            with transaction.atomic():  # a savepoint: a failed enqueue leaves the comment
                send_comment_mail.enqueue(kind, comment_id)
        except Exception as error:
            log.warning("comment mail not queued (%s)", type(error).__name__)

    if isinstance(send_comment_mail.get_backend(), ImmediateBackend):
        transaction.on_commit(enqueue)
    else:
        enqueue()


def enqueue_off_request(task, *args):
    """After commit, queue a job whose duration must not show in the response time (the
    privacy request's mail goes out only for addresses that commented). A queue with a
    worker (the database backend) already returns at once; the immediate backend would run
    the job inside the request, so it then runs on a thread of its own."""

    def enqueue():
        try:
            task.enqueue(*args)
        except Exception as error:
            log.warning("mail job not queued (%s)", type(error).__name__)
        finally:
            if in_thread:
                connections.close_all()

    in_thread = isinstance(task.get_backend(), ImmediateBackend)
    if in_thread:
        transaction.on_commit(threading.Thread(target=enqueue, daemon=True).start)
    else:
        transaction.on_commit(enqueue)


def send(kind, comment_id):
    """Run one mail job; a failing mail server is logged without names or addresses."""
    senders = {
        "moderators": send_moderator_mail,
        "confirm": send_subscription_confirmation,
        "reply": send_reply_notification,
    }
    try:
        senders[kind](comment_id)
    except Exception as error:
        log.warning("comment mail not sent (%s)", type(error).__name__)
        # Raised again for the worker's retries, cleaned: an SMTP error can name addresses,
        # and the job's traceback is logged and kept in the admin's dead-letter list.
        raise MailNotSent(type(error).__name__) from None


class MailNotSent(Exception):
    """A mail job failed; the message holds only the original error's type."""


def after_submit(comment):
    """Queue the mail a new comment calls for; call it inside the comment's transaction."""
    from grassroots.comments.models import Comment

    if comment.status == Comment.Status.PENDING:
        _safely("moderators", comment.pk)
    if comment.notify_replies:
        _safely("confirm", comment.pk)
    if comment.status == Comment.Status.APPROVED and _answers_subscriber(comment):
        _safely("reply", comment.pk)


def _answers_subscriber(comment):
    """Only a reply to someone who confirmed they want mail needs a job at all (most
    comments answer nobody); send_reply_notification checks again when it runs."""
    parent = comment.parent if comment.parent_id else None
    return (
        parent is not None
        and parent.is_subscribed
        and bool(parent.email)
        and parent.email_key != comment.email_key
    )


def after_approve(comment):
    _safely("reply", comment.pk)


def moderators():
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    return [
        user.email
        for user in users
        if user.has_perm("comments.change_comment") or user.has_perm("comments.moderate_comment")
    ]


def send_moderator_mail(comment_id):
    from grassroots.comments.models import Comment

    comment = Comment.objects.select_related("post").filter(pk=comment_id).first()
    recipients = moderators()
    if comment is None or not recipients:
        return
    # A flood must not become a flood of mail: one mail per quiet period, which then says
    # how many comments wait in all.
    if not cache.add("comments:moderator-mail", 1, timeout=MODERATOR_MAIL_PAUSE):
        return
    waiting = Comment.objects.filter(status=Comment.Status.PENDING).count()
    blog = blog_identity()
    with translation.override(blog.language):
        subject = _("[%(blog)s] A comment waits for moderation") % {"blog": blog.title}
    try:
        _mail_moderators(recipients, subject, comment, waiting)
    except Exception:
        cache.delete("comments:moderator-mail")  # the worker's retry must not be paused
        raise


def _mail_moderators(recipients, subject, comment, waiting):
    # One mail per moderator: moderators do not learn each other's addresses.
    for address in recipients:
        _send(
            subject,
            "comments/mail/moderate.txt",
            {
                "comment": comment,
                "text": excerpt(comment.body, 500),
                "waiting": waiting,
                # The studio's queue: moderators may not open the Django admin.
                "queue_url": absolute(reverse("studio:comment_queue")),
            },
            [address],
        )


def send_subscription_confirmation(comment_id):
    from grassroots.comments.models import Comment

    comment = Comment.objects.select_related("post").filter(pk=comment_id).first()
    if comment is None or not comment.email or comment.notify_confirmed_at:
        return
    # One confirmation a day per address that has not answered: a stranger who types
    # someone's address on comment after comment must not flood them with our mail.
    asked_before = Comment.objects.filter(
        email_key=comment.email_key,
        notify_replies=True,
        notify_confirmed_at__isnull=True,
        created_at__gte=comment.created_at - timedelta(days=1),
        pk__lt=comment.pk,
    )
    if asked_before.exists():
        return
    blog = blog_identity()
    with translation.override(blog.language):
        subject = _("[%(blog)s] Confirm mail about replies") % {"blog": blog.title}
    url = reverse("comments:subscription_confirm", args=[mail_token(comment.pk, "confirm")])
    _send(
        subject,
        "comments/mail/confirm.txt",
        {"comment": comment, "confirm_url": absolute(url)},
        [comment.email],
    )


def send_reply_notification(reply_id):
    from grassroots.comments.models import Comment

    reply = (
        Comment.objects.select_related("post", "parent")
        .filter(pk=reply_id, status=Comment.Status.APPROVED, reply_notified=False)
        .first()
    )
    parent = reply.parent if reply else None
    if parent is None or not parent.is_subscribed or not parent.email:
        return
    if parent.email_key == reply.email_key:
        return
    # Marked first: a reply is announced at most once, even if the mail then fails.
    if not Comment.objects.filter(pk=reply.pk, reply_notified=False).update(reply_notified=True):
        return
    unsubscribe = absolute(
        reverse("comments:subscription_cancel", args=[mail_token(parent.pk, "cancel")])
    )
    blog = blog_identity()
    with translation.override(blog.language):
        subject = _("[%(blog)s] New reply to your comment") % {"blog": blog.title}
    _send(
        subject,
        "comments/mail/reply.txt",
        {
            "reply": reply,
            "text": excerpt(reply.body, 1000),
            "url": absolute(reply.get_absolute_url()),
            "unsubscribe_url": unsubscribe,
        },
        [parent.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send_privacy_link(email, action, url):
    """The link to confirm an export or erasure; called by the mail job, never a request."""
    blog = blog_identity()
    with translation.override(blog.language):
        subject = _("[%(blog)s] Confirm your request about your comments") % {"blog": blog.title}
    _send(subject, "comments/mail/privacy.txt", {"action": action, "url": url}, [email])
