"""One-archive backups of a whole site and their restore (docs/operating.md).

An archive is a plain tar: `database/…` (an online SQLite copy or a pg_dump), `media/…`,
the data dir's keys, and `manifest.json` last, with the SHA-256 and size of every other
member and the versions that wrote it. Optionally the whole tar is age-encrypted."""

from grassroots.transfer.backup.create import backup_create
from grassroots.transfer.backup.restore import backup_restore, backup_verify

__all__ = ["backup_create", "backup_restore", "backup_verify"]
