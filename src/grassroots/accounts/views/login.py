"""Signing in: the password first, then the second factor for a person who has one. The
session is only signed in once both steps passed, so a stolen password alone opens nothing.
Failed passwords and failed codes both count towards the (login, network) lockout."""

import time

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from grassroots.accounts import twofactor
from grassroots.accounts.audit import audit_record
from grassroots.accounts.forms import CodeForm, LoginForm
from grassroots.accounts.lockout import locked_out

PENDING = "_grassroots_pending_login"
PENDING_SECONDS = 300


def safe_next(request, fallback="/studio/"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request):
    if request.user.is_authenticated and request.user.is_staff:
        return redirect(safe_next(request))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, **form.cleaned_data)
        if getattr(request, "axes_locked_out", False):
            return locked_out(request, form.cleaned_data)
        if user is not None and user.is_staff:
            return _password_passed(request, user)
        form.add_error(None, _("The login name or the password is not right."))
    return render(request, "accounts/login.html", {"form": form, "next": safe_next(request)})


def _password_passed(request, user):
    if twofactor.has_factor(user):
        request.session[PENDING] = {
            "uid": user.pk,
            "backend": user.backend,
            "at": int(time.time()),
            "next": safe_next(request),
        }
        return redirect("accounts:login_factor")
    auth_login(request, user)
    return redirect(safe_next(request))


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, None
    user = get_user_model().objects.filter(pk=pending["uid"], is_active=True).first()
    return user, pending


@csrf_protect
@never_cache
def login_factor(request):
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("Please sign in again."))
        return redirect("accounts:login")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return locked_out(request, credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING]
            auth_login(request, user, backend=pending["backend"])
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                audit_record(actor=user, action="2fa.recovery_used", target=user)
            return redirect(pending["next"])
        audit_record(actor=user, action="login.failed_factor", target=user)
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return locked_out(request, credentials)
        form.add_error("code", _("That code is not right. Try the newest code from your app."))
    return render(request, "accounts/login_factor.html", {"form": form})


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        audit_record(actor=request.user, action="logout", target=request.user)
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("accounts:login")
