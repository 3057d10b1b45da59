"""What a post or a page looked like at each save in the studio: who saved it, when, and
its text (blog/revisions.py keeps them the same way for both); and the photos on a post's
editor cards."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Revision(models.Model):
    """The part every kind of revision shares; FIELDS names the text each one keeps."""

    FIELDS = ("title", "body")

    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.TextField(_("body (Markdown)"), blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved"), db_index=True)
    # Autosaves by the same person follow each other into one row instead of hundreds.
    autosave = models.BooleanField(default=False)
    # The version of the post or page this revision became (its `version` field).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-saved_at", "-pk"]

    def values(self):
        """The kept text as the editor's fields (tags as names)."""
        return {name: getattr(self, name) for name in self.FIELDS}


class PostRevision(Revision):
    FIELDS = ("title", "body", "excerpt", "tags", "cover")

    post = models.ForeignKey("blog.Post", on_delete=models.CASCADE, related_name="revisions")
    excerpt = models.TextField(_("excerpt"), blank=True)
    # Names, not rows: a tag deleted later must not change what a revision says.
    tags = models.JSONField(_("tags"), default=list, blank=True)
    cover = models.ForeignKey(
        "photos.Photo", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(Revision.Meta):
        pass

    def __str__(self):
        return f"{self.post_id}@{self.saved_at:%Y-%m-%d %H:%M}"


class PageRevision(Revision):
    page = models.ForeignKey("blog.Page", on_delete=models.CASCADE, related_name="revisions")

    class Meta(Revision.Meta):
        verbose_name = _("page revision")
        verbose_name_plural = _("page revisions")

    def __str__(self):
        return f"page {self.page_id}@{self.saved_at:%Y-%m-%d %H:%M}"


class PostPhoto(models.Model):
    """A photo on a post's editor cards: uploaded or picked while writing, it stays there
    (in the text or not yet) until the author removes it, so six photos uploaded before a
    reload are still at hand to insert. Readers never see this; the text says what they see."""

    post = models.ForeignKey("blog.Post", on_delete=models.CASCADE, related_name="photo_cards")
    photo = models.ForeignKey("photos.Photo", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("photo on the editor's cards")
        verbose_name_plural = _("photos on the editor's cards")
        constraints = [
            models.UniqueConstraint(fields=["post", "photo"], name="blog_postphoto_once")
        ]

    def __str__(self):
        return f"{self.post_id}: photo {self.photo_id}"
