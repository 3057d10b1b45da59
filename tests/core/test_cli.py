import os
import stat
import subprocess
import sys
import urllib.request

import pytest

from tests.conftest import cli_env, grassroots

pytestmark = pytest.mark.slow


def test_every_command_has_help(cli_data_dir):
    env = cli_env(cli_data_dir)
    for command in ["run", "demo", "createadmin", "check", "migrate"]:
        result = grassroots(command, "--help", env=env)
        assert result.returncode == 0, result.stderr
        assert "usage: grassroots " + command in result.stdout


def test_a_broken_database_url_gives_one_readable_line(cli_data_dir):
    env = cli_env(cli_data_dir, DATABASE_URL="mysql://root@localhost/site")
    result = grassroots("check", env=env)
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "DATABASE_URL must look like" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_database_gives_one_readable_line(cli_data_dir):
    env = cli_env(cli_data_dir, DATABASE_URL="postgres://nobody@127.0.0.1:1/site")
    result = grassroots("migrate", env=env)
    assert result.returncode != 0
    assert result.stderr.startswith("grassroots: cannot use the database:")
    assert "Traceback" not in result.stderr


def test_an_unwritable_data_dir_gives_one_readable_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = grassroots("check", env=cli_env(blocker / "data"))
    assert result.returncode != 0
    assert "GRASSROOTS_DATA_DIR" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_port_is_refused_in_one_line(cli_data_dir):
    result = grassroots("run", "--port", "70000", env=cli_env(cli_data_dir))
    assert result.returncode != 0
    assert "--port must be between 1 and 65535" in result.stderr


def test_production_deploy_check_passes_with_no_warnings(cli_data_dir):
    env = cli_env(
        cli_data_dir, GRASSROOTS_PRODUCTION="1", GRASSROOTS_SITE_URL="https://blog.example.org"
    )
    result = grassroots("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 silenced" in result.stdout


def test_production_cookies_are_host_prefixed_and_secure(cli_data_dir):
    env = cli_env(cli_data_dir, GRASSROOTS_PRODUCTION="1")
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    )
    result = grassroots("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "True",
        "31536000",
    ]


def test_secret_key_is_generated_on_first_start_owner_only(cli_data_dir):
    grassroots("check", env=cli_env(cli_data_dir))
    key_file = cli_data_dir / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    result = grassroots("check", env=cli_env(cli_data_dir))
    assert key_file.read_text() not in result.stdout + result.stderr


def test_demo_is_idempotent_and_createadmin_prints_a_fresh_login(cli_data_dir):
    env = cli_env(cli_data_dir)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    assert "Demo content loaded" in grassroots("demo", env=env).stdout
    assert "not loaded again" in grassroots("demo", env=env).stdout
    first = grassroots("createadmin", env=env)
    assert first.returncode == 0
    assert "password:" in first.stdout
    again = grassroots("createadmin", "--if-missing", env=env)
    assert again.returncode == 0 and "password:" not in again.stdout
    refused = grassroots("createadmin", env=env)
    assert refused.returncode != 0 and "--reset" in refused.stderr


def test_run_serves_the_demo_with_headers_and_no_cookie(running_server):
    with urllib.request.urlopen(running_server + "/") as response:
        assert response.status == 200
        assert "Set-Cookie" not in response.headers
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        assert "Open Steppe" in response.read().decode()
    with urllib.request.urlopen(running_server + "/static/grassroots/site.css") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/css")


def test_run_keeps_no_access_log_with_addresses(running_server, cli_data_dir):
    urllib.request.urlopen(running_server + "/").read()
    logged = "".join(p.read_text(errors="ignore") for p in cli_data_dir.rglob("*.log"))
    assert "127.0.0.1" not in logged
    assert os.path.exists(cli_data_dir / "secret_key")


def test_run_on_a_new_data_dir_migrates_and_serves_the_home_page(cli_data_dir):
    import subprocess
    import time

    from tests.conftest import GRASSROOTS, free_port

    port = free_port()
    server = subprocess.Popen(
        [GRASSROOTS, "run", "--port", str(port), "--workers", "1"],
        env=cli_env(cli_data_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                    assert "Set-Cookie" not in response.headers
                    assert response.headers["X-Content-Type-Options"] == "nosniff"
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=15)


def test_s3_storage_without_its_package_is_named_before_serving(cli_data_dir):
    # django-storages is a dev dependency (tests/scale): hide it as if it were not installed.
    hidden = (
        "import sys; sys.modules['storages'] = None; from grassroots.cli import main; "
        "sys.exit(main(['grassroots', 'check']))"
    )
    env = cli_env(cli_data_dir, GRASSROOTS_S3_BUCKET="ngo-photos")
    result = subprocess.run(
        [sys.executable, "-c", hidden], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "GRASSROOTS_S3_BUCKET needs the django-storages[s3] package" in result.stderr
    assert "pip install 'django-storages[s3]'" in result.stderr
    assert "Traceback" not in result.stderr
