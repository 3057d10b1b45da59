"""`grassroots restore ARCHIVE`: a backup into an empty data dir, every checksum verified
before anything is written."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from grassroots.transfer.errors import TransferError
from grassroots.transfer.management.commands.backup import read_secret


class Command(BaseCommand):
    help = "Restore a backup archive into an empty data dir (checks it first)."

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="ARCHIVE")
        parser.add_argument("--identity", help="age identity file for an encrypted backup")
        parser.add_argument("--passphrase-file", help="passphrase of an encrypted backup")
        parser.add_argument(
            "--check", action="store_true", help="only verify the archive; write nothing"
        )

    def handle(self, *args, archive, identity, passphrase_file, check, **options):
        from grassroots.transfer.backup import backup_restore, backup_verify

        passphrase = read_secret(passphrase_file) if passphrase_file else None
        try:
            if check:
                manifest = backup_verify(archive, passphrase=passphrase, identity_file=identity)
            else:
                manifest = backup_restore(archive, passphrase=passphrase, identity_file=identity)
        except TransferError as error:
            raise CommandError(str(error)) from None
        count = len(manifest["members"])
        if check:
            self.stdout.write(
                _("%(path)s is intact: %(count)d files match their checksums.")
                % {"path": archive, "count": count}
            )
        else:
            self.stdout.write(
                _("Restored %(count)d files from %(path)s, made %(when)s.")
                % {"count": count, "path": archive, "when": manifest["created_at"]}
            )
