"""What backup_create writes and backup_restore reads: member names, the manifest, age
encryption (pyrage: the age format, readable by the `age` tool too) and the checks that
every member is what the manifest says."""

import hashlib
import json
import tarfile
from pathlib import Path, PurePosixPath

import pyrage
from django.utils.translation import gettext as _

from grassroots.transfer.errors import TransferError

FORMAT = "grassroots-backup"
VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/grassroots.sqlite3"
PG_MEMBER = "database/grassroots.pgdump"
MEDIA = "media/"
# Files of the data dir that hold keys: without them a restored site logs every staff
# member out, forgets who subscribed, and cannot sign its mirror with the same key.
KEY_FILES = ["secret_key", "mirror-signing-key.pem"]
AGE_MAGIC = b"age-encryption.org/v1"
AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
CHUNK = 1 << 20


class HashingReader:
    """A file wrapper that hashes exactly the bytes tarfile copies into the archive."""

    def __init__(self, file):
        self.file, self.sha256, self.size = file, hashlib.sha256(), 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def is_encrypted(path):
    with open(path, "rb") as file:
        head = file.read(len(AGE_ARMOR))
    return head.startswith(AGE_MAGIC) or head.startswith(AGE_ARMOR)


def recipients_from(values):
    parsed = []
    for value in values:
        try:
            parsed.append(pyrage.x25519.Recipient.from_str(value.strip()))
        except pyrage.RecipientError:
            raise TransferError(
                _("%(value)s is not an age recipient (they look like age1…).") % {"value": value}
            ) from None
    return parsed


def identities_from(path):
    try:
        lines = Path(path).read_text().splitlines()
    except OSError as error:
        raise TransferError(
            _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
        ) from None
    keys = [line.strip() for line in lines if line.strip().startswith("AGE-SECRET-KEY-")]
    if not keys:
        raise TransferError(
            _("%(path)s holds no age identity (AGE-SECRET-KEY-…).") % {"path": path}
        )
    return [pyrage.x25519.Identity.from_str(key) for key in keys]


def encrypt(plain, target, *, passphrase=None, recipients=()):
    if recipients:
        pyrage.encrypt_file(str(plain), str(target), recipients_from(recipients))
    else:
        # pyrage has no streaming passphrase mode: the archive passes through memory once
        # (docs/operating.md suggests a recipient key for large media libraries).
        target.write_bytes(pyrage.passphrase.encrypt(plain.read_bytes(), passphrase))


def decrypt(source, target, *, passphrase=None, identity_file=None):
    try:
        if identity_file:
            pyrage.decrypt_file(str(source), str(target), identities_from(identity_file))
        elif passphrase:
            target.write_bytes(pyrage.passphrase.decrypt(Path(source).read_bytes(), passphrase))
        else:
            raise TransferError(
                _("This backup is encrypted: give --passphrase-file or --identity.")
            )
    except pyrage.DecryptError:
        raise TransferError(
            _("This backup could not be decrypted with the passphrase or key given.")
        ) from None


def safe_name(name):
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts


def verify(path):
    """Read the whole tar once; return its manifest if every member is listed with the
    right SHA-256 and size and nothing is missing or extra. Raise TransferError otherwise."""
    found, manifest = {}, None
    try:
        with tarfile.open(path, "r:") as archive:
            for member in archive:
                if not member.isfile() or not safe_name(member.name):
                    raise TransferError(
                        _("The archive holds %(name)s, which a backup never holds.")
                        % {"name": member.name}
                    )
                data = archive.extractfile(member)
                if member.name == MANIFEST:
                    manifest = json.loads(data.read(16 * CHUNK))
                    continue
                digest = hashlib.sha256()
                while chunk := data.read(CHUNK):
                    digest.update(chunk)
                found[member.name] = (digest.hexdigest(), member.size)
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise TransferError(
            _("The archive is damaged or incomplete (%(reason)s). Nothing was restored.")
            % {"reason": error}
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise TransferError(_("This is not a Grassroots backup: it has no manifest."))
    if manifest.get("version") != VERSION:
        raise TransferError(
            _("This backup has format version %(found)s; this Grassroots reads version %(ours)s.")
            % {"found": manifest.get("version"), "ours": VERSION}
        )
    problems = []
    listed = manifest.get("members", {})
    for name, entry in listed.items():
        if name not in found:
            problems.append(_("%(name)s is missing") % {"name": name})
        elif found[name] != (entry.get("sha256"), entry.get("size")):
            problems.append(_("%(name)s does not match its checksum") % {"name": name})
    problems += [
        _("%(name)s is not in the manifest") % {"name": n} for n in found if n not in listed
    ]
    if problems:
        shown = "; ".join(str(p) for p in problems[:5])
        more = len(problems) - 5
        raise TransferError(
            _("The archive is damaged: %(problems)s%(more)s. Nothing was restored.")
            % {"problems": shown, "more": f" (+{more})" if more > 0 else ""}
        )
    return manifest
