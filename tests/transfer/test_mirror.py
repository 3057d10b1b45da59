"""export static: every public page, feed, sitemap, photo rendition and stylesheet as files
with relative links, no email of any commenter, and a signed manifest that --verify checks."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.comments.models import Comment
from grassroots.transfer.mirror import signing
from tests.transfer.helpers import PENDING_BODY, load_site, public_urls

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(r'(?:href|src)="([^"]*)"')


@pytest.fixture
def mirror(client, settings, tmp_path):
    load_site()
    urls = public_urls(client)
    target = tmp_path / "mirror"
    out = StringIO()
    call_command("export", "static", str(target), stdout=out)
    assert "signed with the key" in out.getvalue()
    return target, urls


def files(directory):
    return {p.relative_to(directory).as_posix(): p for p in directory.rglob("*") if p.is_file()}


def test_every_public_address_is_a_file_and_links_are_relative(mirror, settings):
    target, urls = mirror
    written = files(target)
    for url in urls:
        path, _q, query = url.partition("?")
        name = path.lstrip("/") + (f"page/{query.split('=')[1]}/" if query else "")
        if not name or name.endswith("/"):
            name += "index.xml" if "feed" in path else "index.html"
        assert name in written, url
    assert any(n.startswith("static/") and n.endswith(".css") for n in written)
    assert any(n.startswith("media/photos/") and n.endswith(".webp") for n in written)
    assert {"sitemap.xml", "robots.txt", "feed/index.xml", "feed/atom/index.xml"} <= set(written)
    for name, path in written.items():
        if not name.endswith(".html"):
            continue
        html = path.read_text()
        assert "<form" not in html, name
        for address in ADDRESS.findall(html):
            if address.startswith(("#", "http://", "https://")):
                continue
            assert not address.startswith("/"), (name, address)
            resolved = (path.parent / address.split("#")[0]).resolve()
            assert resolved.is_file(), (name, address)


def test_nothing_in_the_mirror_names_a_commenter_email(mirror):
    target, _urls = mirror
    emails = {e for e in Comment.objects.values_list("email", flat=True) if e}
    assert len(emails) > 2
    for name, path in files(target).items():
        data = path.read_bytes()
        for email in emails:
            assert email.encode() not in data, (name, email)
        assert PENDING_BODY.encode() not in data, name


def test_verify_accepts_the_mirror_and_refuses_any_change(mirror, tmp_path):
    target, _urls = mirror
    out = StringIO()
    call_command("export", "static", "--verify", str(target), stdout=out)
    assert "is intact" in out.getvalue()

    page = target / "index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</main>", b"<p>Donate to this wallet</p></main>"))
    with pytest.raises(CommandError, match=re.escape("changed after it was signed: index.html")):
        call_command("export", "static", "--verify", str(target))
    page.write_bytes(original)
    (target / "media" / "extra.html").write_text("<p>planted</p>")
    with pytest.raises(CommandError, match=re.escape("media/extra.html")):
        call_command("export", "static", "--verify", str(target))
    (target / "media" / "extra.html").unlink()

    manifest = target / signing.MANIFEST
    listed = json.loads(manifest.read_text())
    listed["files"]["index.html"] = "0" * 64
    manifest.write_text(json.dumps(listed))
    with pytest.raises(CommandError, match="not signed by the trusted key"):
        call_command("export", "static", "--verify", str(target))


def test_a_mirror_signed_by_another_key_is_refused(mirror):
    target, _urls = mirror
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    stranger = signing.public_text(Ed25519PrivateKey.generate().public_key())
    with pytest.raises(CommandError, match="not signed by the trusted key"):
        call_command("export", "static", "--verify", str(target), "--public-key", stranger)
    published = json.loads((target / signing.MANIFEST).read_text())["public_key"]
    call_command(
        "export", "static", "--verify", str(target), "--public-key", published, stdout=StringIO()
    )


def test_a_second_export_replaces_the_mirror_and_a_foreign_folder_is_refused(mirror, tmp_path):
    target, _urls = mirror
    (target / "stale.html").write_text("old")
    call_command("export", "static", str(target), stdout=StringIO())
    assert not (target / "stale.html").exists()
    folder = tmp_path / "photos-of-my-cat"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(b"cat")
    with pytest.raises(CommandError, match="not empty"):
        call_command("export", "static", str(folder))
    assert (folder / "cat.jpg").read_bytes() == b"cat"
    assert Path(folder).exists()


@pytest.mark.slow
def test_the_command_line_mirror_uses_the_hashed_stylesheets_of_a_real_install(
    cli_data_dir, tmp_path
):
    """Outside tests static files have hashed names from collectstatic's manifest."""
    from tests.conftest import cli_env, grassroots

    env = cli_env(cli_data_dir)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    target = tmp_path / "usb-stick"
    made = grassroots("export", "static", str(target), env=env)
    assert made.returncode == 0, made.stderr
    key = made.stdout.split()[-1]
    css = [p.name for p in (target / "static" / "grassroots").glob("site.*.css")]
    assert css and re.fullmatch(r"site\.[0-9a-f]{12}\.css", css[0])
    assert f'href="static/grassroots/{css[0]}"' in (target / "index.html").read_text()
    checked = grassroots("export", "static", "--verify", str(target), "--public-key", key, env=env)
    assert checked.returncode == 0, checked.stderr
