"""Formats in and out, one module each, found here by `grassroots import <format>` (and
`grassroots export <format>`).

A module that reads offers detect(path) -> bool (a cheap look at the start of the file),
LABEL (what the file is, for messages) and read(path, *, report, progress, **options):
it fills `report` (transfer/reading/report.py: count(), skip(), missing(), note()) and
calls progress(fraction) now and then; report.dry_run means write nothing. Such a module
says REPORTS = True, and the command adds --dry-run and --report for it; it may offer
add_read_arguments(parser) for options of its own. A module without REPORTS (json, which
restores a whole site at once) is called as read(path) -> counts per kind, and raises
TransferError with a sentence for the person. A module that writes offers
write(path, **options)."""

from grassroots.transfer.formats import disqus, json, wordpress

FORMATS = {
    "json": json,
    "wordpress": wordpress,
    "disqus": disqus,
}


def readers():
    return {name: module for name, module in FORMATS.items() if hasattr(module, "read")}


def writers():
    return {name: module for name, module in FORMATS.items() if hasattr(module, "write")}
