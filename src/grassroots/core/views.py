"""Media serving and the error pages: nothing internal ever reaches a reader."""

import mimetypes
import os
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils._os import safe_join
from django.views.decorators.http import require_safe

# Only images are ever served from media; anything else is refused rather than sniffed.
MEDIA_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"}
# Patterns (re.match on the media path) of files kept in storage but never served to
# readers: apps register them (photos: the full-size master), core knows no names.
PRIVATE_MEDIA = []


def register_private_media(pattern):
    PRIVATE_MEDIA.append(re.compile(pattern))


@require_safe
def media(request, path):
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except (SuspiciousFileOperation, ValueError):
        raise Http404 from None
    content_type, _encoding = mimetypes.guess_type(full_path.name)
    # Matched on the normalised path, so "photos/./x/master.jpg" is the master too.
    relative = os.path.relpath(full_path, os.path.abspath(settings.MEDIA_ROOT))
    private = any(pattern.match(Path(relative).as_posix()) for pattern in PRIVATE_MEDIA)
    if private or content_type not in MEDIA_TYPES or not full_path.is_file():
        raise Http404
    response = FileResponse(full_path.open("rb"), content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # File names change whenever the image changes, so readers may keep them for a year.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request context: when something is broken, the page must not
    # depend on the database or on anything else that may be the broken part.
    try:
        body = loader.render_to_string("500.html")
    except Exception:  # the template itself may be what is broken
        body = FALLBACK_500
    return HttpResponseServerError(body)


FALLBACK_500 = (
    "<!doctype html><html lang=en><title>Something went wrong</title>"
    "<h1>Something went wrong</h1><p>Please try again in a minute.</p></html>"
)
