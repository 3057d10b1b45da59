"""`grassroots import json FILE`: restore a Grassroots export into an empty site.

Other formats (wordpress, disqus) join through the same command; this file carries only
the json entry until the shared import command lands."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from grassroots.transfer.errors import TransferError


class Command(BaseCommand):
    help = "Import into the site: json FILE (a Grassroots export, into an empty site)."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="json")
        json_parser = kinds.add_parser("json")
        json_parser.add_argument("path", metavar="FILE")

    def handle(self, *args, kind, path, **options):
        from grassroots.transfer.formats import json as export_format

        try:
            counts = export_format.read(path)
        except TransferError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Imported from %(path)s: %(counts)s")
            % {"path": path, "counts": ", ".join(f"{n} {k}" for k, n in counts.items())}
        )
