"""grassroots backup: the database first, then media and keys, then the manifest.

The database is copied first on purpose: a photo's files are written before its row is
committed, so every photo in the copy already has its files stored when media is read.
Media is read through Django's storage API, so photos in an S3 bucket are included too."""

import io
import json
import platform
import tarfile
import tempfile
import time
from pathlib import Path

import django
from django.conf import settings
from django.core.files.storage import default_storage
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import grassroots
from grassroots.transfer.backup import archive, database


def default_name(*, encrypted):
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    return f"grassroots-backup-{stamp}.tar" + (".age" if encrypted else "")


def _target(path, *, encrypted):
    if path is None:
        folder = settings.DATA_DIR / "backups"
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder / default_name(encrypted=encrypted)
    path = Path(path)
    if path.is_dir():
        return path / default_name(encrypted=encrypted)
    return path


def _add(tar, members, name, path):
    with open(path, "rb") as file:
        info = tar.gettarinfo(fileobj=file, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = archive.HashingReader(file)
        tar.addfile(info, reader)
    members[name] = {"sha256": reader.sha256.hexdigest(), "size": reader.size}


def media_names(storage, folder=""):
    """Every stored file, through Django's storage API: the same walk for a folder on disk
    and an S3-compatible bucket (django-storages)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # no photo yet: the media folder was never made
        return
    prefix = f"{folder}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for name in sorted(folders):
        yield from media_names(storage, prefix + name)


def _add_stored(tar, members, name, storage, stored):
    with storage.open(stored, "rb") as file:
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = file.size, int(time.time()), 0o644
        reader = archive.HashingReader(file)
        tar.addfile(info, reader)
    members[name] = {"sha256": reader.sha256.hexdigest(), "size": reader.size}


def _manifest(members, engine):
    applied = MigrationRecorder.Migration.objects.order_by("app", "name")
    return {
        "format": archive.FORMAT,
        "version": archive.VERSION,
        "created_at": timezone.now().isoformat(),
        "site_url": settings.SITE_URL,
        "database": {"engine": engine, "server_version": database.server_version()},
        "versions": {
            "grassroots": grassroots.__version__,
            "django": django.get_version(),
            "python": platform.python_version(),
        },
        "migrations": [f"{m.app}.{m.name}" for m in applied],
        "media": "included",
        "members": members,
    }


def backup_create(path=None, *, passphrase=None, recipients=()):
    """Write one archive; returns (its path, the manifest). Nothing is left half-written:
    the archive appears under its name only when complete."""
    encrypted = bool(passphrase or recipients)
    if recipients:
        archive.recipients_from(recipients)  # refuse a typo before the long part
    target = _target(path, encrypted=encrypted)
    engine = database.engine()
    members = {}
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".grassroots-backup-") as tmp:
        tmp = Path(tmp)
        plain = tmp / "backup.tar"
        with tarfile.open(plain, "w:", format=tarfile.PAX_FORMAT) as tar:
            dump = tmp / "database"
            if engine == "sqlite":
                database.sqlite_copy(dump)
                _add(tar, members, archive.SQLITE_MEMBER, dump)
            else:
                database.pg_dump(dump)
                _add(tar, members, archive.PG_MEMBER, dump)
            dump.unlink()
            for name in archive.KEY_FILES:
                if (settings.DATA_DIR / name).is_file():
                    _add(tar, members, name, settings.DATA_DIR / name)
            for stored in media_names(default_storage):
                try:
                    _add_stored(tar, members, archive.MEDIA + stored, default_storage, stored)
                except FileNotFoundError:  # deleted while we walked: not in the copy either
                    continue
            manifest = _manifest(members, engine)
            body = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo(archive.MANIFEST)
            info.size, info.mtime = len(body), int(time.time())
            tar.addfile(info, io.BytesIO(body))
        if encrypted:
            sealed = tmp / "backup.tar.age"
            archive.encrypt(plain, sealed, passphrase=passphrase, recipients=recipients)
            plain = sealed
        plain.chmod(0o600)
        plain.replace(target)
    return target, manifest
