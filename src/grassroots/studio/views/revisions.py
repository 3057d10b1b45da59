"""Revisions of a post or a page: the list, a readable difference between any two, and
restore. The same views serve both kinds; `kind` comes from the URL pattern."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from grassroots.blog import access, editing, page_editing
from grassroots.blog.models import Page
from grassroots.studio import diffs, editor
from grassroots.studio.access import staff_required

# The studio's URL names for each kind: the templates link with them.
NAMES = {
    kind: {
        "edit": f"studio:{kind}_edit",
        "list": f"studio:{prefix}revision_list",
        "diff": f"studio:{prefix}revision_diff",
        "restore": f"studio:{prefix}revision_restore",
    }
    for kind, prefix in (("post", ""), ("page", "page_"))
}


def _owner(request, kind, pk, *, change=False):
    """The post or page, if this person may see it (and change it, with `change`)."""
    if kind == "page":
        if not request.user.has_perm("blog.change_page" if change else "blog.view_page"):
            raise PermissionDenied
        return get_object_or_404(Page, pk=pk)
    post = access.post_get_for_user(user=request.user, pk=pk)
    if change:
        editor.check_allowed(user=request.user, post=post, action="save", data={})
    return post


def _revision(owner, pk):
    revisions = owner.revisions.all()
    if "cover" in owner.revisions.model.FIELDS:
        revisions = revisions.select_related("cover")
    return get_object_or_404(revisions, pk=pk)


def _context(kind, owner, **more):
    return {"owner": owner, "kind": kind, "names": NAMES[kind], **more}


@require_safe
@staff_required
def revision_list(request, pk, kind="post"):
    owner = _owner(request, kind, pk)
    model = owner.revisions.model
    heavy = [name for name in ("body", "excerpt") if name in model.FIELDS]
    revisions = owner.revisions.select_related("saved_by").defer(*heavy)[:200]
    return render(request, "studio/revision_list.html", _context(kind, owner, revisions=revisions))


@require_safe
@staff_required
def revision_diff(request, pk, kind="post"):
    owner = _owner(request, kind, pk)
    try:
        old = _revision(owner, int(request.GET.get("from", "")))
        new = _revision(owner, int(request.GET.get("to", "")))
    except ValueError:
        messages.error(request, _("Choose two revisions to compare."))
        return redirect(NAMES[kind]["list"], owner.pk)
    if old.saved_at > new.saved_at:
        old, new = new, old
    fields = diffs.revision_diff(old, new)
    return render(
        request, "studio/revision_diff.html", _context(kind, owner, old=old, new=new, fields=fields)
    )


@require_POST
@staff_required
def revision_restore(request, pk, revision, kind="post"):
    owner = _owner(request, kind, pk, change=True)
    restore = (
        editing.post_restore_revision if kind == "post" else page_editing.page_restore_revision
    )
    restore(**{kind: owner}, revision=_revision(owner, revision), user=request.user)
    messages.success(request, _("That version is back in the editor, saved as a new revision."))
    return redirect(NAMES[kind]["edit"], owner.pk)


urls = [
    path(f"{kind}s/<int:pk>/revisions/{tail}", view, {"kind": kind}, name=f"{prefix}{name}")
    for kind, prefix in (("post", ""), ("page", "page_"))
    for tail, view, name in (
        ("", revision_list, "revision_list"),
        ("compare/", revision_diff, "revision_diff"),
        ("<int:revision>/restore/", revision_restore, "revision_restore"),
    )
]
