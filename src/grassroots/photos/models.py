from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import TimeStamped


class Photo(TimeStamped):
    """A re-encoded master image with no metadata; the original upload is never kept."""

    # No width_field/height_field: Django would open the file from storage to fill them
    # whenever a Photo is loaded without them; photo_upload sets both itself.
    image = models.ImageField(_("image"), upload_to="photos/")
    # A name staff choose for the library. The uploaded file's name is never kept: names
    # like "Aigerim_at_the_shelter.jpg" can say who is in the picture.
    title = models.CharField(_("title"), max_length=200, blank=True)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        _("alt text"),
        max_length=500,
        blank=True,
        help_text=_(
            "What the photo shows, for readers who cannot see it. Required before a post "
            "using the photo can be published."
        ),
    )
    caption = models.TextField(_("caption"), max_length=2000, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    # [{"width", "height", "jpeg", "webp"}] with storage names, smallest first: kept on the
    # row so a page showing 50 covers needs no query per photo.
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    # Labels from imaging.py of what the upload carried and we dropped (the editor's proof).
    removed = models.JSONField(_("removed from the upload"), default=list, editable=False)
    source_format = models.CharField(_("uploaded format"), max_length=8, blank=True, editable=False)
    checked_clean_at = models.DateTimeField(
        _("files re-checked clean at"), null=True, editable=False
    )
    checked_files = models.PositiveIntegerField(_("files re-checked"), default=0, editable=False)
    blurred_regions = models.PositiveIntegerField(_("blurred regions"), default=0, editable=False)
    # Rectangles [x, y, w, h] (master pixels) a face detector proposed and no one applied yet.
    face_suggestions = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at"]

    def __str__(self):
        # The made-up name is in the reader's language: it shows in the studio's pickers.
        return str(
            self.title
            or self.caption[:60]
            or self.alt_text[:60]
            or _("Photo %(number)s") % {"number": self.pk}
        )

    def stored_names(self):
        names = [self.image.name] if self.image else []
        for rendition in self.renditions:
            names += [rendition["jpeg"], rendition["webp"]]
        return names

    def sources(self):
        """What <picture> needs: srcsets for WebP and JPEG, a fallback src and its size."""
        if not self.renditions:
            return None  # the master is never served (core/views.py): nothing to show yet
        url = default_storage.url
        fallback = next(
            (r for r in reversed(self.renditions) if r["width"] <= 960), self.renditions[0]
        )
        largest = self.renditions[-1]
        return {
            "webp": ", ".join(f"{url(r['webp'])} {r['width']}w" for r in self.renditions),
            "jpeg": ", ".join(f"{url(r['jpeg'])} {r['width']}w" for r in self.renditions),
            "src": url(fallback["jpeg"]),
            "width": largest["width"],
            "height": largest["height"],
        }

    def rendition_url(self, width=1600):
        """The JPEG rendition closest to `width` (Open Graph and feeds want one plain URL)."""
        if not self.renditions:
            return ""
        best = min(self.renditions, key=lambda r: abs(r["width"] - width))
        return default_storage.url(best["jpeg"])
