"""The moderation pages: the queue, one comment (edit, reply, show email) and the blocklist.
Every action is a plain form post; moderation.js only adds keys and saves page loads."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe

from grassroots.comments import selectors, services
from grassroots.comments.models import BlockedTerm, Comment
from grassroots.studio.access import staff_required
from grassroots.studio.moderation_forms import (
    ACTIONS,
    ActionForm,
    BlockedTermForm,
    CommentTextForm,
    ReplyForm,
)

PER_PAGE = 50
TABS = Comment.Status.choices
TAB_LABELS = {Comment.Status.PENDING: gettext_lazy("Waiting")}


def moderator_required(view, perm="comments.moderate_comment"):
    return staff_required(permission_required(perm, raise_exception=True)(view))


def _done_message(action, count):
    if action == "approve":
        return ngettext("%d comment approved.", "%d comments approved.", count) % count
    if action == "spam":
        return ngettext("%d comment marked as spam.", "%d comments marked as spam.", count) % count
    return (
        ngettext("%d comment moved to the trash.", "%d comments moved to the trash.", count) % count
    )


def _queue_url(status):
    url = reverse("studio:comment_queue")
    return url if status in ("", Comment.Status.PENDING) else f"{url}?status={status}"


@require_safe
@moderator_required
def comment_queue(request):
    status = request.GET.get("status", Comment.Status.PENDING)
    if status not in Comment.Status.values:
        raise Http404
    page = Paginator(selectors.comment_list_for_moderation(status=status), PER_PAGE)
    counts = selectors.comment_counts_by_status()
    context = {
        "status": status,
        "tabs": [(value, TAB_LABELS.get(value, label), counts[value]) for value, label in TABS],
        "page": page.get_page(request.GET.get("page")),
    }
    return render(request, "studio/comment_queue.html", context)


@require_POST
@moderator_required
def comment_act(request):
    form = ActionForm(request.POST)
    wants_json = request.headers.get("Accept") == "application/json"
    if not form.is_valid():
        message = " ".join(form.non_field_errors()) or _("That action is not known.")
        if wants_json:
            return JsonResponse({"message": message}, status=400)
        messages.error(request, message)
        return redirect(_queue_url(form.cleaned_data.get("status", "")))
    data = form.cleaned_data
    count = services.comment_set_status(
        comments=data["chosen"], status=ACTIONS[data["action"]], actor=request.user
    )
    message = _done_message(data["action"], count)
    if wants_json:
        return JsonResponse({"message": message, "count": count})
    messages.success(request, message)
    return redirect(_queue_url(data.get("status", "")))


def _comment_or_404(pk):
    comment = selectors.comment_get_for_moderation(pk=pk)
    if comment is None:
        raise Http404
    return comment


def _comment_page(request, comment, **context):
    context = {
        "comment": comment,
        "text_form": CommentTextForm(initial={"body": comment.body}),
        "reply_form": ReplyForm(),
        "can_edit": request.user.has_perm("comments.change_comment"),
    } | context
    return render(request, "studio/comment_detail.html", context)


@moderator_required
def comment_detail(request, pk):
    """The whole comment; a POST saves an edited text (approved comments stay approved)."""
    comment = _comment_or_404(pk)
    if request.method != "POST":
        return _comment_page(request, comment)
    if not request.user.has_perm("comments.change_comment"):
        raise PermissionDenied
    form = CommentTextForm(request.POST)
    if form.is_valid():
        services.comment_edit_by_staff(
            comment=comment, body=form.cleaned_data["body"], actor=request.user
        )
        messages.success(request, _("The comment text is saved."))
        return redirect("studio:comment_detail", pk=comment.pk)
    return _comment_page(request, comment, text_form=form)


@require_POST
@moderator_required
def comment_reply(request, pk):
    comment = _comment_or_404(pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.comment_reply_as_blog(
                parent=comment, body=form.cleaned_data["body"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your reply is published under the blog's name."))
            return redirect("studio:comment_queue")
    return _comment_page(request, comment, reply_form=form)


@require_POST
@moderator_required
def comment_email(request, pk):
    """Shown on this one answer only (never in a URL), and recorded in the audit log."""
    comment = _comment_or_404(pk)
    email = services.comment_email_for_moderator(comment=comment, actor=request.user)
    return _comment_page(request, comment, email=email or _("(no email: it was erased)"))


@moderator_required
def blocklist(request):
    form = BlockedTermForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("comments.change_blockedterm"):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.blocklist_add(**form.cleaned_data, actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Added to the blocklist."))
                return redirect("studio:blocklist")
    context = {"form": form, "terms": selectors.blocklist_list()}
    return render(request, "studio/comment_blocklist.html", context)


@require_POST
@moderator_required
def blocklist_remove(request, pk):
    if not request.user.has_perm("comments.change_blockedterm"):
        raise PermissionDenied
    services.blocklist_remove(term=get_object_or_404(BlockedTerm, pk=pk), actor=request.user)
    messages.success(request, _("Removed from the blocklist."))
    return redirect("studio:blocklist")
