from django.urls import path

from grassroots.accounts.views import account, audit, login, reset, staff

app_name = "accounts"

urlpatterns = [
    path("login/", login.login_view, name="login"),
    path("login/code/", login.login_factor, name="login_factor"),
    path("logout/", login.logout_view, name="logout"),
    path("account/", account.account, name="account"),
    path("account/two-factor/", account.twofactor_setup, name="twofactor_setup"),
    path("account/two-factor/recovery/", account.recovery_codes, name="recovery_codes"),
    path("account/two-factor/remove/", account.twofactor_remove, name="twofactor_remove"),
    path("account/password/", account.password_change, name="password_change"),
    path("account/sign-out-everywhere/", account.sign_out_everywhere, name="sign_out_everywhere"),
    path("password-reset/", reset.password_reset, name="password_reset"),
    path("password-reset/sent/", reset.password_reset_sent, name="password_reset_sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        reset.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("join/<str:token>/", staff.join, name="join"),
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/invite/", staff.staff_invite, name="staff_invite"),
    path("staff/<int:pk>/", staff.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/active/", staff.staff_active, name="staff_active"),
    path("staff/<int:pk>/two-factor/", staff.staff_reset_factor, name="staff_reset_factor"),
    path("audit/", audit.audit_log, name="audit_log"),
]
