"""`grassroots createadmin`: a staff administrator with a freshly generated password.

The default login name is not `admin`: a guessable name is half of a password attack, so
each site gets its own (`admin-` and six random characters), printed with the password."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from grassroots.accounts.roles import ADMINISTRATOR, role_assign


class Command(BaseCommand):
    help = "Create an administrator (or, with --reset, give one a new password) and print it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--username",
            default="",
            help="login name (default: admin- and six random characters)",
        )
        parser.add_argument("--email", default="", help="address for password resets")
        parser.add_argument(
            "--reset", action="store_true", help="give an existing administrator a new password"
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="do nothing when an administrator exists (for scripts that run repeatedly)",
        )

    def _existing(self, username):
        users = get_user_model().objects
        if username:
            return users.filter(username=username).first()
        admins = users.filter(is_superuser=True, is_active=True).order_by("pk")
        if admins.count() > 1 and self.reset:
            names = ", ".join(admins.values_list("username", flat=True))
            raise CommandError(f"Several administrators ({names}): name one with --username.")
        return admins.first()

    @transaction.atomic
    def handle(self, *args, username, email, reset, if_missing, **options):
        username = username.strip()
        if len(username) > 150:
            raise CommandError("--username must be 1 to 150 characters.")
        self.reset = reset
        user = self._existing(username)
        if user and if_missing:
            self.stdout.write(
                f"Staff login: {user.username} (password shown when it was created; "
                f"`grassroots createadmin --reset --username {user.username}` makes a new one)"
            )
            return
        if user and not reset:
            raise CommandError(
                f"{user.username!r} exists already; add --reset for a new password "
                "(or --username for another administrator)."
            )
        if reset and user is None:
            raise CommandError("No such administrator; leave out --reset to create one.")
        password = secrets.token_urlsafe(15)
        if user is None:
            username = username or f"admin-{secrets.token_hex(3)}"
            user = get_user_model()(
                username=username, email=email, is_staff=True, is_superuser=True
            )
        elif email:
            user.email = email
        user.set_password(password)
        user.save()
        role_assign(user=user, roles=[ADMINISTRATOR], actor=None)
        self.stdout.write(f"Staff login: {user.username}  password: {password}")
        self.stdout.write("Sign in at /studio/login/ and set up a second factor there.")
