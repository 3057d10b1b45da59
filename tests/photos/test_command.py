"""`grassroots photos import`: in-process through call_command (the same parser and code as
the command line), plus one real subprocess for the entry point."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from grassroots.blog.models import Post
from grassroots.photos.models import Photo
from tests.factories import make_post
from tests.photos import corpus
from tests.photos.helpers import assert_clean

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "camera"
    (root / "day two").mkdir(parents=True)
    (root / "IMG_0001.jpg").write_bytes(corpus.phone_jpeg())
    (root / "IMG_0002.HEIC").write_bytes(corpus.heic())
    (root / "day two" / "shot.webp").write_bytes(corpus.webp_with_metadata())
    (root / "day two" / "page.jpg").write_bytes(corpus.html_named_jpg())
    (root / "day two" / "broken.jpg").write_bytes(corpus.truncated_jpeg())
    (root / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    return root


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("photos", "import", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        err.write(str(error))
        code = error.returncode
    return code, out.getvalue(), err.getvalue()


def test_a_folder_is_imported_and_hostile_files_are_refused_with_reasons(folder, settings):
    code, out, err = run(str(folder))
    assert code == 1
    assert Photo.objects.count() == 3
    assert "Imported 3 photo(s)" in out
    assert "removed: GPS position, camera or lens serial number, owner or artist name" in out
    assert "Refused 2 file(s)" in out
    assert "page.jpg: This is not a photo we accept" in out
    assert "broken.jpg: The image is damaged" in out
    assert "[" in out and "5/5" in out  # the progress bar
    assert "2 file(s) refused" in err
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            assert_clean(path.read_bytes(), name=str(path))


def test_imported_photos_are_added_to_a_post_as_a_gallery(folder):
    post = make_post(slug="march-photos", body="Our day.", status=Post.Status.DRAFT)
    code, out, _err = run(
        str(folder / "IMG_0001.jpg"), str(folder / "IMG_0002.HEIC"), "--post", "march-photos"
    )
    assert code == 0
    post.refresh_from_db()
    ids = list(Photo.objects.order_by("pk").values_list("pk", flat=True))
    assert f"```gallery\nphoto:{ids[0]}\nphoto:{ids[1]}\n```" in post.body
    assert post.body_html.count("<figure") == 2
    assert post.cover_id == ids[0]
    assert "Added to the post march-photos" in out


def test_a_published_post_does_not_take_photos_without_alt_text(folder):
    post = make_post(slug="live", body="Live.")
    code, _out, err = run(str(folder / "IMG_0001.jpg"), "--post", "live")
    assert code == 0
    assert "were not added to live" in err and "photo:" in err
    post.refresh_from_db()
    assert "photo:" not in post.body


def test_an_unknown_post_or_path_stops_before_importing(folder, tmp_path):
    code, _out, err = run(str(folder), "--post", "nope")
    assert code != 0 and "No post with the slug nope" in err
    code, _out, err = run(str(tmp_path / "missing"))
    assert code != 0 and "No such file or folder" in err
    assert Photo.objects.count() == 0


@pytest.mark.slow
def test_the_command_line_entry_point_imports(tmp_path, cli_data_dir):
    from tests.conftest import cli_env, grassroots

    env = cli_env(cli_data_dir)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    photo = tmp_path / "p.jpg"
    photo.write_bytes(corpus.phone_jpeg())
    result = grassroots("photos", "import", str(photo), env=env)
    assert result.returncode == 0, result.stderr
    assert "Imported 1 photo(s)" in result.stdout
    media = list((cli_data_dir / "media").rglob("*.*"))
    assert media
    for path in media:
        assert_clean(path.read_bytes(), name=str(path))


@pytest.mark.slow
def test_a_bucket_setting_switches_photo_storage_to_s3(cli_data_dir):
    from tests.conftest import cli_env, grassroots

    env = cli_env(
        cli_data_dir, GRASSROOTS_S3_BUCKET="ngo-photos", GRASSROOTS_S3_CUSTOM_DOMAIN="m.example.org"
    )
    code = (
        "from django.conf import settings; s = settings.STORAGES['default']; "
        "print(s['BACKEND'], s['OPTIONS']['bucket_name'], s['OPTIONS']['custom_domain'])"
    )
    result = grassroots("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "storages.backends.s3.S3Storage",
        "ngo-photos",
        "m.example.org",
    ]
