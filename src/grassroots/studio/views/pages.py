"""Standalone pages (About us, Contact, Donate) and the navigation menu."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from grassroots.accounts.audit import audit_record
from grassroots.blog import pages
from grassroots.blog.models import MenuItem, Page
from grassroots.blog.selectors import blog_identity
from grassroots.studio import forms
from grassroots.studio.access import staff_required


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


@require_safe
@staff_required
def page_list(request):
    _require(request, "blog.view_page")
    return render(request, "studio/page_list.html", {"pages": Page.objects.defer("body_html")})


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def page_edit(request, pk=None):
    page = get_object_or_404(Page, pk=pk) if pk else None
    _require(request, "blog.change_page" if page else "blog.add_page")
    form = forms.PageForm(
        request.POST or None, instance=page, initial={"version": getattr(page, "version", 0)}
    )
    if request.POST.get("action") in {"publish", "unpublish"}:
        _require(request, "blog.publish_page")
    if request.method == "POST" and form.is_valid():
        try:
            page = pages.page_save(
                page=page, form=form, user=request.user, action=request.POST.get("action", "save")
            )
        except pages.PageConflict:
            form.add_error(
                None,
                _(
                    "Someone saved this page while you were editing. Your text was not "
                    "saved; copy it and reload."
                ),
            )
        else:
            messages.success(request, _("Page saved."))
            return redirect("studio:page_edit", page.pk)
    return render(request, "studio/page_edit.html", {"form": form, "page": page})


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
    page = get_object_or_404(Page, pk=pk)
    blog = blog_identity()
    with translation.override(blog.language), timezone.override(blog.time_zone):
        return render(request, "blog/page_detail.html", {"page": page, "preview": True})


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
    path("pages/<int:pk>/", page_edit, name="page_edit"),
    path("pages/<int:pk>/delete/", page_delete, name="page_delete"),
    path("pages/<int:pk>/preview/", page_preview, name="page_preview"),
    path("menu/", menu, name="menu"),
    path("menu/<int:pk>/", menu_change, name="menu_change"),
    path("menu/order/", menu_order, name="menu_order"),
]
