"""Reads of photos for the studio's library, each with a fixed number of queries."""

from django.db.models import Q

from grassroots.photos.models import Photo


def photo_list_library(*, missing_alt=False, search=""):
    """Newest first; optionally only those still missing alt text, or matching words."""
    rows = Photo.objects.defer("face_suggestions").order_by("-created_at", "-pk")
    if missing_alt:
        rows = rows.filter(alt_text="")
    if search:
        rows = rows.filter(
            Q(title__icontains=search)
            | Q(alt_text__icontains=search)
            | Q(caption__icontains=search)
        )
    return rows


def photo_count_missing_alt():
    return Photo.objects.filter(alt_text="").count()


def photo_get(*, pk):
    return Photo.objects.filter(pk=pk).first()


def photo_list_by_ids(*, ids):
    return list(Photo.objects.filter(pk__in=ids).order_by("pk"))
