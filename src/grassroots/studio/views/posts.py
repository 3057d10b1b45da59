"""Writing: the list of posts, the editor (plain form posts; editor.js enhances it) and
autosave."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from grassroots.blog import access, editing, services
from grassroots.studio import editor, forms, selectors
from grassroots.studio.access import staff_required
from grassroots.studio.views.autosaving import autosave_answer
from grassroots.studio.views.paging import paginate
from grassroots.studio.writing import editor_context


@require_safe
@staff_required
def post_list(request):
    state = request.GET.get("state", "")
    page = paginate(request, selectors.post_list_for_user(user=request.user, state=state))
    return render(request, "studio/post_list.html", {"page": page, "state": state})


def _run(request, post):
    """One editor button, from a plain form post. Returns a response."""
    form = forms.PostEditorForm(request.POST, request.FILES)
    action = request.POST.get("action", "save")
    if not form.is_valid() or not editor.known(action):
        return render(request, "studio/post_edit.html", editor_context(request, post, form))
    try:
        post, message = editor.submit(
            post=post, user=request.user, form=form, action=action, post_data=request.POST
        )
    except editing.EditConflict as conflict:
        context = editor_context(request, post, form, conflict=conflict.latest)
        return render(request, "studio/post_edit.html", context, status=409)
    except ValidationError as error:
        post = getattr(error, "post", post)
        form.add_error(None, error)
        return render(request, "studio/post_edit.html", editor_context(request, post, form))
    if action == "preview":
        return redirect("studio:post_preview", post.pk)
    messages.success(request, message)
    return redirect("studio:post_edit", post.pk)


# Never from the browser's cache: Back must show what was saved, with its version.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def post_new(request):
    if not request.user.has_perm("blog.add_post"):
        raise editor.PermissionDenied
    if request.method == "POST":
        return _run(request, None)
    form = forms.PostEditorForm(initial={"version": 0, "comments_open": True})
    return render(request, "studio/post_edit.html", editor_context(request, None, form))


# Never from the browser's cache: Back must show what was saved, with its version.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def post_edit(request, pk):
    post = access.post_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        return _run(request, post)
    form = forms.PostEditorForm(initial=editor.initial(post))
    return render(request, "studio/post_edit.html", editor_context(request, post, form))


@require_POST
@staff_required
def post_autosave(request, pk=None):
    """editor.js saves the form every few seconds and when the tab closes: JSON back."""
    post = access.post_get_for_user(user=request.user, pk=pk) if pk else None
    if post is None and not request.user.has_perm("blog.add_post"):
        raise editor.PermissionDenied
    form = forms.PostEditorForm(request.POST)
    force = request.POST.get("force") == "1"
    return autosave_answer(
        form,
        lambda: editor.autosave(
            post=post, user=request.user, form=form, force=force, post_data=request.POST
        ),
        kind="post",
        # For the links a new post shows once it exists (editor.js).
        links={
            "preview": "post_preview",
            "revisions": "revision_list",
            "share": "post_share",
            "delete": "post_delete",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def post_delete(request, pk):
    """Asks first: a deleted post, its revisions and its comments are gone for good."""
    post = access.post_get_for_user(user=request.user, pk=pk)
    access.post_check_delete(user=request.user, post=post)
    if request.method != "POST":
        return render(request, "studio/post_delete.html", {"post": post})
    services.post_delete(post=post, actor=request.user)
    messages.success(request, _("Post deleted."))
    return redirect("studio:post_list")


urls = [
    path("posts/", post_list, name="post_list"),
    path("posts/new/", post_new, name="post_new"),
    path("posts/new/autosave/", post_autosave, name="post_autosave_new"),
    path("posts/<int:pk>/", post_edit, name="post_edit"),
    path("posts/<int:pk>/autosave/", post_autosave, name="post_autosave"),
    path("posts/<int:pk>/delete/", post_delete, name="post_delete"),
]
