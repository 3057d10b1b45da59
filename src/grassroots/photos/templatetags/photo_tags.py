"""How blog templates show a photo (a cover in listings, Open Graph) without importing photos.
Both read the rendition names stored on the row: no query, no file access, no resizing."""

from django import template

from grassroots.photos import labels

register = template.Library()


@register.inclusion_tag("photos/_picture.html")
def picture(photo, sizes="100vw", loading="lazy", fetchpriority=""):
    """<picture> with WebP and JPEG srcsets; the largest photo above the fold (a page's
    Largest Contentful Paint) passes loading="eager" fetchpriority="high"."""
    return {
        "photo": photo,
        "sizes": sizes,
        "loading": loading,
        "fetchpriority": fetchpriority,
        "alt": None,
    }


@register.simple_tag
def photo_url(photo, width=1600):
    """Absolute-path URL of the JPEG rendition closest to `width` (og:image and feeds)."""
    return photo.rendition_url(width) if photo else ""


@register.filter
def removed_labels(photo):
    """What was found in the upload and left out of every stored file, in words."""
    return labels.removed_labels(photo.removed)


@register.inclusion_tag("photos/_privacy_proof.html")
def privacy_proof(photo):
    return {"photo": photo}
