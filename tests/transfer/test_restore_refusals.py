"""A damaged, truncated, tampered or wrongly decrypted archive is refused with one clear
sentence, before anything is written; so is a data dir that already holds a site. Encrypted
backups (age: a passphrase or an X25519 recipient) restore with the right key only."""

import tarfile
from pathlib import Path

import pyrage
import pytest

from tests.conftest import cli_env, grassroots

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated SQLite site with one photo file, and its plain backup."""
    data_dir = tmp_path_factory.mktemp("site")
    env = cli_env(data_dir)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    photo = data_dir / "media" / "photos" / "abc" / "480w.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\xff\xd8" + b"pixels" * 1000)
    archive = data_dir.parent / "site.tar"
    result = grassroots("backup", str(archive), env=env)
    assert result.returncode == 0, result.stderr
    return env, archive


def untouched(data_dir):
    """Nothing but what any command makes at start (the key, the static folder)."""
    return {p.name for p in Path(data_dir).iterdir()} <= {"secret_key", "static"}


def restore_into_new_dir(tmp_path, archive, *options):
    target = tmp_path / "new"
    target.mkdir(exist_ok=True)
    result = grassroots("restore", str(archive), *options, env=cli_env(target))
    return result, target


def test_a_flipped_byte_is_refused_and_names_the_damaged_member(site, tmp_path):
    _env, archive = site
    damaged = tmp_path / "damaged.tar"
    data = bytearray(archive.read_bytes())
    with tarfile.open(archive) as tar:
        member = tar.getmember("media/photos/abc/480w.jpg")
    data[member.offset_data + 100] ^= 0xFF
    damaged.write_bytes(bytes(data))
    result, target = restore_into_new_dir(tmp_path, damaged)
    assert result.returncode != 0
    assert "damaged" in result.stderr and "media/photos/abc/480w.jpg" in result.stderr
    assert "Traceback" not in result.stderr
    assert untouched(target)


def test_a_truncated_archive_is_refused(site, tmp_path):
    _env, archive = site
    cut = tmp_path / "cut.tar"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    result, target = restore_into_new_dir(tmp_path, cut)
    assert result.returncode != 0 and "damaged or incomplete" in result.stderr
    assert untouched(target)


def test_a_member_added_after_the_backup_is_refused(site, tmp_path):
    _env, archive = site
    extended = tmp_path / "extended.tar"
    extended.write_bytes(archive.read_bytes())
    with tarfile.open(extended, "a") as tar:
        extra = tmp_path / "evil.html"
        extra.write_text("<script>alert(1)</script>")
        tar.add(extra, arcname="media/evil.html")
    result, target = restore_into_new_dir(tmp_path, extended)
    assert result.returncode != 0 and "media/evil.html is not in the manifest" in result.stderr
    assert untouched(target)


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("shopping list")
    result, target = restore_into_new_dir(tmp_path, other)
    assert result.returncode != 0 and "damaged or incomplete" in result.stderr
    assert untouched(target)


def test_restore_refuses_a_data_dir_that_holds_a_site(site):
    env, archive = site
    result = grassroots("restore", str(archive), env=env)
    assert result.returncode != 0 and "already holds a site" in result.stderr


def test_check_verifies_without_writing(site, tmp_path):
    _env, archive = site
    result, target = restore_into_new_dir(tmp_path, archive, "--check")
    assert result.returncode == 0 and "is intact" in result.stdout
    assert untouched(target)


def test_a_passphrase_backup_restores_only_with_its_passphrase(site, tmp_path):
    env, _archive = site
    secret = tmp_path / "passphrase"
    secret.write_text("correct horse battery staple\n")
    sealed = tmp_path / "sealed.tar.age"
    made = grassroots("backup", str(sealed), "--passphrase-file", str(secret), env=env)
    assert made.returncode == 0, made.stderr
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1")
    assert b"pixels" not in sealed.read_bytes()

    result, target = restore_into_new_dir(tmp_path, sealed)
    assert result.returncode != 0 and "encrypted" in result.stderr
    wrong = tmp_path / "wrong"
    wrong.write_text("incorrect horse")
    result, target = restore_into_new_dir(tmp_path, sealed, "--passphrase-file", str(wrong))
    assert result.returncode != 0 and "could not be decrypted" in result.stderr
    assert untouched(target)
    result, target = restore_into_new_dir(tmp_path, sealed, "--passphrase-file", str(secret))
    assert result.returncode == 0, result.stderr
    assert (target / "media" / "photos" / "abc" / "480w.jpg").read_bytes().startswith(b"\xff\xd8")


def test_a_recipient_backup_restores_with_the_identity(site, tmp_path):
    env, _archive = site
    identity = pyrage.x25519.Identity.generate()
    key_file = tmp_path / "backup-key.txt"
    key_file.write_text(f"# the backup key\n{identity}\n")
    sealed = tmp_path / "sealed.tar.age"
    made = grassroots("backup", str(sealed), "--recipient", str(identity.to_public()), env=env)
    assert made.returncode == 0, made.stderr
    result, target = restore_into_new_dir(tmp_path, sealed, "--identity", str(key_file))
    assert result.returncode == 0, result.stderr
    assert (target / "grassroots.sqlite3").exists()

    typo = grassroots("backup", str(tmp_path / "x.age"), "--recipient", "age1nope", env=env)
    assert typo.returncode != 0 and "not an age recipient" in typo.stderr
