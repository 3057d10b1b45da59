"""Thin views: parse, call one service or selector, render.

The comment form sits on public pages, which must set no cookie for readers, so it cannot
use Django's CSRF cookie. A signed time token (guard.py) and a same-site Origin/Referer
check protect it instead; the views that take it are csrf_exempt for that reason."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from grassroots.comments import guard, own, selectors, services
from grassroots.comments.forms import CommentForm, EditForm
from grassroots.comments.models import BODY_MAX_LENGTH, Comment, post_url
from grassroots.comments.render import clean_text

# What reading a form body that no browser form sends can raise (a non-UTF-8 charset, a
# broken multipart body, too many fields or bytes).
UNREADABLE_BODY = (BadRequest, SuspiciousOperation, MultiPartParserError, LookupError, ValueError)


def same_site(request):
    """A browser's POST from another site is refused; clients sending neither header rely on
    the signed token alone."""
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if not origin:
        return True
    netloc = urlsplit(origin).netloc
    return bool(netloc) and netloc in {request.get_host(), urlsplit(settings.SITE_URL).netloc}


def _form_page(request, post, form, *, parent=None, error=None, status=200):
    if error:
        messages.error(request, error)
    if parent is not None and (
        parent.post_id != post.pk or parent.status != Comment.Status.APPROVED
    ):
        parent = None  # only a visible comment of this post is quoted
    return render(
        request,
        "comments/comment_form.html",
        {
            "post": post,
            "post_url": post_url(post),
            "form": form,
            "parent": parent,
            "closed": selectors.comments_closed(post),
        },
        status=status,
    )


def _public_post(post_id):
    post = selectors.post_for_comments(post_id)
    if post is None:
        raise Http404
    return post


def _post_gone(request):
    """A comment for a post that is not public (any more): not stored, but the reader's text
    comes back so it is not lost. The post itself is not named; it may be a draft now."""
    try:
        body = request.POST.get("body", "")
    except UNREADABLE_BODY:
        body = ""
    body = clean_text(body if isinstance(body, str) else "")[: BODY_MAX_LENGTH * 2]
    return render(request, "comments/post_gone.html", {"body": body}, status=404)


@csrf_exempt  # protected by the signed time token and the same-site check instead
@require_http_methods(["GET", "POST"])
def comment_create(request, post_id):
    post = selectors.post_for_comments(post_id)
    if post is None:
        if request.method == "POST":
            return _post_gone(request)
        raise Http404
    if request.method == "GET":
        form = CommentForm(initial={"token": guard.issue_token(post.pk)})
        return _form_page(request, post, form)
    try:
        form = CommentForm(request.POST)
    except RequestDataTooBig:
        return _unreadable(request, post, TOO_BIG)
    except UNREADABLE_BODY:
        return _unreadable(request, post, UNREADABLE)
    return _submit(request, post, form)


def _submit(request, post, form):
    valid = form.is_valid()
    parent = form.cleaned_data.get("parent")
    try:
        if not same_site(request):
            raise guard.Refused(_("Please send the form from this site."), status=403)
        if not valid:
            return _form_page(request, post, _renewed(form, post), parent=parent, status=400)
        result = services.comment_submit(
            post=post,
            **form.submission(),
            ip=guard.client_ip(request),
            own_comments=own.read(request),
        )
    except guard.Refused as refusal:
        form = _renewed(form, post)
        return _form_page(
            request, post, form, parent=parent, error=refusal.message, status=refusal.status
        )
    published = result.recognised and result.comment.status == Comment.Status.APPROVED
    messages.add_message(request, *THANKS[published])
    response = redirect(f"{post_url(post)}#comment-{result.comment.pk}")
    own.remember(response, request, result.comment.pk, result.edit_secret)
    return response


UNREADABLE = gettext_lazy(
    "Your comment could not be read. Please write it again in this form and send it."
)
TOO_BIG = gettext_lazy(
    "Your comment could not be read: it was far longer than the %(limit)s characters a "
    "comment can have. Please send a shorter one."
)


def _unreadable(request, post, message):
    """A body no browser form sends (a broken encoding, a huge upload): nothing can be kept,
    but the reader still gets the form and a message, never a bare error page."""
    form = CommentForm(initial={"token": guard.issue_token(post.pk)})
    text = str(message) % {"limit": f"{BODY_MAX_LENGTH:,}"} if message is TOO_BIG else message
    return _form_page(request, post, form, error=text, status=400)


# Only a commenter this browser recognises is told "published": for anyone else the words
# are the same whether the comment was held or not, so they never tell whether the address
# commented here before. The page below shows which it was, to its writer alone.
THANKS = {
    True: (messages.SUCCESS, gettext_lazy("Thank you, your comment is published.")),
    False: (
        messages.INFO,
        gettext_lazy(
            "Thank you for your comment. If it is waiting for a moderator, only you can "
            "see it, in this browser, until then."
        ),
    ),
}


def _renewed(form, post):
    """The form back with the reader's text, a fresh nonce and the original start time."""
    form.errors  # noqa: B018 - validate before the data is swapped
    data = form.data.copy()
    try:
        issued_at, _nonce = guard.read_token(form.data.get("token"), post.pk)
    except guard.Refused:
        issued_at = None
    data["token"] = guard.issue_token(post.pk, issued_at=issued_at)
    data["homepage"] = ""
    form.data = data
    return form


@require_http_methods(["GET"])
def comment_reply(request, pk):
    parent = get_object_or_404(Comment, pk=pk, status=Comment.Status.APPROVED)
    post = _public_post(parent.post_id)
    form = CommentForm(initial={"token": guard.issue_token(post.pk), "parent": parent.pk})
    return _form_page(request, post, form, parent=parent)


def _own_comment(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
    if not services.can_edit(comment, own.read(request).get(comment.pk)):
        minutes = settings.GRASSROOTS_COMMENT_EDIT_MINUTES
        raise PermissionDeniedPage(
            _(
                "You can change a comment only from the browser you wrote it in, "
                "within %(minutes)s minutes of posting it."
            )
            % {"minutes": minutes}
        )
    return comment


class PermissionDeniedPage(Exception):
    def __init__(self, message):
        self.message = message


def _denied(request, message):
    return render(request, "comments/denied.html", {"message": message}, status=403)


@require_http_methods(["GET", "POST"])
def comment_edit(request, pk):
    try:
        comment = _own_comment(request, pk)
    except PermissionDeniedPage as denied:
        return _denied(request, denied.message)
    form = EditForm(request.POST or None, initial={"body": comment.body}, email=comment.email)
    if request.method == "POST" and form.is_valid():
        services.comment_edit_own(comment=comment, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment is changed."))
        return redirect(f"{post_url(comment.post)}#comment-{comment.pk}")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "comments/comment_edit.html", {"comment": comment, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def comment_delete(request, pk):
    try:
        comment = _own_comment(request, pk)
    except PermissionDeniedPage as denied:
        return _denied(request, denied.message)
    if request.method == "POST":
        post = comment.post
        services.comment_delete_own(comment=comment)
        messages.success(request, _("Your comment is deleted."))
        response = redirect(f"{post_url(post)}#comments")
        own.forget(response, request, pk)
        return response
    return render(request, "comments/comment_delete.html", {"comment": comment})
