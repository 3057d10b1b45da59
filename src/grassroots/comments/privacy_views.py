"""Commenters' own requests, each confirmed by a link mailed to their address: export or
erase their comments, confirm or cancel mail about replies. Links carry signed tokens and a
GET never changes anything (mail scanners follow links); a button POSTs. These views are
csrf_exempt because the signed token in the link, not a cookie, is the authority."""

import json

from django.core import signing
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from grassroots.comments import guard, notifications, services
from grassroots.comments.forms import PrivacyForm
from grassroots.comments.models import Comment
from grassroots.comments.views import UNREADABLE_BODY, same_site
from grassroots.core import personal

PRIVACY_SALT = "grassroots.comments.privacy"
PRIVACY_MAX_AGE = 24 * 3600
PRIVACY_FORM = 0  # the time token's "post" for the privacy form


@csrf_exempt  # protected by the signed time token and the same-site check instead
@require_http_methods(["GET", "POST"])
def privacy_request(request):
    if request.method == "GET":
        form = PrivacyForm(initial={"token": guard.issue_token(PRIVACY_FORM)})
        return render(request, "comments/privacy_request.html", {"form": form})
    try:
        form = PrivacyForm(request.POST)
    except UNREADABLE_BODY:
        form = PrivacyForm(initial={"token": guard.issue_token(PRIVACY_FORM)})
        error = _("Your request could not be read. Please fill in the form again.")
        return render(
            request, "comments/privacy_request.html", {"form": form, "error": error}, status=400
        )
    error = None
    if form.is_valid():
        try:
            if not same_site(request):
                raise guard.Refused(_("Please send the form from this site."), status=403)
            guard.read_token(form.cleaned_data["token"], PRIVACY_FORM)
            email = form.cleaned_data["email"]
            guard.check_rate(
                network=guard.network_key(guard.client_ip(request)),
                email_hash=guard.email_key(email),
            )
        except guard.Refused as refusal:
            error = refusal.message
        else:
            _mail_link(email, form.cleaned_data["action"])
            return render(request, "comments/privacy_sent.html", status=200)
    form.data = form.data.copy()
    form.data["token"] = guard.issue_token(PRIVACY_FORM)
    return render(
        request, "comments/privacy_request.html", {"form": form, "error": error}, status=400
    )


def _mail_link(email, action):
    """Mail the link only to an address that has comments; the page says the same either
    way, so nobody learns whether an address commented here."""
    key = guard.email_key(email)
    if not services.comments_by_email(email).exists() and not personal.holds_any(key):
        return
    token = signing.dumps({"k": guard.email_key(email), "a": action}, salt=PRIVACY_SALT)
    url = notifications.absolute(reverse("comments:privacy_confirm", args=[token]))
    try:
        notifications.send_privacy_link(email, action, url)
    except Exception as error:
        notifications.log.warning("privacy mail not sent (%s)", type(error).__name__)


@csrf_exempt  # the signed token in the link is the authority
@require_http_methods(["GET", "POST"])
def privacy_confirm(request, token):
    try:
        data = signing.loads(token, salt=PRIVACY_SALT, max_age=PRIVACY_MAX_AGE)
        key, action = str(data["k"]), data["a"]
    except (signing.BadSignature, KeyError, TypeError):
        return render(request, "comments/link_invalid.html", status=400)
    comments = Comment.objects.filter(email_key=key)
    if request.method == "GET":
        return render(
            request,
            "comments/privacy_confirm.html",
            {"action": action, "count": comments.count(), "follows": personal.holds_any(key)},
        )
    if action == "export":
        rows = services.comment_export_by_key(key=key)
        response = HttpResponse(
            json.dumps(
                {"comments": rows, **personal.export_all(key)}, ensure_ascii=False, indent=2
            ),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="my-comments.json"'
        response["Cache-Control"] = "no-store"
        return response
    count = services.comment_erase_by_key(key=key)
    personal.erase_all(key)  # following by email, and whatever else other apps hold
    return render(request, "comments/privacy_erased.html", {"count": count})


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
    return render(request, "comments/subscription.html", {"action": action, "done": done})


@csrf_exempt  # the signed token in the link is the authority
@require_http_methods(["GET", "POST"])
def subscription_confirm(request, token):
    return _subscription_page(request, token, "confirm", services.subscription_confirm)


@csrf_exempt  # one-click unsubscribe (RFC 8058) POSTs from mail programs, with no cookie
@require_http_methods(["GET", "POST"])
def subscription_cancel(request, token):
    return _subscription_page(request, token, "cancel", services.subscription_cancel)
