"""`grassroots import json FILE`: a Grassroots export restored into an empty site, behind
the same reader contract (detect, read with a report) as the other formats."""

from django.utils.translation import gettext_lazy as _

from grassroots.transfer.formats import json as export_format
from grassroots.transfer.reading.report import IMPORTED

LABEL = _("Grassroots export (JSON)")


def detect(path):
    # read() names exactly what is wrong with a file that is not an export (not a ZIP, the
    # wrong document, another version): better words than a bare "does not look like".
    return True


def read(path, *, report, progress, dry_run=False, **options):
    counts = export_format.summary(path) if dry_run else export_format.read(path)
    for kind, n in counts.items():
        report.count(kind, IMPORTED, n)
    progress(1.0)
    return report
