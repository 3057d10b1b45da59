"""`grassroots followers send`: mail new posts (scheduled ones whose time came included) and
the weekly digest, and finish mailings a crash interrupted. Run it from cron every few
minutes; publishing also starts it through the task queue."""

from django.core.management.base import BaseCommand

from grassroots.followers import services


class Command(BaseCommand):
    help = "Mail new posts and weekly digests to followers, and resume interrupted mailings."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["send"])

    def handle(self, *args, **options):
        made = services.mailing_dispatch()
        resumed = services.mailing_resume()
        self.stdout.write(f"{len(made)} new mailings; {resumed} unfinished mailings queued.")
