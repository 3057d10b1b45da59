"""Revisions of a post: the list, a readable difference between any two, and restore."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from grassroots.blog import access, editing
from grassroots.studio import diffs, editor
from grassroots.studio.access import staff_required


def _revision(post, pk):
    return get_object_or_404(post.revisions.select_related("cover"), pk=pk)


@require_safe
@staff_required
def revision_list(request, pk):
    post = access.post_get_for_user(user=request.user, pk=pk)
    revisions = post.revisions.select_related("saved_by").defer("body", "excerpt")[:200]
    return render(request, "studio/revision_list.html", {"post": post, "revisions": revisions})


@require_safe
@staff_required
def revision_diff(request, pk):
    post = access.post_get_for_user(user=request.user, pk=pk)
    try:
        old = _revision(post, int(request.GET.get("from", "")))
        new = _revision(post, int(request.GET.get("to", "")))
    except ValueError:
        messages.error(request, _("Choose two revisions to compare."))
        return redirect("studio:revision_list", post.pk)
    if old.saved_at > new.saved_at:
        old, new = new, old
    context = {"post": post, "old": old, "new": new, "fields": diffs.revision_diff(old, new)}
    return render(request, "studio/revision_diff.html", context)


@require_POST
@staff_required
def revision_restore(request, pk, revision):
    post = access.post_get_for_user(user=request.user, pk=pk)
    editor.check_allowed(user=request.user, post=post, action="save", data={})
    editing.post_restore_revision(post=post, revision=_revision(post, revision), user=request.user)
    messages.success(request, _("That version is back in the editor, saved as a new revision."))
    return redirect("studio:post_edit", post.pk)


urls = [
    path("posts/<int:pk>/revisions/", revision_list, name="revision_list"),
    path("posts/<int:pk>/revisions/compare/", revision_diff, name="revision_diff"),
    path(
        "posts/<int:pk>/revisions/<int:revision>/restore/",
        revision_restore,
        name="revision_restore",
    ),
]
