"""grassroots restore: decrypt if needed, verify every member against the manifest, check
the data dir is empty, and only then write anything."""

import os
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils.translation import gettext as _

from grassroots.core import pagecache
from grassroots.transfer.backup import archive, database
from grassroots.transfer.backup.create import media_names
from grassroots.transfer.errors import TransferError


def _media_is_empty():
    return next(media_names(default_storage), None) is None


def _store_media(name, source):
    """Back through the storage the site uses (a folder or a bucket), under the same name."""
    saved = default_storage.save(name, File(source, name=name))
    if saved != name:
        raise TransferError(
            _("A photo file named %(name)s is already stored. Nothing more was restored.")
            % {"name": name}
        )


def backup_verify(path, *, passphrase=None, identity_file=None):
    """The manifest of a readable, undamaged archive; TransferError otherwise."""
    with tempfile.TemporaryDirectory(prefix="grassroots-restore-") as tmp:
        plain = _plain(Path(path), Path(tmp), passphrase=passphrase, identity_file=identity_file)
        return archive.verify(plain)


def _plain(path, tmp, *, passphrase, identity_file):
    if not path.is_file():
        raise TransferError(_("No such backup file: %(path)s") % {"path": path})
    if not archive.is_encrypted(path):
        return path
    plain = tmp / "backup.tar"
    archive.decrypt(path, plain, passphrase=passphrase, identity_file=identity_file)
    return plain


def _check_target(manifest):
    engine = manifest.get("database", {}).get("engine")
    if engine != database.engine():
        raise TransferError(
            _(
                "This backup is of a %(theirs)s site and this site is set up for %(ours)s. "
                "Set DATABASE_URL to match, or move with `export json` and `import json`."
            )
            % {"theirs": engine, "ours": database.engine()}
        )
    if not database.is_empty() or not _media_is_empty():
        raise TransferError(
            _(
                "Restore only into an empty data dir (and an empty database): %(dir)s already "
                "holds a site. Nothing was changed."
            )
            % {"dir": settings.DATA_DIR}
        )


def _write(target, source):
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    with open(partial, "wb") as out:
        shutil.copyfileobj(source, out)
    partial.replace(target)


def backup_restore(path, *, passphrase=None, identity_file=None):
    """Restore `path` into this (empty) data dir. Returns the manifest."""
    with tempfile.TemporaryDirectory(prefix="grassroots-restore-") as tmp:
        tmp = Path(tmp)
        plain = _plain(Path(path), tmp, passphrase=passphrase, identity_file=identity_file)
        manifest = archive.verify(plain)
        _check_target(manifest)
        with tarfile.open(plain, "r:") as tar:
            for member in tar:
                if member.name == archive.MANIFEST:
                    continue
                source = tar.extractfile(member)
                if member.name in archive.KEY_FILES:
                    _write(settings.DATA_DIR / member.name, source)
                    os.chmod(settings.DATA_DIR / member.name, 0o600)
                elif member.name.startswith(archive.MEDIA):
                    _store_media(member.name.removeprefix(archive.MEDIA), source)
                elif member.name == archive.SQLITE_MEMBER:
                    connection.close()
                    _write(database.sqlite_path(), source)
                elif member.name == archive.PG_MEMBER:
                    _write(tmp / "database.pgdump", source)
                    database.pg_restore(tmp / "database.pgdump")
    connection.close()
    # A backup from an older Grassroots is brought up to this version's tables.
    call_command("migrate", interactive=False, verbosity=0)
    pagecache.bump()
    return manifest
