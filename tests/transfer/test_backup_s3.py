"""Photos kept in an S3-compatible bucket (moto's standalone server) are in the backup, read
through Django's storage API, and restore writes them back into the (empty) bucket."""

import hashlib

import pytest

from tests.conftest import cli_env, grassroots
from tests.scale.test_several_servers import s3_server

pytestmark = pytest.mark.slow

UPLOAD = """
import io
from PIL import Image
from grassroots.photos.services import photo_upload
out = io.BytesIO()
Image.new("RGB", (640, 480), (30, 120, 200)).save(out, "JPEG")
print(photo_upload(data=out.getvalue(), alt_text="A blue field").pk)
"""


def _bucket(endpoint, bucket):
    import boto3

    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="test", aws_secret_access_key="test")  # fmt: skip
    objects = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return client, {
        o["Key"]: hashlib.sha256(
            client.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()
        ).hexdigest()
        for o in objects
    }


def test_photos_in_a_bucket_are_backed_up_and_restored_into_an_empty_bucket(
    tmp_path, fresh_databases
):
    pytest.importorskip("moto", reason="moto[server] is a dev dependency")
    with s3_server("photos") as endpoint:
        client, _none = _bucket(endpoint, "photos")
        client.create_bucket(Bucket="restored")

        def env(folder, bucket, database):
            folder.mkdir()
            return cli_env(
                folder, DATABASE_URL=database, GRASSROOTS_S3_BUCKET=bucket,
                GRASSROOTS_S3_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID="test",
                AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1",
            )  # fmt: skip

        source = env(tmp_path / "source", "photos", fresh_databases())
        assert grassroots("migrate", "-v", "0", env=source).returncode == 0
        uploaded = grassroots("shell", "--no-imports", "-c", UPLOAD, env=source)
        assert uploaded.returncode == 0, uploaded.stderr
        _client, stored = _bucket(endpoint, "photos")
        assert len(stored) >= 2  # the master and its renditions
        assert not (tmp_path / "source" / "media").exists()

        archive = tmp_path / "site.tar"
        made = grassroots("backup", str(archive), env=source, timeout=300)
        assert made.returncode == 0, made.stderr
        assert "not in this backup" not in made.stderr

        restored = env(tmp_path / "restored", "restored", fresh_databases())
        result = grassroots("restore", str(archive), env=restored, timeout=300)
        assert result.returncode == 0, result.stderr
        assert _bucket(endpoint, "restored")[1] == stored

        # A bucket that already holds photos is another site's: nothing is written.
        again = env(tmp_path / "again", "restored", fresh_databases())
        refused = grassroots("restore", str(archive), env=again, timeout=300)
        assert refused.returncode != 0
        assert "empty" in refused.stderr


def test_a_missing_bucket_or_silent_endpoint_is_one_line_not_a_traceback(tmp_path):
    """The operator's S3 settings are wrong: the command says so in one line and exits 2."""
    pytest.importorskip("moto", reason="moto[server] is a dev dependency")
    with s3_server("photos") as endpoint:
        for name, bucket, url in [
            ("missing", "no-such-bucket", endpoint),
            ("silent", "photos", "http://127.0.0.1:9"),  # nothing listens on the discard port
        ]:
            folder = tmp_path / name
            folder.mkdir()
            env = cli_env(
                folder, GRASSROOTS_S3_BUCKET=bucket, GRASSROOTS_S3_ENDPOINT_URL=url,
                AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                AWS_DEFAULT_REGION="us-east-1", AWS_MAX_ATTEMPTS="1",
            )  # fmt: skip
            assert grassroots("migrate", "-v", "0", env=env).returncode == 0
            result = grassroots("backup", str(folder / "site.tar"), env=env, timeout=120)
            assert result.returncode == 2, result.stderr
            assert "Traceback" not in result.stderr
            assert result.stderr.startswith("grassroots: cannot use the S3 bucket: ")
            assert not (folder / "site.tar").exists()
