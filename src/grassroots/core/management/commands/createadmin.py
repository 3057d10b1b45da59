"""`grassroots createadmin`: a staff administrator with a freshly generated password."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Create an administrator (or, with --reset, give one a new password) and print it."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin", help="login name (default: admin)")
        parser.add_argument("--email", default="", help="address for password resets")
        parser.add_argument(
            "--reset", action="store_true", help="give an existing administrator a new password"
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="do nothing when the user exists (for scripts that run repeatedly)",
        )

    @transaction.atomic
    def handle(self, *args, username, email, reset, if_missing, **options):
        username = username.strip()
        if not username or len(username) > 150:
            raise CommandError("--username must be 1 to 150 characters.")
        users = get_user_model()
        user = users.objects.filter(username=username).first()
        if user and if_missing:
            self.stdout.write(
                f"Staff login: {username} (password shown when it was created; "
                f"`grassroots createadmin --reset --username {username}` makes a new one)"
            )
            return
        if user and not reset:
            raise CommandError(f"{username!r} exists already; add --reset for a new password.")
        password = secrets.token_urlsafe(15)
        if user is None:
            user = users(username=username, email=email, is_staff=True, is_superuser=True)
        user.set_password(password)
        user.save()
        self.stdout.write(f"Staff login: {username}  password: {password}")
