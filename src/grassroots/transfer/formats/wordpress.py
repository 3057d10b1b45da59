"""WordPress's export format (WXR 1.0-1.2). Reading: transfer/reading/wordpress.py."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.transfer.reading.xmlstream import head

LABEL = gettext_lazy("WordPress export (WXR)")


def detect(path):
    start = head(path)
    return "<rss" in start and "wordpress.org/export" in start


def add_read_arguments(parser):
    parser.add_argument(
        "--media", metavar="DIR", help=_("a copy of the old site's wp-content/uploads folder")
    )
    parser.add_argument(
        "--fetch",
        action="store_true",
        help=_("download media missing from --media from the old site (http/https only)"),
    )
    parser.add_argument(
        "--create-staff",
        action="store_true",
        help=_("also make a staff login (without a password yet) for each author"),
    )


def read(path, *, report, media=None, fetch=False, create_staff=False, progress=None, **_options):
    from grassroots.transfer.reading.wordpress import WordPressImport

    return WordPressImport(
        path,
        report=report,
        media=media,
        fetch=fetch,
        create_staff=create_staff,
        dry_run=report.dry_run,
        progress=progress,
    ).run()
