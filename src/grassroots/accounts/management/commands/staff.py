"""`grassroots staff list | invite EMAIL --role ROLE | deactivate USERNAME | reset-2fa USERNAME
| purge-audit`: staff
management from a terminal, through the same services as the studio's staff pages."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from grassroots.accounts import services, twofactor
from grassroots.accounts.audit import audit_purge
from grassroots.accounts.roles import ROLES, user_roles

NO_MAIL_SERVER = (
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
)


class Command(BaseCommand):
    help = "List, invite and deactivate staff."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("list", help="everyone with a staff login, and their roles")
        invite = actions.add_parser("invite", help="invite a person by email")
        invite.add_argument("email")
        invite.add_argument(
            "--role",
            action="append",
            required=True,
            choices=ROLES,
            help="a role to give (repeat for several)",
        )
        deactivate = actions.add_parser(
            "deactivate", help="stop a person signing in and end all their sessions"
        )
        deactivate.add_argument("username")
        reset = actions.add_parser(
            "reset-2fa", help="remove a person's second factor (lost phone and codes)"
        )
        reset.add_argument("username")
        actions.add_parser(
            "purge-audit", help="delete audit entries older than GRASSROOTS_AUDIT_DAYS"
        )

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"do_{action.replace('-', '_')}")(**options)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

    def do_list(self, **options):
        users = get_user_model().objects.filter(is_staff=True).order_by("username")
        for user in users:
            roles = ", ".join(sorted(user_roles(user))) if user.is_active else "deactivated"
            self.stdout.write(f"{user.username}\t{user.email or '-'}\t{roles or '-'}")

    def do_invite(self, *, email, role, **options):
        invitation, link = services.staff_invite(email=email, roles=role, actor=None)
        if settings.EMAIL_BACKEND in NO_MAIL_SERVER:
            self.stdout.write(
                f"No mail server is set up (GRASSROOTS_EMAIL_URL), so give {invitation.email} "
                f"this link yourself, privately. It works once, for 72 hours:\n{link}"
            )
        else:
            self.stdout.write(f"Invitation mailed to {invitation.email}; it works for 72 hours.")

    def _person(self, username):
        user = get_user_model().objects.filter(username=username, is_staff=True).first()
        if user is None:
            raise CommandError(f"No staff login {username!r}.")
        return user

    def do_reset_2fa(self, *, username, **options):
        twofactor.factors_remove(user=self._person(username), actor=None)
        self.stdout.write(f"{username} has no second factor now; they set one up at sign-in.")

    def do_purge_audit(self, **options):
        self.stdout.write(f"{audit_purge()} audit entries deleted.")

    def do_deactivate(self, *, username, **options):
        user = self._person(username)
        services.staff_deactivate(user=user, actor=None)
        self.stdout.write(f"{username} is deactivated; their sessions have ended.")
