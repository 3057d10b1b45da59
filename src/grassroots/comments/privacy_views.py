"""Commenters' own requests, each confirmed by a link mailed to their address: export or
erase their comments, confirm or cancel mail about replies. Privacy links carry a random id
that the server looks up (no address or hash of one in a URL, so none in any access log);
subscription links carry signed tokens. A GET never changes anything (mail scanners follow
links); a button POSTs. These views are csrf_exempt because the link, not a cookie, is the
authority."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from grassroots.comments import guard, notifications, own, services
from grassroots.comments.forms import PrivacyForm
from grassroots.comments.models import Comment
from grassroots.comments.views import UNREADABLE_BODY, same_site
from grassroots.core import personal

PRIVACY_FORM = 0  # the time token's "post" for the privacy form


def _privacy_form_page(request, form, error=None, status=200):
    if form.is_bound:
        form.data = form.data.copy()
        form.data["token"] = guard.issue_token(PRIVACY_FORM)
    return render(
        request, "comments/privacy_request.html", {"form": form, "error": error}, status=status
    )


def _check_privacy_request(request, form):
    """Refused unless the form came from this site, in time, and within the rate limits."""
    if not same_site(request):
        raise guard.Refused(_("Please send the form from this site."), status=403)
    guard.read_token(form.cleaned_data["token"], PRIVACY_FORM)
    guard.check_privacy_rate(
        network=guard.network_key(guard.client_ip(request)),
        email_hash=guard.email_key(form.cleaned_data["email"]),
    )


@csrf_exempt  # protected by the signed time token and the same-site check instead
@require_http_methods(["GET", "POST"])
def privacy_request(request):
    """The same answer, in the same time, for any address: the mail job alone looks."""
    empty = PrivacyForm(initial={"token": guard.issue_token(PRIVACY_FORM)})
    if request.method == "GET":
        return _privacy_form_page(request, empty)
    try:
        form = PrivacyForm(request.POST)
        valid = form.is_valid()
    except UNREADABLE_BODY:
        error = _("Your request could not be read. Please fill in the form again.")
        return _privacy_form_page(request, empty, error, status=400)
    try:
        if valid:
            _check_privacy_request(request, form)
            data = form.cleaned_data
            services.privacy_request_create(email=data["email"], action=data["action"])
            return render(request, "comments/privacy_sent.html")
    except guard.Refused as refusal:
        return _privacy_form_page(request, form, refusal.message, status=refusal.status)
    return _privacy_form_page(request, form, status=400)


@csrf_exempt  # the random id in the link is the authority
@require_http_methods(["GET", "POST"])
def privacy_confirm(request, token):
    found = services.privacy_request_get(link_id=token)
    if found is None:
        return render(request, "comments/link_invalid.html", status=400)
    if request.method == "GET":
        count = Comment.objects.filter(email_key=found.email_key).count()
        follows = personal.holds_any(found.email_key)
        context = {"action": found.action, "count": count, "follows": follows}
        return render(request, "comments/privacy_confirm.html", context)
    if found.action == "export":
        return _export_download(found.email_key)
    count = services.comment_erase_by_key(key=found.email_key)
    personal.erase_all(found.email_key)  # following by email, and whatever else apps hold
    return render(request, "comments/privacy_erased.html", {"count": count})


def _export_download(key):
    rows = services.comment_export_by_key(key=key)
    response = HttpResponse(
        json.dumps({"comments": rows, **personal.export_all(key)}, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-comments.json"'
    response["Cache-Control"] = "no-store"
    return response


def _subscription(request, token, action):
    comment_id = notifications.read_mail_token(token, action)
    comment = Comment.objects.filter(pk=comment_id).first() if comment_id else None
    if comment is None:
        return None, render(request, "comments/link_invalid.html", status=400)
    return comment, None


def _subscription_page(request, token, action, change):
    comment, invalid = _subscription(request, token, action)
    if invalid:
        return invalid
    done = request.method == "POST"
    if done:
        change(comment=comment)
    response = render(request, "comments/subscription.html", {"action": action, "done": done})
    if done and action == "confirm":
        # Following the mailed link proves the address: this browser now counts as the
        # returning commenter's (services.returning_commenter). No edit secret comes with it.
        own.remember(response, request, comment.pk, "")
    return response


@csrf_exempt  # the signed token in the link is the authority
@require_http_methods(["GET", "POST"])
def subscription_confirm(request, token):
    return _subscription_page(request, token, "confirm", services.subscription_confirm)


@csrf_exempt  # one-click unsubscribe (RFC 8058) POSTs from mail programs, with no cookie
@require_http_methods(["GET", "POST"])
def subscription_cancel(request, token):
    return _subscription_page(request, token, "cancel", services.subscription_cancel)
