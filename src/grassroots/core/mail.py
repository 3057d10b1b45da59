"""Mail kept as files in DATA_DIR/mail (the default when no SMTP server is set): they hold
addresses and live links, so only the site's own user may read them, and they go when the
email retention period ends or their addressee is erased (the comments app calls
mail_files_delete; core knows no commenters)."""

import datetime
import os
import re
import secrets
import time
from email.utils import getaddresses
from pathlib import Path

from django.conf import settings
from django.core.mail.backends import filebased

_TO = re.compile(rb"^To: (.+)$", re.MULTILINE)


class FileBackend(filebased.EmailBackend):
    """Django's file backend, writing each file with mode 0600 in a 0700 folder."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        os.chmod(self.file_path, 0o700)

    def _get_filename(self):
        # Django names the file after the time and id(self), which a new backend object can
        # reuse within the same second: two people's mail would share a file, and erasing one
        # would erase (or keep) both. A random part makes each file its own.
        if self._fname is None:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            self._fname = os.path.join(self.file_path, f"{stamp}-{secrets.token_hex(8)}.log")
        return self._fname

    def open(self):
        if self.stream is None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
            self.stream = os.fdopen(os.open(self._get_filename(), flags, 0o600), "ab")
            return True
        return False


def _recipients(data):
    headers = [match.decode("utf-8", "replace") for match in _TO.findall(data)]
    return [address for _name, address in getaddresses(headers) if address]


def mail_files_delete(*, older_than_days=None, addressed_to=None, now=None):
    """Delete mail files older than `older_than_days`, or those with a recipient for which
    `addressed_to(address)` is true. Returns how many were deleted."""
    folder = Path(settings.EMAIL_FILE_PATH)
    if not folder.is_dir():
        return 0
    cutoff = (now or time.time()) - (older_than_days or 0) * 86400
    deleted = 0
    for path in folder.iterdir():
        if not path.is_file() or path.is_symlink():
            continue
        try:
            old = older_than_days is not None and path.stat().st_mtime < cutoff
            if old or (
                addressed_to is not None
                and any(addressed_to(a) for a in _recipients(path.read_bytes()))
            ):
                path.unlink()
                deleted += 1
        except OSError:  # gone meanwhile, or not ours to read: nothing more to do here
            continue
    return deleted
