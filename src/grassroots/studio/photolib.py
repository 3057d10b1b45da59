"""The photo library pages."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from grassroots.studio.access import staff_required


def photos_required(view, perm="photos.view_photo"):
    return staff_required(permission_required(perm, raise_exception=True)(view))


@require_safe
@photos_required
def photo_library(request):
    return render(request, "studio/photo_library.html", {})
