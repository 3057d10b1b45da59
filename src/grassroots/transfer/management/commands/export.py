"""`grassroots export json FILE | wordpress FILE.xml | static DIR [--verify]`: everything a
group owns, in our format, in WordPress's, or as a static mirror of the public site."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.transfer.errors import TransferError

PRIVATE_WARNING = gettext_lazy(
    "Warning: this export holds commenters' email addresses and comments that were never "
    "published. Keep it as safe as the site itself, and never publish it."
)


class Command(BaseCommand):
    help = "Export the site: json FILE, wordpress FILE.xml, or static DIR (a signed mirror)."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="json|wordpress|static")
        for kind, target in (("json", "FILE"), ("wordpress", "FILE.xml")):
            sub = kinds.add_parser(kind)
            sub.add_argument("path", metavar=target)
            sub.add_argument(
                "--with-private",
                action="store_true",
                help="also commenters' emails and unpublished comments (keep the file safe)",
            )
        static = kinds.add_parser("static")
        static.add_argument("path", metavar="DIR")
        static.add_argument(
            "--verify", action="store_true", help="check a mirror's signature and every file"
        )
        static.add_argument(
            "--public-key", default="", help="verify with this key (base64) instead of ours"
        )

    def handle(self, *args, kind, path, **options):
        try:
            if kind == "static":
                return self._static(path, **options)
            if options["with_private"]:
                self.stderr.write(self.style.WARNING(str(PRIVATE_WARNING)))
            if kind == "json":
                from grassroots.transfer.formats import json as chosen
            else:
                from grassroots.transfer.formats import wordpress_out as chosen
            counts = chosen.write(path, private=options["with_private"])
        except TransferError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s")
                % {"path": path, "reason": error.strerror or error}
            ) from None
        self.stdout.write(
            _("Exported to %(path)s: %(counts)s")
            % {"path": path, "counts": ", ".join(f"{n} {k}" for k, n in counts.items())}
        )

    def _static(self, path, *, verify, public_key, **options):
        from grassroots.transfer import mirror

        if verify:
            count = mirror.verify(path, public_key=public_key or None)
            self.stdout.write(
                _("The mirror in %(path)s is intact: %(count)d files match the signed manifest.")
                % {"path": path, "count": count}
            )
            return
        result = mirror.write(path)
        self.stdout.write(
            _("Wrote %(count)d files to %(path)s, signed with the key %(key)s")
            % {"count": result.files, "path": path, "key": result.public_key}
        )
