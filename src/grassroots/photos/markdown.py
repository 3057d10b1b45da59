"""Photos in a post's Markdown, through core/text.py's registries:

    ![alt text](photo:12 "caption")      one photo, as a <figure>
    ```gallery                           a series; one photo per line, caption after |
    photo:12 | The march starts
    photo:13
    ```

Missing alt text or caption fall back to the photo's own. The HTML is sanitised by
core/text.py like everything else in a post."""

import re

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from grassroots.photos.models import Photo

REFERENCE = re.compile(r"photo:(\d+)")
GALLERY_LINE = re.compile(r"^\s*photo:(\d+)\s*(?:\|\s*(.*?))?\s*$")
BODY_SIZES = "(min-width: 46rem) 44rem, 100vw"
GALLERY_SIZES = "(min-width: 46rem) 22rem, 100vw"


def _photo(target):
    target = target.strip()
    if not target.isdigit():
        return None
    return Photo.objects.filter(pk=int(target)).first()


def render_image(target, *, alt, title):
    photo = _photo(target)
    if photo is None:
        return None
    return render_to_string(
        "photos/_figure.html",
        {
            "photo": photo,
            "alt": alt.strip() or photo.alt_text,
            "caption": title.strip() or photo.caption,
            "sizes": BODY_SIZES,
        },
    )


def parse_gallery(content):
    """[(photo id, caption or '')] from a gallery block; lines that are not photos are
    ignored (a blank line, a stray word)."""
    items = []
    for line in content.splitlines():
        match = GALLERY_LINE.match(line)
        if match:
            items.append((int(match.group(1)), match.group(2) or ""))
    return items


def render_gallery(content):
    items = parse_gallery(content)
    photos = Photo.objects.in_bulk([pk for pk, _caption in items])
    figures = [
        {"photo": photos[pk], "caption": caption or photos[pk].caption}
        for pk, caption in items
        if pk in photos
    ]
    return render_to_string("photos/_gallery.html", {"figures": figures, "sizes": GALLERY_SIZES})


def publish_problems(source):
    """A post cannot be published while a photo it shows has no alt text (or is gone)."""
    ids = sorted({int(pk) for pk in REFERENCE.findall(source)})
    if not ids:
        return []
    photos = Photo.objects.in_bulk(ids)
    messages = []
    for pk in ids:
        photo = photos.get(pk)
        if photo is None:
            messages.append(_("Photo %(id)s does not exist (any more).") % {"id": pk})
        elif not photo.alt_text.strip():
            messages.append(
                _("Photo %(id)s has no alt text: describe it for readers who cannot see it.")
                % {"id": pk}
            )
    return messages
