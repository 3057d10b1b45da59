"""Staff management for Administrators: list, invite, change roles, deactivate. And the page
an invited person opens to join."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from grassroots.accounts import selectors, services, twofactor
from grassroots.accounts.decorators import permission_required
from grassroots.accounts.forms import InviteForm, JoinForm, RolesForm
from grassroots.accounts.roles import user_roles

MANAGE = "accounts.manage_staff"


def _apply(form, call):
    """Run a service; its ValidationError goes onto the form, next to the field it names."""
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
    return None


@never_cache
@permission_required(MANAGE)
def staff_list(request):
    context = {"people": selectors.staff_list(), "invitations": selectors.invitations_open()}
    return render(request, "accounts/staff_list.html", context)


@never_cache
@permission_required(MANAGE)
def staff_invite(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = _apply(
            form, lambda: services.staff_invite(actor=request.user, **form.cleaned_data)
        )
        if result is not None:
            invitation, link = result
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return render(
                request, "accounts/staff_invited.html", {"invitation": invitation, "link": link}
            )
    return render(request, "accounts/staff_invite.html", {"form": form})


@never_cache
@permission_required(MANAGE)
def staff_detail(request, pk):
    person = get_object_or_404(get_user_model(), pk=pk, is_staff=True)
    form = RolesForm(request.POST or None, initial={"roles": sorted(user_roles(person))})
    if request.method == "POST" and form.is_valid():
        roles = form.cleaned_data["roles"]
        if _apply(
            form, lambda: services.staff_set_roles(user=person, roles=roles, actor=request.user)
        ):
            messages.success(request, _("Roles saved."))
            return redirect("accounts:staff_detail", pk=person.pk)
    context = {"person": person, "form": form, "has_factor": twofactor.has_factor(person)}
    return render(request, "accounts/staff_detail.html", context)


@require_POST
@permission_required(MANAGE)
def staff_active(request, pk):
    person = get_object_or_404(get_user_model(), pk=pk, is_staff=True)
    try:
        if request.POST.get("active") == "0":
            services.staff_deactivate(user=person, actor=request.user)
            messages.success(request, _("Deactivated: every session of this person has ended."))
        else:
            services.staff_reactivate(user=person, actor=request.user)
            messages.success(request, _("Active again."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:staff_detail", pk=person.pk)


@require_POST
@permission_required(MANAGE)
def staff_reset_factor(request, pk):
    person = get_object_or_404(get_user_model(), pk=pk, is_staff=True)
    twofactor.factors_remove(user=person, actor=request.user)
    messages.success(request, _("Second factor removed: they set up a new one at sign-in."))
    return redirect("accounts:staff_detail", pk=person.pk)


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
def join(request, token):
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/join_invalid.html", status=410)
    form = JoinForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        user = _apply(
            form,
            lambda: services.invitation_accept(
                token=token,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            ),
        )
        if user is not None:
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("accounts:twofactor_setup")
        if not form.errors:
            return render(request, "accounts/join_invalid.html", status=410)
    return render(request, "accounts/join.html", {"form": form, "invitation": invitation})
