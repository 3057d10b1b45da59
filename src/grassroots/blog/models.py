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

    class Meta:
        verbose_name = _("blog identity")
        verbose_name_plural = _("blog identity")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.pk and Blog.objects.exists():
            raise ValidationError(_("There is one blog identity; edit the existing one."))


class Author(TimeStamped):
    """A public byline. Staff logins are never shown: readers see the display name and slug."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
    )
    display_name = models.CharField(_("display name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    bio = models.TextField(_("short bio"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PostQuerySet(models.QuerySet):
    def public(self, *, now=None):
        """Published and due: a scheduled post turns public at its time, no cron needed."""
        from django.utils import timezone

        return self.filter(status=Post.Status.PUBLISHED, published_at__lte=now or timezone.now())


class Post(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published (or scheduled, when the time is in the future)")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, allow_unicode=False)
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    excerpt = models.TextField(_("excerpt"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("publish time"), null=True, blank=True, db_index=True)
    authors = models.ManyToManyField(Author, verbose_name=_("authors"), related_name="posts")
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), related_name="posts", blank=True)
    cover = models.ForeignKey(
        "photos.Photo",
        verbose_name=_("cover photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    comments_open = models.BooleanField(_("comments open"), default=True)
    # Kept by the comments app so listings show counts without a query per post.
    comment_count = models.PositiveIntegerField(_("approved comments"), default=0, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title
