"""The Django admin is for Administrators' low-level work: nobody else may open it, and its
login page is ours (password, then the second factor)."""

from urllib.parse import urlencode

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from grassroots.accounts.roles import ADMINISTRATOR, user_has_role


class StaffAdminSite(admin.AdminSite):
    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff and user_has_role(user, ADMINISTRATOR))

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            # Signed in but not an Administrator: say no instead of asking for a password.
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        target = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")
