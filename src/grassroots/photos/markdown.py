"""Photos in a post's Markdown, through core/text.py's registries:

    ![alt text](photo:12 "caption")      one photo, as a <figure> in the text column
    ![alt text](photo:12:wide "caption") wider than the text column on large screens
    ![alt text](photo:12:full "caption") the whole width of the window
    ```gallery                           a series; one photo per line, caption after |
    photo:12 | The march starts          (```gallery wide: the series breaks out too)
    photo:13
    ```

Each photo links to its largest rendition, so it opens large without JavaScript. Missing
alt text or caption fall back to the photo's own. The HTML is sanitised by core/text.py
like everything else in a post."""

import re

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from grassroots.photos.models import Photo

REFERENCE = re.compile(r"photo:(\d+)")
TARGET = re.compile(r"^\s*(\d+)\s*(?::\s*(wide|full)\s*)?$")
GALLERY_LINE = re.compile(r"^\s*photo:(\d+)\s*(?:\|\s*(.*?))?\s*$")
LARGEST = 10**6  # rendition_url picks the closest width: the largest one
# What each layout's <img sizes> says; the stylesheet (blog.css) draws the same widths.
BODY_SIZES = "(min-width: 46rem) 44rem, 100vw"
WIDE_SIZES = "(min-width: 64rem) 62rem, 100vw"
FULL_SIZES = "100vw"
SIZES = {"": BODY_SIZES, "wide": WIDE_SIZES, "full": FULL_SIZES}
GALLERY_SIZES = {"": "(min-width: 46rem) 22rem, 100vw", "wide": "(min-width: 64rem) 31rem, 50vw"}


def render_image(target, *, alt, title):
    match = TARGET.match(target)
    photo = Photo.objects.filter(pk=int(match.group(1))).first() if match else None
    if photo is None:
        return None
    layout = match.group(2) or ""
    return render_to_string(
        "photos/_figure.html",
        {
            "photo": photo,
            "alt": alt.strip() or photo.alt_text,
            "caption": title.strip() or photo.caption,
            "sizes": SIZES[layout],
            "layout": layout,
            "large": photo.rendition_url(LARGEST),
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


def render_gallery(content, *, options=()):
    """Two columns on wide screens; with an odd number of photos the first one takes a whole
    row (the stylesheet does that), so no series of 1 to 12 leaves a hole."""
    layout = "wide" if "wide" in options else ""
    items = parse_gallery(content)
    photos = Photo.objects.in_bulk([pk for pk, _caption in items])
    figures = [
        {
            "photo": photos[pk],
            "caption": caption or photos[pk].caption,
            "large": photos[pk].rendition_url(LARGEST),
        }
        for pk, caption in items
        if pk in photos
    ]
    odd = len(figures) % 2 == 1
    for index, figure in enumerate(figures):
        whole_row = odd and index == 0
        figure["sizes"] = SIZES[layout] if whole_row else GALLERY_SIZES[layout]
    return render_to_string("photos/_gallery.html", {"figures": figures, "layout": layout})


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
