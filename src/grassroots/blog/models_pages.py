"""Standalone pages (About us, Contact, Donate) at /<slug>/, and the site's navigation menu."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStamped

# First parts of addresses the site uses or may use; a page may never take one. Routes that
# exist are also found by asking the URL resolver (Page.clean), so a new app is covered too.
RESERVED_SLUGS = {
    "admin", "studio", "media", "static", "comments", "photos", "posts", "search", "feed",
    "tags", "authors", "sitemap-xml", "robots-txt", "accounts", "login", "logout", "api",
    "preview", "page", "pages", "favicon-ico", "well-known",
}  # fmt: skip
# A page slug that looks like a year would shadow the archives and post permalinks.
DIGITS = re.compile(r"^[0-9]+$")


class Page(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        error_messages={"unique": _("Another page already uses this address.")},
        help_text=_("The page's address: /slug/. Latin letters, digits and hyphens."),
    )
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(blank=True, editable=False)
    body_text = models.TextField(blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    language = models.CharField(
        _("language of the page"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty when the page is in the blog's language."),
    )
    # As for posts: a translation is a page of its own that names the page it translates.
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        help_text=_("For a translation: the page it translates. Set its language too."),
    )
    # As for posts: a save names the version it started from, and changes to a public page
    # wait as a pending revision until "Publish changes" (blog/revisions.py).
    version = models.PositiveIntegerField(default=1, editable=False)
    pending = models.ForeignKey(
        "blog.PageRevision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["title"]
        permissions = [("publish_page", _("Can publish and unpublish pages"))]

    def __str__(self):
        return self.title

    def clean(self):
        if self.slug and slug_taken_by_site(self.slug):
            raise ValidationError(
                {"slug": _("The site already uses this address. Choose another slug.")}
            )
        original = self.translation_of
        if original is not None:
            if original.pk == self.pk or original.translation_of_id:
                raise ValidationError(
                    {"translation_of": _("Choose the original page, not a translation of it.")}
                )
            if self.content_language == original.content_language:
                raise ValidationError(
                    {"language": _("A translation needs a language of its own: choose it here.")}
                )

    def get_absolute_url(self):
        return reverse("blog:page_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    @property
    def content_language(self):
        from grassroots.blog.selectors import blog_identity

        return self.language or blog_identity().language


def slug_taken_by_site(slug):
    """True when /<slug>/ is, or could become, an address of something other than a page."""
    if slug in RESERVED_SLUGS or DIGITS.match(slug):
        return True
    try:
        match = resolve(f"/{slug}/")
    except Resolver404:
        return False
    return match.view_name != "blog:page_detail"


class MenuItem(models.Model):
    """One link in the site's header and footer: a page, or any address on the site."""

    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, null=True, blank=True
    )
    label = models.CharField(
        _("label"), max_length=80, blank=True, help_text=_("Empty: the page's title.")
    )
    url = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("For a link that is not a page, e.g. /posts/ or https://example.org/."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("menu link")
        verbose_name_plural = _("menu links")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @property
    def text(self):
        return self.label or (self.page.title if self.page_id else self.url)

    @property
    def href(self):
        return self.page.get_absolute_url() if self.page_id else self.url

    def clean(self):
        if bool(self.page_id) == bool(self.url.strip()):
            raise ValidationError(_("A menu link points to a page or to an address, not both."))
        if self.url and not self.page_id:
            if not (self.url.startswith("/") or self.url.startswith(("https://", "http://"))):
                raise ValidationError({"url": _("Write an address starting with / or https://.")})
            if not self.label.strip():
                raise ValidationError({"label": _("A link to an address needs a label.")})
