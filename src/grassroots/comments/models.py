"""A reader's comment, the blocklist moderators keep, and the counters rate limits share.

No raw IP address is ever stored: `network` is a keyed hash of the commenter's network that
changes with the rotating key (guard.py), and `email_key` is a keyed hash of the email that
lets us recognise a returning commenter and find their comments for export or erasure."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from grassroots.blog.models import Post

BODY_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 100


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        TRASH = "trash", _("Trash")

    class Reason(models.TextChoices):
        # Why a comment was held or marked as spam: the rule that decided it.
        NONE = "", _("(not held)")
        POLICY = "policy", _("The blog holds every comment")
        FIRST_TIME = "first_time", _("First comment from this commenter")
        HONEYPOT = "honeypot", _("A field hidden from people was filled in")
        TOO_FAST = "too_fast", _("Sent faster than a person types")
        LINKS = "links", _("Too many links")
        REPEATED = "repeated", _("The same text came from several people within the hour")
        BLOCKED_WORD = "blocked_word", _("Contains a blocked word")
        BLOCKED_NAME = "blocked_name", _("Blocked name")
        BLOCKED_EMAIL = "blocked_email", _("Blocked email")
        BLOCKED_NETWORK = "blocked_network", _("Blocked network")
        EDITED = "edited", _("Edited by its author and held again")

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="comments"
    )
    # Erasing a comment keeps the replies of other people, who lose only their parent.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    # Never public. Emptied after the retention period unless the commenter subscribed.
    email = models.EmailField(_("email"), blank=True)
    email_key = models.CharField(max_length=64, db_index=True, editable=False)
    website = models.URLField(_("website"), blank=True, max_length=500)
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    reason = models.CharField(
        _("held because"), max_length=32, choices=Reason.choices, blank=True, default=""
    )
    reason_detail = models.CharField(_("rule detail"), max_length=200, blank=True)
    network = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    # The signed form token's nonce: unique, so a replayed form is refused by the database.
    # NULL (not "") for comments made without a form, so they never collide.
    form_nonce = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    edit_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    notify_replies = models.BooleanField(_("wants mail about replies"), default=False)
    notify_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    reply_notified = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["post", "status", "created_at"])]
        permissions = [("moderate_comment", _("Can moderate comments"))]

    def __str__(self):
        return f"#{self.pk} {self.name}"

    def get_absolute_url(self):
        return f"{post_url(self.post)}#comment-{self.pk}"

    @property
    def is_subscribed(self):
        return self.notify_replies and self.notify_confirmed_at is not None


def post_url(post):
    """The post's permalink, with a fallback while the blog app's permalink is not there."""
    get_url = getattr(post, "get_absolute_url", None)
    if get_url is not None:
        return get_url()
    return reverse("comments:post_comments", args=[post.pk])


class BlockedTerm(models.Model):
    class Kind(models.TextChoices):
        WORD = "word", _("Word or phrase in the comment")
        NAME = "name", _("Name (exact, any case)")
        EMAIL = "email", _("Email address or @domain")
        NETWORK = "network", _("Network (IP address or range like 203.0.113.0/24)")

    class Action(models.TextChoices):
        HOLD = "hold", _("Hold for moderation")
        SPAM = "spam", _("Mark as spam")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=200)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices, default="hold")
    note = models.CharField(_("note for moderators"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("blocklist entry")
        verbose_name_plural = _("blocklist")
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="comments_blocked_unique")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"


class RateCounter(models.Model):
    """One fixed window of one rate limit, incremented atomically in SQL (guard.py) so every
    worker process sees the same count; used when no Redis is configured."""

    key = models.CharField(max_length=100)
    bucket = models.BigIntegerField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "bucket"], name="comments_rate_unique")
        ]

    def __str__(self):
        return f"{self.key}@{self.bucket}: {self.hits}"


class PrivacyRequest(models.Model):
    """A commenter's request to export or erase their comments, waiting for them to follow
    the mailed link. The link carries only a random id (its hash is kept here): nothing in a
    URL, and so in any access log, names or hashes the address. The address itself stays
    only until the mail job has run."""

    class Action(models.TextChoices):
        EXPORT = "export", _("Send me a copy of all my comments")
        ERASE = "erase", _("Erase all my comments")

    action = models.CharField(max_length=8, choices=Action.choices)
    email = models.EmailField(blank=True)
    email_key = models.CharField(max_length=64, db_index=True)
    # NULL until the mail job made the link (and never made for an address with no comments).
    link_hash = models.CharField(max_length=64, unique=True, null=True)  # noqa: DJ001
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.action} #{self.pk}"
