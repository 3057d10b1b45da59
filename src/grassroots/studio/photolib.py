"""The photo library: a grid with alt-text status, what was removed from each file and where
each is used; upload, describe, blur, replace and delete. Plain form posts throughout."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from grassroots.blog import access
from grassroots.photos import faces, selectors, services, uploads, usage
from grassroots.photos.refusals import Refused
from grassroots.studio.access import staff_required
from grassroots.studio.photo_forms import (
    BlurForm,
    PhotoUploadForm,
    PhotoWordsForm,
    ReplaceForm,
    describe_formset,
)

PER_PAGE = 48


def photos_required(perm):
    def decorate(view):
        return staff_required(permission_required(perm, raise_exception=True)(view))

    return decorate


def _photo_or_404(pk):
    photo = selectors.photo_get(pk=pk)
    if photo is None:
        raise Http404
    return photo


@require_safe
@photos_required("photos.view_photo")
def photo_library(request):
    missing = request.GET.get("alt") == "missing"
    search = request.GET.get("q", "").strip()[:100]
    rows = selectors.photo_list_library(missing_alt=missing, search=search)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    uses = usage.uses_of([photo.pk for photo in page])
    cards = [(photo, uses[photo.pk]) for photo in page]
    context = {"page": page, "cards": cards, "missing": missing, "search": search}
    return render(request, "studio/photo_library.html", context)


@csrf_exempt  # checked below, after the size cap is installed (uploads.parse_capped)
@photos_required("photos.add_photo")
def photo_upload(request):
    handler, too_many = uploads.parse_capped(request)
    if too_many:
        return render(request, "studio/photo_upload.html", {"form": PhotoUploadForm()})
    return csrf_protect(_upload)(request, handler)


def _upload(request, handler):
    form = PhotoUploadForm(request.POST or None, request.FILES or None)
    stored = uploads.receive(request, handler, form, actor=request.user)
    if stored is None:
        return render(request, "studio/photo_upload.html", {"form": form})
    target = reverse("studio:photo_upload")
    if stored:
        ids = [photo.pk for photo in stored]
        target = reverse("studio:photo_describe") + "?" + urlencode({"ids": ids}, doseq=True)
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":  # photos/admin.js
        return JsonResponse({"redirect": target})
    return redirect(target)


@photos_required("photos.change_photo")
def photo_describe(request):
    """Title, alt text and caption for the photos just uploaded, on one page."""
    ids = [int(pk) for pk in request.GET.getlist("ids") if pk.isdigit() and len(pk) < 12][:100]
    photos = selectors.photo_list_by_ids(ids=ids)
    formset = describe_formset(photos, request.POST if request.method == "POST" else None)
    if request.method == "POST" and formset.is_valid():
        fields = ("title", "alt_text", "caption")
        services.photo_update_many(
            changes=[(f.instance, {n: f.cleaned_data[n] for n in fields}) for f in formset.forms]
        )
        messages.success(request, _("The descriptions are saved."))
        return redirect("studio:photo_library")
    return render(request, "studio/photo_describe.html", {"formset": formset})


def _detail_page(request, photo, **forms):
    uses = usage.uses_of([photo.pk])[photo.pk]
    context = {
        "photo": photo,
        "uses": uses,
        "blocking": [use for use in uses if use.public],
        "words_form": PhotoWordsForm(instance=photo),
        "blur_form": BlurForm(photo=photo),
        "replace_form": ReplaceForm(),
    } | forms
    return render(request, "studio/photo_detail.html", context)


@photos_required("photos.view_photo")
def photo_detail(request, pk):
    """The photo with its proof and uses; a POST saves its words."""
    photo = _photo_or_404(pk)
    if request.method != "POST":
        return _detail_page(request, photo)
    access.photo_check_change(user=request.user, photo=photo)
    form = PhotoWordsForm(request.POST, instance=selectors.photo_get(pk=pk))
    if form.is_valid():
        services.photo_update(photo=photo, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("studio:photo_detail", pk=photo.pk)
    return _detail_page(request, photo, words_form=form)


@require_POST
@photos_required("photos.change_photo")
def photo_blur(request, pk):
    photo = _photo_or_404(pk)
    access.photo_check_change(user=request.user, photo=photo)
    if "detect" in request.POST:
        try:
            found = services.photo_suggest_faces(photo=photo)
        except faces.DetectorUnavailable:
            messages.error(request, _("Face detection is not installed on this server."))
        else:
            messages.info(request, _("Faces found: %(count)d. Check the rectangles, then blur.")
                          % {"count": len(found)})  # fmt: skip
        return redirect("studio:photo_detail", pk=photo.pk)
    form = BlurForm(request.POST, photo=photo)
    if not form.is_valid():
        return _detail_page(request, photo, blur_form=form)
    services.photo_blur(photo=photo, regions=form.cleaned_data["regions"], actor=request.user)
    messages.success(request, _("The regions are blurred in every stored file."))
    return redirect("studio:photo_detail", pk=photo.pk)


@csrf_exempt  # checked below, after the size cap is installed (uploads.parse_capped)
@require_POST
@photos_required("photos.change_photo")
def photo_replace(request, pk):
    photo = _photo_or_404(pk)
    access.photo_check_change(user=request.user, photo=photo)
    handler, too_many = uploads.parse_capped(request)
    if too_many:
        return redirect("studio:photo_detail", pk=photo.pk)
    return csrf_protect(_replace)(request, photo, handler)


def _replace(request, photo, handler):
    form = ReplaceForm(request.POST, request.FILES)
    if handler.too_large:
        form.add_error("file", str(Refused("too_large_file")))
    elif form.is_valid():
        try:
            services.photo_replace(photo=photo, file=form.cleaned_data["file"], actor=request.user)
        except Refused as refusal:
            form.add_error("file", refusal.message)
        else:
            messages.success(request, _("The photo is replaced wherever it is used."))
            return redirect("studio:photo_detail", pk=photo.pk)
    return _detail_page(request, photo, replace_form=form)


@photos_required("photos.delete_photo")
def photo_delete(request, pk):
    """GET asks to confirm; POST deletes, or says which published posts still show it."""
    photo = _photo_or_404(pk)
    if request.method == "POST":
        try:
            services.photo_delete(photo=photo, actor=request.user)
        except usage.PhotoInUse:
            messages.error(request, _("This photo is on published posts; it was not deleted."))
        else:
            messages.success(request, _("The photo and all its files are deleted."))
            return redirect("studio:photo_library")
    uses = usage.uses_of([photo.pk])[photo.pk]
    context = {"photo": photo, "uses": uses, "blocking": [use for use in uses if use.public]}
    return render(request, "studio/photo_delete.html", context)
