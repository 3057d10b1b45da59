"""`grassroots worker`: runs background jobs (mail, slow work) from the database queue.
`grassroots run` starts one by itself; run this on its own for a separate machine or unit."""

from django.core.management.base import BaseCommand

from grassroots.core import tasks


class Command(BaseCommand):
    help = "Run background jobs (mail and slow work) from the database queue until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at the queue"
        )
        parser.add_argument(
            "--batch", action="store_true", help="run the jobs that are due now, then stop"
        )
        # Set by `grassroots run`: stop when that process is gone.
        parser.add_argument("--parent", type=int, default=0, help="(internal)")

    def handle(self, *args, interval, batch, parent, **options):
        if parent:
            tasks.stop_with_parent(parent)
        worker = tasks.make_worker(interval=max(0.1, interval), batch=batch)
        worker.configure_signals()
        worker.run()
