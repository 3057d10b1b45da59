"""Standalone pages (About us, Contact, Donate) and the navigation menu."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from grassroots.accounts.audit import audit_record
from grassroots.blog import page_editing, pages, translating
from grassroots.blog.models import MenuItem, Page
from grassroots.blog.revisions import EditConflict
from grassroots.blog.selectors import blog_identity
from grassroots.studio import editor, forms, previews, writing
from grassroots.studio.access import staff_required
from grassroots.studio.editor import NOTHING_PENDING, TRANSLATE
from grassroots.studio.views.autosaving import autosave_answer


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


@require_safe
@staff_required
def page_list(request):
    _require(request, "blog.view_page")
    return render(request, "studio/page_list.html", {"pages": Page.objects.defer("body_html")})


SAVED = {
    "save": gettext_lazy("Page saved."),
    "publish": gettext_lazy("Published: readers see it now."),
    "unpublish": gettext_lazy("Unpublished: readers no longer see it."),
    "publish_changes": gettext_lazy("Changes published."),
    "discard_changes": gettext_lazy("Changes discarded: readers see the published text."),
}
CONFLICT = gettext_lazy(
    "Someone saved this page while you were editing. Your text was not saved and is still "
    "below: compare in Revisions, or tick “Save my text anyway” (theirs stays in Revisions)."
)


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def page_edit(request, pk=None):
    page = get_object_or_404(Page.objects.select_related("pending"), pk=pk) if pk else None
    _require(request, "blog.change_page" if page else "blog.add_page")
    action = request.POST.get("action", "save")
    if action in page_editing.PUBLISHING:
        _require(request, "blog.publish_page")
    form = forms.PageForm(
        request.POST or None, request.FILES or None, instance=page, initial=forms.page_initial(page)
    )
    conflict = False
    saving = action in SAVED or action.startswith(TRANSLATE)
    if request.method == "POST" and form.is_valid() and saving:
        try:
            page = _save(request, page, form, action)
        except EditConflict:
            form.add_error(None, CONFLICT)
            conflict = True
        except ValidationError as error:  # for a translation: the text is saved, not the copy
            form.add_error(None, error)
        else:
            message = SAVED.get(action, SAVED["save"])
            if action == "save" and page.is_public and not page.pending_id:
                message = NOTHING_PENDING
            messages.success(request, message)
            return redirect("studio:page_edit", page.pk)
    context = _context(request, page, form) | {"conflict": conflict}
    return render(request, "studio/page_edit.html", context)


def _save(request, page, form, action):
    """Save the form; "translate:<language>" then starts that translation and goes on to it."""
    language = action.removeprefix(TRANSLATE)
    saving = "save" if language != action else action
    args = form.save_args()
    # The photos panel without JavaScript, as for a post: new photos at the end of the text.
    editor.add_uploads(form, args["data"], request.POST)
    editor.photo_texts(request.POST)
    page = page_editing.page_save(page=page, user=request.user, action=saving, **args)
    if language != action:
        page = translating.page_translate(page=page, user=request.user, language=language)
    return page


def _context(request, page, form):
    # The photos panel: the cards show the photos the text uses (a page keeps no others).
    photos = {
        "photos": writing.photos_in(form["body"].value() or ""),
        "library": writing.photo_library(),
        "photo_owner": "page",
    }
    if page is None:
        return {"form": form, "page": page, "pending": False, **photos}
    group = translating.page_translation_group(page=page)
    panel = writing.translation_panel(
        group=group,
        allowed={item.pk for item in group},
        can_add=request.user.has_perm("blog.add_page"),
    )
    pending = bool(page.pending_id)
    return {"form": form, "page": page, "pending": pending, "translations": panel, **photos}


@require_POST
@staff_required
def page_autosave(request, pk=None):
    """editor.js saves a page every few seconds and when the tab closes, as for a post: a new
    page is made by its first autosave (with a title: a page needs one)."""
    page = get_object_or_404(Page, pk=pk) if pk else None
    _require(request, "blog.change_page" if page else "blog.add_page")
    form = forms.PageForm(request.POST, instance=page)
    return autosave_answer(
        form,
        lambda: page_editing.page_save(
            page=page, user=request.user, autosave=True, **form.save_args()
        ),
        kind="page",
        links={"preview": "page_preview", "revisions": "page_revision_list"},
    )


@require_POST
@staff_required
def page_delete(request, pk):
    _require(request, "blog.delete_page")
    page = get_object_or_404(Page, pk=pk)
    pages.page_delete(page=page)
    audit_record(actor=request.user, action="page.delete", detail=page.title)
    messages.success(request, _("Page deleted."))
    return redirect("studio:page_list")


@require_safe
@staff_required
def page_preview(request, pk):
    _require(request, "blog.view_page")
    page = previews.as_readers_will_see(
        get_object_or_404(Page.objects.select_related("pending"), pk=pk)
    )
    blog = blog_identity()
    # The banner above the page is in the person's language; the page in the blog's.
    context = {"page": page, "preview": True, "staff_language": translation.get_language()}
    with translation.override(blog.language), timezone.override(blog.time_zone):
        return render(request, "blog/page_detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def menu(request):
    _require(request, "accounts.manage_staff")
    form = forms.MenuItemForm(request.POST or None)
    form.fields["page"].queryset = Page.objects.only("title")
    if request.method == "POST" and form.is_valid():
        pages.menu_item_add(**form.cleaned_data)
        messages.success(request, _("Link added to the menu."))
        return redirect("studio:menu")
    items = MenuItem.objects.select_related("page").only(
        "label", "url", "position", "page__title", "page__slug", "page__status"
    )
    return render(request, "studio/menu.html", {"form": form, "items": items})


@require_POST
@staff_required
def menu_change(request, pk):
    """Up, down (the buttons that need no JavaScript) or remove one link."""
    _require(request, "accounts.manage_staff")
    item = get_object_or_404(MenuItem, pk=pk)
    action = request.POST.get("action")
    if action in {"up", "down"}:
        pages.menu_move(item=item, step=-1 if action == "up" else 1)
    elif action == "remove":
        pages.menu_item_remove(item=item)
    return redirect("studio:menu")


@require_POST
@staff_required
def menu_order(request):
    """menu.js sends the order after a drag: ids, first to last."""
    _require(request, "accounts.manage_staff")
    ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()]
    pages.menu_reorder(ids=ids)
    return JsonResponse({"ok": True})


urls = [
    path("pages/", page_list, name="page_list"),
    path("pages/new/", page_edit, name="page_new"),
    path("pages/new/autosave/", page_autosave, name="page_autosave_new"),
    path("pages/<int:pk>/", page_edit, name="page_edit"),
    path("pages/<int:pk>/autosave/", page_autosave, name="page_autosave"),
    path("pages/<int:pk>/delete/", page_delete, name="page_delete"),
    path("pages/<int:pk>/preview/", page_preview, name="page_preview"),
    path("menu/", menu, name="menu"),
    path("menu/<int:pk>/", menu_change, name="menu_change"),
    path("menu/order/", menu_order, name="menu_order"),
]
