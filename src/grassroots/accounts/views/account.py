"""A person's own account: second factor, recovery codes, password, sign out everywhere."""

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from grassroots.accounts import services, twofactor
from grassroots.accounts.audit import audit_record
from grassroots.accounts.decorators import staff_required
from grassroots.accounts.forms import SetupForm


@never_cache
@staff_required
def account(request):
    user = request.user
    context = {
        "has_factor": twofactor.has_factor(user),
        "factor_required": twofactor.factor_required(user),
        "codes_left": twofactor.recovery_codes_left(user),
    }
    return render(request, "accounts/account.html", context)


@never_cache
@login_required
def twofactor_setup(request):
    """Scan, type a code, get recovery codes. Reachable while the gate holds everything else."""
    if not request.user.is_staff:
        return redirect("accounts:login")
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.totp_confirm(user=request.user, code=form.cleaned_data["code"])
        if codes is not None:
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        form.add_error(
            "code",
            _("That code is not right. Check the time on your phone and type the newest code."),
        )
    device = twofactor.totp_pending(request.user)
    context = {
        "form": form,
        "qr": twofactor.qr_data_uri(device),
        "secret": twofactor.secret_text(device),
        "required": twofactor.factor_required(request.user),
        "replacing": twofactor.has_factor(request.user),
    }
    return render(request, "accounts/twofactor_setup.html", context)


@require_POST
@staff_required
def recovery_codes(request):
    if not twofactor.has_factor(request.user):
        return redirect("accounts:twofactor_setup")
    codes = twofactor.recovery_codes_renew(user=request.user, actor=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@require_POST
@staff_required
def twofactor_remove(request):
    if twofactor.factor_required(request.user):
        messages.error(
            request, _("Your role needs a second factor: you can replace it, not remove it.")
        )
    else:
        twofactor.factors_remove(user=request.user, actor=request.user)
        messages.success(request, _("Second factor removed."))
    return redirect("accounts:account")


@require_POST
@staff_required
def sign_out_everywhere(request):
    user = request.user
    services.sessions_end_all(user=user)
    audit_record(actor=user, action="logout.everywhere", target=user)
    logout(request)
    messages.success(request, _("You are signed out on every device, this one too."))
    return redirect("accounts:login")


@sensitive_post_parameters()
@never_cache
@staff_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        audit_record(actor=request.user, action="password.change", target=request.user)
        messages.success(request, _("Your password is changed."))
        return redirect("accounts:account")
    return render(request, "accounts/password_change.html", {"form": form})
