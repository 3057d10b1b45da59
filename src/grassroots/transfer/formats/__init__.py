"""Formats in and out, one module each, found here by `grassroots import <format>` (and
`grassroots export <format>`).

A module that reads offers detect(path) -> bool (a cheap look at the start of the file),
LABEL (what the file is, for messages) and read(path, *, report, progress, **options):
it fills `report` (transfer/reading/report.py: count(), skip(), missing(), note()) and
calls progress(fraction) now and then; report.dry_run means write nothing. It may offer
add_read_arguments(parser) for options of its own (the command adds FILE, --dry-run and
--report to every format). A module that writes offers write(path, **options)."""

from grassroots.transfer.formats import disqus, wordpress

FORMATS = {
    "wordpress": wordpress,
    "disqus": disqus,
}


def readers():
    return {name: module for name, module in FORMATS.items() if hasattr(module, "read")}


def writers():
    return {name: module for name, module in FORMATS.items() if hasattr(module, "write")}
