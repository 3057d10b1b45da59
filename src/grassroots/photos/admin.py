"""Staff pages for photos: upload several at once (with a progress bar where JavaScript
runs), edit alt text, caption and credit, blur faces, and see what was removed."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from grassroots.photos import faces, services, uploads, usage
from grassroots.photos.forms import PhotoChangeForm, PhotoUploadForm
from grassroots.photos.models import Photo
from grassroots.photos.previews import preview_with_suggestions


class AltTextFilter(admin.SimpleListFilter):
    title = _("alt text")
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing (blocks publishing)")), ("present", _("Written"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(alt_text="")
        if self.value() == "present":
            return queryset.exclude(alt_text="")
        return queryset


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoChangeForm
    change_form_template = "admin/photos/photo/change_form.html"
    list_display = ["thumbnail", "__str__", "has_alt_text", "credit", "created_at"]
    search_fields = ["alt_text", "caption", "credit"]
    list_filter = [AltTextFilter]
    readonly_fields = ["preview", "markdown", "privacy_proof"]
    fieldsets = [
        (None, {"fields": ["preview", "alt_text", "caption", "credit", "markdown"]}),
        (_("Privacy"), {"fields": ["privacy_proof"]}),
        (_("Blur faces and other details"), {"fields": ["blur_regions", "blur_now"]}),
    ]

    class Media:
        css = {"all": ["photos/admin.css"]}
        js = ["photos/admin.js"]

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("upload/", upload, name="photos_photo_upload"), *super().get_urls()]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:photos_photo_upload")

    @method_decorator(csrf_exempt)
    def upload_view(self, request):
        # The size cap must be installed before the body is parsed, so CSRF is checked
        # here, after it, instead of by the middleware (which would parse first).
        handler, too_many = uploads.parse_capped(request)
        if too_many:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return self._form_page(request, PhotoUploadForm())
        return csrf_protect(self._upload)(request, handler)

    def _upload(self, request, handler):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = PhotoUploadForm(request.POST or None, request.FILES or None)
        skipped = uploads.skipped_for_size(handler)
        # Every file skipped for its size leaves "files" empty: still a batch to report.
        only_skipped = bool(skipped) and not form.is_valid() and set(form.errors) == {"files"}
        if request.method == "POST" and (form.is_valid() or only_skipped):
            data = form.cleaned_data
            results = services.photo_upload_batch(
                files=data.get("files", []),
                credit=data.get("credit", ""),
                blur_faces=data.get("blur_faces", False),
                actor=request.user,
            )
            self._report(request, results + skipped)
            target = reverse("admin:photos_photo_changelist")
            if request.headers.get("X-Requested-With") == "XMLHttpRequest":
                return JsonResponse({"redirect": target})
            return HttpResponseRedirect(target)
        self._report(request, skipped)
        return self._form_page(request, form)

    def _form_page(self, request, form):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Upload photos"),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/photos/photo/upload.html", context)

    def _report(self, request, results):
        uploads.report(request, results)

    def save_model(self, request, obj, form, change):
        services.photo_update(
            photo=obj,
            alt_text=form.cleaned_data["alt_text"],
            caption=form.cleaned_data["caption"],
            credit=form.cleaned_data["credit"],
        )
        if form.cleaned_data.get("blur_now") and form.cleaned_data.get("regions"):
            services.photo_blur(photo=obj, regions=form.cleaned_data["regions"], actor=request.user)
            messages.success(request, _("The regions are blurred in every stored file."))

    def response_change(self, request, obj):
        if "_detect_faces" in request.POST:
            try:
                found = services.photo_suggest_faces(photo=obj)
            except faces.DetectorUnavailable:
                messages.error(request, _("Face detection is not installed on this server."))
            else:
                messages.info(
                    request,
                    ngettext(
                        "%(count)d face found: check the rectangle, adjust it, then blur.",
                        "%(count)d faces found: check the rectangles, adjust them, then blur.",
                        len(found),
                    )
                    % {"count": len(found)}
                    if found
                    else _("No face found. Look for faces yourself and mark them."),
                )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def get_deleted_objects(self, objs, request):
        # A photo on a published post is not deleted (photo_delete refuses): the admin lists
        # those posts as protected instead of failing.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        uses = usage.uses_of([photo.pk for photo in objs])
        protected += [use.title for pk in uses for use in uses[pk] if use.public]
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        services.photo_delete(photo=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for photo in queryset:
            services.photo_delete(photo=photo, actor=request.user)

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        if not obj.renditions:
            return "—"
        smallest = obj.renditions[0]
        return format_html(
            '<img src="{}" alt="" width="96" height="{}" class="photo-thumb">',
            default_storage.url(smallest["jpeg"]),
            max(1, round(96 * smallest["height"] / smallest["width"])),
        )

    @admin.display(boolean=True, description=_("alt text"))
    def has_alt_text(self, obj):
        return bool(obj.alt_text.strip())

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk or not obj.renditions:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}" class="photo-preview" '
            'data-photo-width="{}" data-photo-height="{}"><br>{}',
            preview_with_suggestions(obj),
            min(obj.width, 960),
            round(min(obj.width, 960) * obj.height / obj.width),
            obj.width,
            obj.height,
            _("%(width)s by %(height)s pixels") % {"width": obj.width, "height": obj.height},
        )

    @admin.display(description=_("in a post"))
    def markdown(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            "<code>![](photo:{})</code> {}<br><code>photo:{} | …</code> {}",
            obj.pk,
            _("on a line of its own (the photo's alt text and caption are used)"),
            obj.pk,
            _("as a line in a gallery block"),
        )

    @admin.display(description=_("what was removed"))
    def privacy_proof(self, obj):
        if not obj.pk:
            return "—"
        return render_to_string("photos/_privacy_proof.html", {"photo": obj})
