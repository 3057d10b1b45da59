"""Password reset by a mailed link: single use, one hour, rate limited per address and per
network, the same answer whether the address belongs to someone or not. A reset does not
sign anyone in: the person signs in afterwards, second factor included."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from grassroots.accounts import services
from grassroots.accounts.audit import audit_record
from grassroots.accounts.forms import ResetRequestForm
from grassroots.core.privacy import client_ip, network_key


@csrf_protect
@never_cache
def password_reset(request):
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(
            email=form.cleaned_data["email"], network=network_key(client_ip(request))
        )
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_sent(request):
    return render(request, "accounts/password_reset_sent.html")


class ResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(actor=form.user, action="password.reset", target=form.user)
        services.sessions_end_all(user=form.user)
        messages.success(self.request, _("Your new password is set. Please sign in."))
        return response


password_reset_confirm = ResetConfirm.as_view()
