"""Mail kept as files (no SMTP server set): readable by the site's user alone, and gone
when the retention period ends or the addressee is erased (issue 12, item 3c)."""

import os
import stat
import time

from django.core.mail import EmailMessage

from grassroots.core.mail import mail_files_delete


def use_file_mail(settings, tmp_path):
    settings.EMAIL_BACKEND = "grassroots.core.mail.FileBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return settings.EMAIL_FILE_PATH


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_default_mail_setting_keeps_files_private(settings, tmp_path):
    from grassroots import config

    assert config.Env({}).email_backend("X", data_dir=tmp_path) == (
        "grassroots.core.mail.FileBackend"
    )
    folder = use_file_mail(settings, tmp_path)
    old_umask = os.umask(0o022)  # a usual umask would make both readable by everyone
    try:
        EmailMessage("Hi", "A link: https://x/privacy/abc/", to=["lena@example.org"]).send()
    finally:
        os.umask(old_umask)
    [written] = list(folder.iterdir())
    assert mode(written) == 0o600
    assert mode(folder) == 0o700
    assert b"lena@example.org" in written.read_bytes()


def test_mail_files_go_after_the_retention_period_or_with_their_addressee(settings, tmp_path):
    folder = use_file_mail(settings, tmp_path)
    for to in ("lena@example.org", "Marat <marat@example.org>", "old@example.org"):
        EmailMessage("Hi", "text", to=[to]).send()
    files = {f.read_bytes().split(b"\nTo: ")[1].split(b"\n")[0]: f for f in folder.iterdir()}
    long_ago = time.time() - 40 * 86400
    os.utime(files[b"old@example.org"], (long_ago, long_ago))
    assert mail_files_delete(older_than_days=30) == 1
    assert mail_files_delete(addressed_to=lambda a: a == "marat@example.org") == 1
    [left] = list(folder.iterdir())
    assert b"lena@example.org" in left.read_bytes()
