"""`grassroots import FORMAT FILE [options]`: bring content from another platform in
through the registry in transfer/formats, with a progress bar on a terminal and a report
printed at the end and saved as JSON."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from grassroots.transfer.errors import TransferError
from grassroots.transfer.formats import readers
from grassroots.transfer.reading.report import Report
from grassroots.transfer.reading.xmlstream import Unreadable


class Command(BaseCommand):
    help = "Import content from another platform: `import FORMAT FILE` (see docs/moving-in.md)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="format", required=True, metavar="FORMAT")
        for name, module in readers().items():
            one = sub.add_parser(name, help=getattr(module, "LABEL", name))
            one.add_argument("file", metavar="FILE")
            one.add_argument(
                "--dry-run", action="store_true", help=_("read and report, write nothing")
            )
            one.add_argument("--report", metavar="PATH", help=_("where to save the JSON report"))
            if hasattr(module, "add_read_arguments"):
                module.add_read_arguments(one)

    def handle(self, *args, format, file, dry_run=False, report=None, **options):
        module = readers()[format]
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": file})
        if not module.detect(path):
            raise CommandError(
                _("%(path)s does not look like a %(kind)s.")
                % {"path": file, "kind": getattr(module, "LABEL", format)}
            )
        outcome = Report(source=format, file=path, dry_run=dry_run)
        bar = tqdm(
            total=1000, disable=not sys.stderr.isatty(), unit="‰", file=sys.stderr, leave=False
        )

        def progress(fraction):
            bar.update(max(0, min(1000, int(fraction * 1000)) - bar.n))

        try:
            module.read(path, report=outcome, progress=progress, **options)
        except Unreadable as error:
            raise CommandError(
                _("%(path)s cannot be read: %(reason)s") % {"path": file, "reason": error}
            ) from None
        except TransferError as error:
            raise CommandError(str(error)) from None
        finally:
            bar.close()
        for line in outcome.lines():
            self.stdout.write(line)
        target = Path(report) if report else self._default_report(format)
        outcome.save(target)
        self.stdout.write(_("Report saved to %(path)s") % {"path": target})

    def _default_report(self, format):
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        return Path(settings.DATA_DIR) / "reports" / f"import-{format}-{stamp}.json"
