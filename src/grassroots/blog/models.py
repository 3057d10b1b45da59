import re
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.blog.models_blog import TIME_ZONES, Blog  # noqa: F401 - the app's models live here too
from grassroots.core.models import TimeStamped
from grassroots.core.text import publish_problems

# A common estimate for reading on screen; the same for every language we serve.
WORDS_PER_MINUTE = 200


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

    def get_absolute_url(self):
        return reverse("blog:author_detail", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:tag_detail", kwargs={"slug": self.slug})


class PostQuerySet(models.QuerySet):
    def public(self, *, now=None):
        """Published and due: a scheduled post turns public at its time, no cron needed."""
        return self.filter(status=Post.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def scheduled(self, *, now=None):
        return self.filter(status=Post.Status.PUBLISHED, published_at__gt=now or timezone.now())


class ReviewState(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    RETURNED = "returned", _("Returned to the author")


class Post(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published (or scheduled, when the time is in the future)")

    # Blank only while a draft: the studio keeps an untitled draft, publishing needs a title.
    title = models.CharField(_("title"), max_length=300, blank=True)
    # Unique across the blog (as in WordPress), so two posts never share a permalink
    # whatever their dates; blank in forms because services make it from the title.
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=False,
        unique=True,
        blank=True,
        error_messages={
            "unique": _("Another post already uses this slug. Choose a different one.")
        },
        help_text=_(
            "The last part of the permanent link. Leave empty to make it from the title "
            "(Cyrillic and other scripts are transliterated to Latin letters)."
        ),
    )
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    # Plain text of the body: search indexes it and reading time counts it.
    body_text = models.TextField(_("body as plain text"), blank=True, editable=False)
    excerpt = models.TextField(
        _("excerpt"),
        max_length=1000,
        blank=True,
        help_text=_("Shown in listings and feeds. Leave empty to use the start of the body."),
    )
    excerpt_written = models.BooleanField(default=False, editable=False)
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
    language = models.CharField(
        _("language of the post"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty when the post is in the blog's language."),
    )
    # A translation is a post of its own (its own address, comments and feed entry) that
    # names the post it translates; all of them are linked as "Read in" alternatives.
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        help_text=_("For a translation: the post it translates. Set its language too."),
    )
    # Kept by the comments app so listings show counts without a query per post.
    comment_count = models.PositiveIntegerField(_("approved comments"), default=0, editable=False)
    # The studio's editing state (blog/revisions.py): a save names the version it started
    # from, so two people editing one post never overwrite each other silently.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Changes to a public post wait here until "Publish changes": readers never see them.
    pending = models.ForeignKey(
        "blog.PostRevision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    review_state = models.CharField(
        _("review"), max_length=16, choices=ReviewState.choices, blank=True, editable=False
    )
    review_note = models.TextField(_("note from the editor"), blank=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-published_at", "-pk"]
        # Roles (accounts/roles.py): who may make a post public, and who may touch others'.
        permissions = [
            ("publish_post", _("Can publish, schedule and unpublish posts")),
            ("edit_others_post", _("Can see and change other people's posts")),
        ]

    def __str__(self):
        return self.title

    @property
    def cover_in_body(self):
        """The cover is one of the photos in the text: the page shows it there only once."""
        return (
            bool(self.cover_id)
            and re.search(rf"photo:{self.cover_id}(?!\d)", self.body) is not None
        )

    def clean(self):
        if self.status == self.Status.PUBLISHED and not self.title.strip():
            raise ValidationError({"title": _("A post needs a title to be published.")})
        if not self.slug:
            raise ValidationError(
                {
                    "slug": _(
                        "No slug could be made from this title. Write one with Latin "
                        "letters, digits and hyphens."
                    )
                }
            )
        self._clean_translation()
        if self.status == self.Status.PUBLISHED:
            problems = publish_problems(self.body)
            if self.cover_id and not (self.cover.alt_text or "").strip():
                problems.append(
                    _(
                        "The cover photo needs alt text: what it shows, for readers who "
                        "cannot see it."
                    )
                )
            if problems:
                raise ValidationError(
                    [_("This post cannot be published yet:")] + [str(p) for p in problems]
                )

    def _clean_translation(self):
        original = self.translation_of
        if original is None:
            return
        if original.pk == self.pk or original.translation_of_id:
            raise ValidationError(
                {"translation_of": _("Choose the original post, not a translation of it.")}
            )
        if self.content_language == original.content_language:
            raise ValidationError(
                {"language": _("A translation needs a language of its own: choose it here.")}
            )

    @property
    def local_published_at(self):
        """The publish time in the blog's time zone: permalinks and archives use its date."""
        from grassroots.blog.selectors import blog_identity

        moment = self.published_at or self.created_at or timezone.now()
        return moment.astimezone(zoneinfo.ZoneInfo(blog_identity().time_zone))

    def get_absolute_url(self):
        day = self.local_published_at
        return reverse(
            "blog:post_detail",
            kwargs={
                "year": f"{day.year:04d}",
                "month": f"{day.month:02d}",
                "day": f"{day.day:02d}",
                "slug": self.slug,
            },
        )

    @property
    def state(self):
        """draft, scheduled or published, as staff and the admin list speak of it."""
        if self.status == self.Status.DRAFT:
            return "draft"
        if self.published_at and self.published_at > timezone.now():
            return "scheduled"
        return "published"

    @property
    def is_public(self):
        return self.state == "published"

    @property
    def content_language(self):
        from grassroots.blog.selectors import blog_identity

        return self.language or blog_identity().language

    @property
    def reading_minutes(self):
        return max(1, round(len(self.body_text.split()) / WORDS_PER_MINUTE))


class PostSlugHistory(models.Model):
    """A slug a post had before: its old permalink answers with a 301 to the current one."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(max_length=200, unique=True)

    class Meta:
        verbose_name = _("old slug")
        verbose_name_plural = _("old slugs")

    def __str__(self):
        return self.slug


# The studio's models live in their own modules; Django finds them here.
from grassroots.blog.models_pages import MenuItem, Page  # noqa: E402
from grassroots.blog.models_revisions import PageRevision, PostPhoto, PostRevision  # noqa: E402

__all__ = [
    "Author",
    "Blog",
    "MenuItem",
    "Page",
    "PageRevision",
    "Post",
    "PostPhoto",
    "PostRevision",
    "PostSlugHistory",
    "Tag",
]
