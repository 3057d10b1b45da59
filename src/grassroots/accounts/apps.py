from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "grassroots.accounts"
    label = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from grassroots.accounts import signals  # noqa: F401 (login and logout records)
        from grassroots.accounts.roles import on_post_migrate

        post_migrate.connect(on_post_migrate, dispatch_uid="grassroots-role-permissions")


class StaffAdminConfig(admin_apps.AdminConfig):
    """The Django admin, open to Administrators only (accounts/admin_site.py)."""

    default = False  # named in INSTALLED_APPS; AccountsConfig is this module's default
    default_site = "grassroots.accounts.admin_site.StaffAdminSite"
