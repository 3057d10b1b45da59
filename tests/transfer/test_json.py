"""export json -> import json into an empty site gives the same public pages, byte for byte
(form tokens aside); only --with-private carries emails and unpublished comments."""

import json
import zipfile
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.blog.models import Author, Blog, Post, PostSlugHistory, Tag
from grassroots.comments.models import Comment
from grassroots.photos.models import Photo
from grassroots.transfer.formats import json as export_format
from tests.transfer.helpers import PENDING_BODY, SECRET_EMAIL, load_site, page, public_urls

pytestmark = pytest.mark.django_db


def wipe(media_root):
    """An empty site: no rows, no photo files."""
    import shutil

    for model in (Comment, PostSlugHistory, Post, Photo, Tag, Author, Blog):
        model.objects.all().delete()
    shutil.rmtree(media_root, ignore_errors=True)
    cache.clear()


def test_export_then_import_into_an_empty_site_gives_identical_public_pages(
    client, settings, tmp_path
):
    load_site()
    urls = public_urls(client)
    assert any("/media/photos/" in url for url in urls)
    assert len([u for u in urls if u.count("/") == 5 and u[1:5].isdigit()]) > 10  # posts
    before = {url: page(client, url) for url in urls}
    target = tmp_path / "site-export.zip"
    call_command("export", "json", str(target), stdout=StringIO(), stderr=StringIO())

    wipe(settings.MEDIA_ROOT)
    assert client.get(urls[-1]).status_code == 404 or not Post.objects.exists()
    out = StringIO()
    call_command("import", "json", str(target), stdout=out)
    assert "14 posts" in out.getvalue()

    after = {url: page(client, url) for url in urls}
    for url in urls:
        assert after[url] == before[url], url
    # New rows go after the imported ones (PostgreSQL's sequences were moved past them).
    from tests.factories import make_post

    assert make_post(title="After the move").pk > max(
        Post.objects.exclude(title="After the move").values_list("pk", flat=True)
    )


def test_public_export_names_no_email_and_holds_only_approved_comments(settings, tmp_path):
    load_site()
    target = tmp_path / "public.zip"
    err = StringIO()
    call_command("export", "json", str(target), stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""
    with zipfile.ZipFile(target) as archive:
        text = archive.read("grassroots-export.json").decode()
    assert SECRET_EMAIL not in text
    assert "@" not in "".join(c.get("email", "") for c in json.loads(text)["comments"])
    assert PENDING_BODY not in text
    assert all(c["status"] == "approved" for c in json.loads(text)["comments"])


def test_private_export_warns_and_carries_emails_and_pending_comments(tmp_path):
    load_site()
    target = tmp_path / "private.zip"
    err = StringIO()
    call_command("export", "json", str(target), "--with-private", stdout=StringIO(), stderr=err)
    assert "email addresses" in err.getvalue()
    with zipfile.ZipFile(target) as archive:
        data = json.loads(archive.read("grassroots-export.json"))
    assert data["private"] is True
    pending = [c for c in data["comments"] if c["body"] == PENDING_BODY]
    assert pending and pending[0]["email"] == SECRET_EMAIL and pending[0]["status"] == "pending"


def test_import_refuses_a_site_that_already_has_content(tmp_path):
    load_site()
    target = tmp_path / "site.zip"
    call_command("export", "json", str(target), stdout=StringIO())
    posts = Post.objects.count()
    with pytest.raises(CommandError, match="already has content"):
        call_command("import", "json", str(target))
    assert Post.objects.count() == posts


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip at all", "Cannot read"),
        (None, "not a Grassroots export"),
    ],
)
def test_import_refuses_a_file_that_is_not_an_export_and_stores_nothing(tmp_path, content, message):
    target = tmp_path / "other.zip"
    if content is None:
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("grassroots-export.json", json.dumps({"format": "something-else"}))
    else:
        target.write_bytes(content)
    assert not export_format.detect(target)
    with pytest.raises(CommandError, match=message):
        call_command("import", "json", str(target))
    assert not Post.objects.exists()


def test_a_photo_file_with_metadata_is_refused_and_nothing_is_kept(settings, tmp_path):
    load_site()
    target = tmp_path / "site.zip"
    call_command("export", "json", str(target), stdout=StringIO())
    wipe(settings.MEDIA_ROOT)
    from tests.photos import corpus

    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(target) as source, zipfile.ZipFile(tampered, "w") as out:
        first = json.loads(source.read("grassroots-export.json"))["photos"][0]["file"]
        for item in source.infolist():
            data = source.read(item)
            if item.filename == f"media/{first}":
                data = corpus.phone_jpeg()  # EXIF, GPS and all
            out.writestr(item, data)
    with pytest.raises(CommandError, match="carries metadata"):
        call_command("import", "json", str(tampered))
    assert not Post.objects.exists() and not Photo.objects.exists()
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))
