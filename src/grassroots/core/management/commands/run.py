"""`grassroots run`: the production server (granian, chosen over gunicorn by measurement:
see docs/performance.md). Static files come through whitenoise and media through our own view,
so a small server needs nothing else in front."""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the site with granian (a production-grade server, never runserver)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument(
            "--workers",
            type=int,
            default=max(1, min(4, os.cpu_count() or 1)),
            help="worker processes (default: one per core, at most four)",
        )
        parser.add_argument("--threads", type=int, default=4, help="threads per worker")
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="skip collecting static files"
        )
        parser.add_argument(
            "--no-migrate",
            action="store_true",
            help="skip applying database migrations (when a deploy step runs them)",
        )

    def handle(self, *args, host, port, workers, threads, no_collectstatic, no_migrate, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535 (got {port}).")
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        if not no_migrate:
            # A new data dir or an upgrade just works; migrations run once, here, before any
            # worker starts, so workers never race each other to apply them.
            call_command("migrate", interactive=False, verbosity=0)
        if not no_collectstatic and not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        from grassroots.core.server import serve

        self.stdout.write(f"Grassroots is listening on http://{host}:{port}/ (Ctrl-C stops it)")
        serve(host=host, port=port, workers=workers, threads=threads)
