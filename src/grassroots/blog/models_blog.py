"""The blog's identity: one row per site (organisation, title, language, time zone,
comment policy, retention)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStamped

TIME_ZONES = [
    "UTC",
    "Asia/Almaty",
    "Asia/Aqtobe",
    "Asia/Bishkek",
    "Asia/Tashkent",
    "Europe/Moscow",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
]


class Blog(TimeStamped):
    """The site's identity: one row, edited by staff in the admin."""

    class CommentPolicy(models.TextChoices):
        HOLD_ALL = "hold_all", _("Hold every comment for moderation")
        HOLD_FIRST = "hold_first", _("Hold first-time commenters")
        OPEN = "open", _("Publish comments at once")

    organisation_name = models.CharField(_("organisation name"), max_length=200)
    organisation_url = models.URLField(_("organisation website"), blank=True)
    title = models.CharField(_("blog title"), max_length=200)
    tagline = models.TextField(_("tagline"), max_length=500, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=[(zone, zone) for zone in TIME_ZONES],
        default="UTC",
    )
    comment_policy = models.CharField(
        _("comment policy"),
        max_length=16,
        choices=CommentPolicy.choices,
        default=CommentPolicy.HOLD_FIRST,
    )
    comments_close_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        default=0,
        help_text=_("0 keeps comments open as long as the post allows them."),
    )
    commenter_email_retention_days = models.PositiveIntegerField(
        _("keep commenters' emails for (days)"),
        default=180,
        help_text=_("Emails of commenters who did not subscribe to replies are erased after this."),
    )
    quick_exit = models.BooleanField(
        _("show a “Leave this site quickly” button"),
        default=False,
        help_text=_(
            "For readers who may be in danger if someone sees what they read: a button on "
            "every page (and Escape pressed three times) opens the page below instead."
        ),
    )
    quick_exit_url = models.URLField(
        _("quick exit goes to"),
        default="https://www.wikipedia.org/",
        help_text=_("A neutral site that raises no questions where your readers live."),
    )
    # The navigation menu as [{"text", "href"}], written by blog/pages.py whenever a menu
    # link or a page changes: every public page shows it with no query of its own.
    menu = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("blog identity")
        verbose_name_plural = _("blog identity")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.pk and Blog.objects.exists():
            raise ValidationError(_("There is one blog identity; edit the existing one."))
