"""What a post looked like at each save in the studio: who saved it, when, and its text."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PostRevision(models.Model):
    post = models.ForeignKey("blog.Post", on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.TextField(_("body (Markdown)"), blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    # Names, not rows: a tag deleted later must not change what a revision says.
    tags = models.JSONField(_("tags"), default=list, blank=True)
    cover = models.ForeignKey(
        "photos.Photo", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved"), db_index=True)
    # Autosaves by the same person follow each other into one row instead of hundreds.
    autosave = models.BooleanField(default=False)
    # The post's version this revision became (Post.version).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-saved_at", "-pk"]

    def __str__(self):
        return f"{self.post_id}@{self.saved_at:%Y-%m-%d %H:%M}"
