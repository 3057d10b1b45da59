"""The nginx recipe (`grassroots deploy nginx`), tested with a real nginx in front of a real
`grassroots run`: nginx answers readers' pages itself, serves static files and photos with
the app's headers, and a change reaches readers within one second."""

import contextlib
import re
import time

import pytest

from tests.conftest import cli_env, free_port, grassroots, serving
from tests.processes import get, nginx, require_nginx

pytestmark = pytest.mark.slow

SECURITY = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
            "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy", "Permissions-Policy",
            "X-Frame-Options", "Cache-Control")  # fmt: skip


def same(one, other):
    """Equal header values; a policy's directives may come in any order."""

    def parts(value):
        return sorted(part.strip().replace('"', "") for part in re.split("[;,]", value))

    return one is not None and parts(one) == parts(other)


def first_photo(base, listing):
    for path in re.findall(r'href="(/\d{4}/\d\d/\d\d/[^"/]+/)"', listing):
        if found := re.search(r'src="(/media/[^"]+)"', get(base + path)[2]):
            return found.group(1)
    raise AssertionError("no photo in the demo posts")


def test_deploy_prints_a_tls_site_and_systemd_units(cli_data_dir):
    env = cli_env(cli_data_dir, GRASSROOTS_SITE_URL="https://blog.example.org")
    site = grassroots("deploy", "nginx", "--app", "127.0.0.1:8000", env=env)
    assert site.returncode == 0, site.stderr
    for needle in ("server_name blog.example.org;", "listen 443 ssl",
                   "ssl_certificate /etc/letsencrypt/live/blog.example.org/fullchain.pem;",
                   "access_log off;", "X-Forwarded-Proto $scheme", "client_max_body_size 26m;",
                   "return 301 https://$host$request_uri;"):  # fmt: skip
        assert needle in site.stdout, needle
    units = grassroots("deploy", "systemd", env=env)
    assert units.returncode == 0, units.stderr
    assert "run --host 127.0.0.1 --port 8000" in units.stdout
    assert re.search(r"ExecStart=\S+ worker", units.stdout)
    bad = grassroots("deploy", "nginx", "--standalone", "--listen", "nowhere", "--prefix", "x",
                     env=env)  # fmt: skip
    assert bad.returncode != 0 and "--listen must look like HOST:PORT" in bad.stderr


def test_nginx_answers_readers_itself_with_the_apps_headers_and_changes_within_a_second(
    cli_data_dir, tmp_path
):
    require_nginx()
    port = free_port()
    env = cli_env(cli_data_dir, GRASSROOTS_BEHIND_PROXY="1",
                  GRASSROOTS_SITE_URL=f"http://127.0.0.1:{port}")  # fmt: skip
    with contextlib.ExitStack() as stack:
        app, _output = stack.enter_context(serving(env))
        apps = [app.removeprefix("http://")]
        base = stack.enter_context(nginx(env=env, listen_port=port, apps=apps,
                                         prefix=tmp_path / "nginx"))  # fmt: skip
        path = check_pages_and_files(base, app)
        check_a_change_reaches_readers_within_a_second(base, path, env)


def check_pages_and_files(base, app):
    status, _headers, listing = get(base + "/posts/")
    assert status == 200
    path = re.search(r'href="(/\d{4}/\d\d/\d\d/[^"/]+/)"', listing).group(1)
    statuses = [get(base + path)[1]["X-Cache-Status"] for _ in range(3)]
    assert "HIT" in statuses
    status, page_headers, page = get(base + path)
    direct = get(app + path)[1]
    for name in SECURITY:
        assert same(page_headers[name], direct[name]), name
    # A reader with a cookie always reaches the app.
    cookie = {"Cookie": "grassroots_language=en"}
    assert get(base + path, headers=cookie)[1]["X-Cache-Status"] == "BYPASS"
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
    for asset in (stylesheet, first_photo(base, listing)):
        from_nginx, from_app = get(base + asset), get(app + asset)
        assert from_nginx[0] == from_app[0] == 200, asset
        assert "X-Cache-Status" not in from_nginx[1]  # served from disk, not proxied
        for name in (*SECURITY, "Content-Type"):
            assert same(from_nginx[1][name], from_app[1][name]), (asset, name)
    return path


def check_a_change_reaches_readers_within_a_second(base, path, env):
    slug = path.rstrip("/").rsplit("/", 1)[1]
    script = (
        "from grassroots.blog.models import Post; "
        "from grassroots.blog.services import post_update; "
        f"post_update(post=Post.objects.get(slug='{slug}'), title='Renamed now')"
    )
    get(base + path)
    assert get(base + path)[1]["X-Cache-Status"] == "HIT"
    changed = grassroots("shell", "-v", "0", "-c", script, env=env)
    assert changed.returncode == 0, changed.stderr
    done = time.monotonic()
    while "Renamed now" not in get(base + path)[2]:
        assert time.monotonic() - done < 1.5, "the change did not reach readers"
        time.sleep(0.05)
