"""Photos while writing (editor.js): upload several at once through the photo pipeline,
write alt text and caption in place, blur a region. The library page is views/photos.py."""

import json

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.blog import access
from grassroots.photos import services
from grassroots.photos.models import Photo
from grassroots.photos.refusals import Refused
from grassroots.studio.access import staff_required

MAX_FILES = 20


def _card(photo):
    return {
        "id": photo.pk,
        "src": photo.rendition_url(320),
        "alt": photo.alt_text,
        "caption": photo.caption,
        "width": photo.width,
        "height": photo.height,
    }


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


@require_POST
@staff_required
def editor_photo_upload(request):
    _require(request, "photos.add_photo")
    blur = request.POST.get("blur_faces") == "1"
    done, refused = [], []
    for upload in request.FILES.getlist("photos")[:MAX_FILES]:
        try:
            done.append(_card(services.photo_upload(file=upload, blur_faces=blur)))
        except Refused as error:
            refused.append(error.message)
    return JsonResponse({"photos": done, "refused": refused}, status=200 if done else 400)


@require_POST
@staff_required
def editor_photo_update(request, pk):
    photo = get_object_or_404(Photo, pk=pk)
    access.photo_check_change(user=request.user, photo=photo)
    fields = {k: request.POST[k] for k in ("alt_text", "caption") if k in request.POST}
    services.photo_update(photo=photo, **fields)
    return JsonResponse(_card(photo))


@require_POST
@staff_required
def editor_photo_blur(request, pk):
    photo = get_object_or_404(Photo, pk=pk)
    access.photo_check_change(user=request.user, photo=photo)
    try:
        regions = [
            [int(n) for n in region][:4] for region in json.loads(request.POST["regions"])[:200]
        ]
        if not regions or any(len(r) != 4 or r[2] <= 0 or r[3] <= 0 for r in regions):
            raise ValueError
    except (KeyError, ValueError, TypeError):
        return JsonResponse({"error": _("Mark a region to blur first.")}, status=400)
    return JsonResponse(_card(services.photo_blur(photo=photo, regions=_inside(photo, regions))))


def _inside(photo, regions):
    """Rectangles cut to the photo: a hand-made request cannot reach outside its pixels."""
    inside = []
    for x, y, w, h in regions:
        x, y = min(max(0, x), photo.width - 1), min(max(0, y), photo.height - 1)
        inside.append([x, y, max(1, min(w, photo.width - x)), max(1, min(h, photo.height - y))])
    return inside


urls = [
    path("editor/photos/", editor_photo_upload, name="editor_photo_upload"),
    path("editor/photos/<int:pk>/", editor_photo_update, name="editor_photo_update"),
    path("editor/photos/<int:pk>/blur/", editor_photo_blur, name="editor_photo_blur"),
]
