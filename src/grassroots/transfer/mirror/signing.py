"""The mirror's manifest and its Ed25519 signature. The key lives in the data dir (0600),
made on first use and kept in backups, so every mirror of a site carries one public key
that readers can pin."""

import base64
import hashlib
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.transfer.errors import TransferError

KEY_FILE = "mirror-signing-key.pem"
MANIFEST = "grassroots-mirror.json"
SIGNATURE = "grassroots-mirror.json.sig"
FORMAT = "grassroots-mirror"
VERSION = 1


def signing_key():
    path = settings.DATA_DIR / KEY_FILE
    if not path.exists():
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            pass
        else:
            with os.fdopen(fd, "wb") as file:
                file.write(pem)
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def public_text(public_key):
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def sign(directory, files):
    """Write the manifest of `files` (relative names) and its signature into `directory`."""
    key = signing_key()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "site_url": settings.SITE_URL,
        "created_at": timezone.now().isoformat(),
        "public_key": public_text(key.public_key()),
        "files": {name: file_digest(directory / name) for name in sorted(files)},
    }
    body = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
    (directory / MANIFEST).write_bytes(body)
    (directory / SIGNATURE).write_text(base64.b64encode(key.sign(body)).decode() + "\n")
    return manifest["public_key"]


def _trusted(public_key):
    if public_key:
        try:
            return Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        except ValueError:
            raise TransferError(_("The public key given is not an Ed25519 key.")) from None
    if not (settings.DATA_DIR / KEY_FILE).exists():
        raise TransferError(_("This data dir has no mirror key: give the mirror's --public-key."))
    return signing_key().public_key()


def verify(directory, *, public_key=None):
    """Check the signature with the trusted key, then every file; returns the file count."""
    directory = Path(directory)
    try:
        body = (directory / MANIFEST).read_bytes()
        signature = base64.b64decode((directory / SIGNATURE).read_text().strip())
    except (OSError, ValueError):
        raise TransferError(
            _("%(dir)s holds no signed mirror manifest.") % {"dir": directory}
        ) from None
    try:
        _trusted(public_key).verify(signature, body)
    except InvalidSignature:
        raise TransferError(
            _("The mirror's manifest is not signed by the trusted key: do not trust this copy.")
        ) from None
    listed = json.loads(body)["files"]
    present = {p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file()} - {
        MANIFEST,
        SIGNATURE,
    }
    problems = [name for name in sorted(listed) if name not in present]
    problems += sorted(present - set(listed))
    problems += [
        name
        for name in sorted(set(listed) & present)
        if file_digest(directory / name) != listed[name]
    ]
    if problems:
        raise TransferError(
            _("The mirror was changed after it was signed: %(files)s")
            % {"files": ", ".join(problems[:10])}
        )
    return len(listed)
