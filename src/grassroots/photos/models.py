from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStamped


class Photo(TimeStamped):
    """A re-encoded master image with no metadata; the original upload is never kept."""

    image = models.ImageField(
        _("image"), upload_to="photos/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(_("alt text"), max_length=500, blank=True)
    caption = models.TextField(_("caption"), max_length=2000, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at"]

    def __str__(self):
        return self.caption[:60] or self.alt_text[:60] or f"Photo {self.pk}"
