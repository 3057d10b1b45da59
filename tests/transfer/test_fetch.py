"""--fetch downloads media missing locally from the old site: http(s) only, capped in size,
and never without being asked. The "old site" is a local http.server on 127.0.0.1."""

import functools
import http.server
import threading

import pytest

from grassroots.photos.models import Photo
from grassroots.transfer.reading import media
from tests.factories import make_blog
from tests.transfer import wxr_fixture
from tests.transfer.importing import run_import

pytestmark = pytest.mark.django_db


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def old_site(tmp_path):
    root = tmp_path / "site"
    wxr_fixture.make_uploads(root / "wp-content" / "uploads")
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _export(tmp_path, base):
    path = tmp_path / "wordpress.xml"
    path.write_bytes(wxr_fixture.build().replace(wxr_fixture.SITE.encode(), base.encode()))
    return path


def test_fetch_downloads_what_the_media_folder_lacks(old_site, tmp_path):
    make_blog()
    report = run_import("wordpress", _export(tmp_path, old_site), tmp_path, "--fetch")
    assert Photo.objects.count() == 6
    assert any("gone.jpg" in line and "download failed" in line for line in report["missing_media"])


def test_without_fetch_nothing_is_downloaded(old_site, tmp_path):
    make_blog()
    report = run_import("wordpress", _export(tmp_path, old_site), tmp_path)
    assert Photo.objects.count() == 0
    assert len(report["missing_media"]) == 8


def test_downloads_are_capped_in_size(old_site, settings):
    settings.GRASSROOTS_PHOTO_MAX_UPLOAD_MB = 0.0001  # about 100 bytes
    data, why = media.download(f"{old_site}/wp-content/uploads/2019/05/river.jpg")
    assert data is None and why == "too large"


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://127.0.0.1/x.jpg", "/etc/passwd"])
def test_only_http_addresses_are_fetched(address):
    assert media.download(address) == (None, "not an http(s) address")


def test_the_media_folder_cannot_be_left(tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    (tmp_path / "secret.jpg").write_bytes(b"x")
    assert media.Media(folder=folder).local("../secret.jpg") is None
