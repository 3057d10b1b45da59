"""`grassroots backup [PATH]`: one archive of the whole site while it keeps serving."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from grassroots.transfer.errors import TransferError


def read_secret(path):
    try:
        value = Path(path).read_text().strip()
    except OSError as error:
        raise CommandError(
            _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
        ) from None
    if not value:
        raise CommandError(_("%(path)s is empty.") % {"path": path})
    return value


class Command(BaseCommand):
    help = "Back up the database, photos and keys into one archive (optionally encrypted)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="archive file or folder (default: DATA_DIR/backups/)"
        )
        parser.add_argument(
            "--recipient",
            action="append",
            default=[],
            help="encrypt to this age public key (age1…); may be repeated",
        )
        parser.add_argument(
            "--passphrase-file", help="encrypt with the passphrase on this file's first line"
        )

    def handle(self, *args, path, recipient, passphrase_file, **options):
        from grassroots.transfer.backup import backup_create

        passphrase = read_secret(passphrase_file) if passphrase_file else None
        if passphrase and recipient:
            raise CommandError(_("Give either --recipient or --passphrase-file, not both."))
        try:
            target, manifest = backup_create(path, passphrase=passphrase, recipients=recipient)
        except TransferError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(
                _("The backup could not be written: %(reason)s")
                % {"reason": error.strerror or error}
            ) from None
        self.stdout.write(
            _("Backup written to %(path)s (%(count)d files, each with its SHA-256).")
            % {"path": target, "count": len(manifest["members"])}
        )
