"""What an import brought in, so a second run (or one after an interruption) finds it and
adds nothing twice, and the old site's addresses that answer with a 301 to the new pages."""

import hashlib

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """One thing from a source file (a WordPress post, a Disqus comment) and the object it
    became. Written in the same transaction as that object, so the two exist together."""

    source = models.CharField(_("source"), max_length=300)
    kind = models.CharField(_("kind"), max_length=32)
    source_id = models.CharField(_("id in the source"), max_length=300)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # A digest of the source fields: a later run updates the object only when they changed.
    digest = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_id"], name="transfer_item_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.source} {self.kind} {self.source_id}"


def address_key(address):
    return hashlib.sha256(address.encode()).hexdigest()


class OldAddress(models.Model):
    """A path (and for `/?p=12` its one query parameter) of the old site, normalised by
    redirects.normalise(); it answers with a 301 to the current address of `item`'s object."""

    key = models.CharField(max_length=64, unique=True, editable=False)
    address = models.TextField(_("old address"))
    item = models.ForeignKey(ImportedItem, on_delete=models.CASCADE, related_name="addresses")

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.address

    def save(self, *args, **kwargs):
        self.key = address_key(self.address)
        super().save(*args, **kwargs)
