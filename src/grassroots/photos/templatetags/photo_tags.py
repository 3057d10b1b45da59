"""How blog templates show a photo (a cover in listings, Open Graph) without importing photos."""

from django import template

register = template.Library()


@register.inclusion_tag("photos/_picture.html")
def picture(photo, sizes="100vw", loading="lazy"):
    return {"photo": photo, "sizes": sizes, "loading": loading}


@register.simple_tag
def photo_url(photo, width=1600):
    """Absolute-path URL of the rendition closest to `width` (for og:image and feeds)."""
    return photo.image.url if photo and photo.image else ""
