"""The nginx recipe (`grassroots deploy nginx`), tested with a real nginx in front of a real
`grassroots run` (on the suite's database: SQLite, or a scratch PostgreSQL database in the
PostgreSQL pass): nginx answers readers' pages itself, serves static files and photos with
the app's headers, never keeps or hands out a page meant for one person, answers an expired
page from the app (never a copy past the second it was made in) and falls back to its copy
only while the app is down, and a change reaches readers within one second."""

import contextlib
import gzip
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.conftest import GRASSROOTS, cli_env, free_port, grassroots
from tests.core.test_run import start, wait_up
from tests.processes import app_database, get, nginx, require_nginx

pytestmark = pytest.mark.slow

SECURITY = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
            "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy", "Permissions-Policy",
            "X-Frame-Options", "Cache-Control")  # fmt: skip
POST_LINK = r'href="(/\d{4}/\d\d/\d\d/[^"/]+/)"'
FROM_CACHE = {"HIT", "STALE", "UPDATING"}


def same(one, other):
    """Equal header values; a policy's directives may come in any order."""

    def parts(value):
        return sorted(part.strip().replace('"', "") for part in re.split("[;,]", value))

    return one is not None and parts(one) == parts(other)


@dataclass
class Recipe:
    base: str  # nginx
    app: str  # `grassroots run` behind it
    env: dict
    process: object
    posts: list  # the demo's post addresses, newest first

    def shell(self, script):
        done = grassroots("shell", "-v", "0", "-c", script, env=self.env)
        assert done.returncode == 0, done.stderr

    def post(self, n):
        return self.posts[n]


@pytest.fixture(scope="module")
def recipe(tmp_path_factory):
    require_nginx()
    port, app_port = free_port(), free_port()
    with contextlib.ExitStack() as stack:
        database = stack.enter_context(app_database())
        env = cli_env(tmp_path_factory.mktemp("data"), DATABASE_URL=database,
                      GRASSROOTS_BEHIND_PROXY="1", GRASSROOTS_COMMENT_MIN_SECONDS="0",
                      GRASSROOTS_SITE_URL=f"http://127.0.0.1:{port}")  # fmt: skip
        for args in (["migrate", "-v", "0"], ["demo"]):
            done = grassroots(*args, env=env, timeout=300)
            assert done.returncode == 0, done.stderr
        process = start(env, app_port)
        stack.callback(stop, process)
        wait_up(process, app_port)
        base = stack.enter_context(nginx(env=env, listen_port=port,
                                         apps=[f"127.0.0.1:{app_port}"],
                                         prefix=tmp_path_factory.mktemp("nginx")))  # fmt: skip
        posts = list(dict.fromkeys(re.findall(POST_LINK, get(base + "/posts/")[2])))
        assert len(posts) >= 5
        yield Recipe(base, f"http://127.0.0.1:{app_port}", env, process, posts)


def stop(process):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGCONT)
        os.killpg(process.pid, signal.SIGTERM)
    process.communicate(timeout=30)


def status(url, **kwargs):
    return get(url, **kwargs)[1]["X-Cache-Status"]


def first_photo(base, listing):
    for path in re.findall(POST_LINK, listing):
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
    # The environment file carries the bucket's credentials, or uploads fail under the units.
    s3 = cli_env(cli_data_dir, GRASSROOTS_S3_BUCKET="ngo-photos", AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
                 AWS_SECRET_ACCESS_KEY="not-a-real-secret")  # fmt: skip
    env_file = grassroots("deploy", "systemd", env=s3).stdout.split("/etc/grassroots/env")[-1]
    for line in ("GRASSROOTS_S3_BUCKET=ngo-photos", "AWS_ACCESS_KEY_ID=AKIDEXAMPLE",
                 "AWS_SECRET_ACCESS_KEY=not-a-real-secret"):  # fmt: skip
        assert line in env_file.splitlines(), line
    # The config names the custom domain to set, port included, as the reader's address has it.
    s3["GRASSROOTS_SITE_URL"] = "http://127.0.0.1:18480"
    standalone = grassroots("deploy", "nginx", "--standalone", "--listen", "127.0.0.1:18480",
                            "--prefix", str(cli_data_dir / "nginx"), env=s3)  # fmt: skip
    assert "GRASSROOTS_S3_CUSTOM_DOMAIN=127.0.0.1:18480/media" in standalone.stdout
    bad = grassroots("deploy", "nginx", "--standalone", "--listen", "nowhere", "--prefix", "x",
                     env=env)  # fmt: skip
    assert bad.returncode != 0 and "--listen must look like HOST:PORT" in bad.stderr


def test_nginx_answers_readers_itself_with_the_apps_headers(recipe):
    base, app = recipe.base, recipe.app
    listing = get(base + "/posts/")[2]
    path = recipe.post(0)
    assert FROM_CACHE & {status(base + path) for _ in range(3)}
    _status, page_headers, page = get(base + path)
    answer = get(app + path)[1]
    direct = {name: answer[name] for name in SECURITY}
    assert "stale" not in direct["Cache-Control"]  # nginx hands out no copy past its expiry
    for name in SECURITY:
        assert same(page_headers[name], direct[name]), name
    # A reader with a cookie always reaches the app.
    assert status(base + path, headers={"Cookie": "grassroots_language=en"}) == "BYPASS"
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
    photo = first_photo(base, listing)
    for asset in (stylesheet, photo):
        from_nginx, from_app = get(base + asset), get(app + asset)
        assert from_nginx[0] == from_app[0] == 200, asset
        assert "X-Cache-Status" not in from_nginx[1]  # served from disk, not proxied
        for name in (*SECURITY, "Content-Type"):
            assert same(from_nginx[1][name], from_app[1][name]), (asset, name)
    # The full-size master is never served, by nginx as by the app.
    master = photo.rsplit("/", 1)[0] + "/master.jpg"
    assert get(app + master)[0] == 404
    assert get(base + master)[0] == 404


def test_a_change_reaches_readers_within_one_second(recipe):
    """A copy made early in a second, a change later in that second, the next reader just over
    a second after the change: they get the change (a copy may not outlive its second)."""
    path = recipe.post(1)
    page = path + "?reader=one-second"  # read by this test only
    for attempt in range(5):
        title = f"Renamed now {attempt}"
        with prepared(recipe, rename_script(path, title)) as change:
            while time.time() % 1 > 0.1:  # the copy is made early in a second
                time.sleep(0.01)
            made = time.time()
            get(recipe.base + page)
            changed = change()
        if int(changed) != int(made):  # the change must fall in the copy's own second
            continue
        time.sleep(max(0, changed + 1.05 - time.time()))
        _code, headers, body = get(recipe.base + page)
        assert title in body, headers["X-Cache-Status"]
        return
    raise AssertionError("no change landed within the second of its copy")


def within_one_second(seen):
    """Readers see it at most one second (plus the app's answer) after the change: nginx
    keeps a copy to the end of the second it was made in, never longer."""
    done = time.monotonic()
    while not seen():
        assert time.monotonic() - done < 1.5, "the change did not reach readers"
        time.sleep(0.05)


@contextlib.contextmanager
def prepared(recipe, script):
    """A `grassroots shell` with Django loaded that runs `script` when called: a change at the
    moment the test chooses (starting the command alone takes about a second)."""
    code = f"import sys\nsys.stdin.readline()\n{script}\nprint('done', flush=True)\n"
    process = subprocess.Popen(
        [GRASSROOTS, "shell", "-v", "0", "-c", code],
        env=recipe.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip

    def change():
        process.stdin.write("go\n")
        process.stdin.flush()
        assert process.stdout.readline().strip() == "done"
        return time.time()

    try:
        yield change
    finally:
        process.stdin.close()
        process.wait(timeout=60)


def rename_script(path, title):
    slug = path.rstrip("/").rsplit("/", 1)[1]
    return (
        "from grassroots.blog.models import Post\n"
        "from grassroots.blog.services import post_update\n"
        f"post_update(post=Post.objects.get(slug='{slug}'), title='{title}')"
    )


def rename(recipe, path, title):
    recipe.shell(rename_script(path, title))


def test_the_first_reader_after_a_quiet_spell_gets_the_change(recipe):
    """nginx keeps the last copy of a page nobody reads for minutes; it must not hand that
    copy to the next reader once the page has changed."""
    path = recipe.post(0) + "?after=quiet"  # a page nobody else reads
    get(recipe.base + path)
    assert status(recipe.base + path) in FROM_CACHE
    time.sleep(1.1)  # longer than a copy may be handed out
    rename(recipe, path.split("?")[0], "Changed in the quiet")
    code, headers, page = get(recipe.base + path)
    assert code == 200 and "Changed in the quiet" in page
    assert headers["X-Cache-Status"] == "EXPIRED"


def test_an_unpublished_post_leaves_readers_within_one_second_and_comes_back(recipe):
    path = recipe.post(2)
    slug = path.rstrip("/").rsplit("/", 1)[1]
    get(recipe.base + path)
    assert status(recipe.base + path) in FROM_CACHE
    script = ("from grassroots.blog.models import Post; "
              "from grassroots.blog import services; "
              f"services.post_{{}}(post=Post.objects.get(slug='{slug}'))")  # fmt: skip
    recipe.shell(script.format("unpublish"))
    # nginx can drop its copy only by keeping the app's new answer in its place.
    within_one_second(lambda: get(recipe.base + path)[0] == 404)
    recipe.shell(script.format("publish"))
    within_one_second(lambda: get(recipe.base + path)[0] == 200)


def test_while_the_app_is_down_readers_get_the_last_copy(recipe, tmp_path):
    """The one case where nginx hands out an expired copy: no app process answers at all."""
    port = free_port()
    process = start(recipe.env, port)
    try:
        wait_up(process, port)
        apps = [f"127.0.0.1:{port}"]
        with nginx(env=recipe.env, listen_port=free_port(), apps=apps, prefix=tmp_path) as base:
            path = recipe.post(3)
            get(base + path)
            assert status(base + path) in FROM_CACHE
            stop(process)
            time.sleep(1.1)  # the copy has expired
            code, headers, page = get(base + path, timeout=5)
            assert code == 200 and headers["X-Cache-Status"] == "STALE"
            assert "<article" in page
    finally:
        if process.poll() is None:
            stop(process)


def test_a_page_for_one_reader_is_never_kept_nor_handed_to_another(recipe):
    """A commenter whose comment awaits moderation sees it (a cookie says it is theirs);
    nobody else does, whatever nginx kept."""
    recipe.shell(
        "from grassroots.blog.models import Blog; blog = Blog.objects.get(); "
        "blog.comment_policy = Blog.CommentPolicy.HOLD_ALL; blog.save()"
    )
    path = recipe.post(4)
    page = get(recipe.base + path)[2]
    action = re.search(r'action="(/comments/post/\d+/)', page).group(1)
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    form = {"name": "Held Reader", "email": "held@example.org", "token": token,
            "body": "A held comment its writer sees", "website": "", "homepage": ""}  # fmt: skip
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(recipe.base + action, data=urlencode(form).encode())
    try:
        answer = opener.open(request, timeout=10)
    except urllib.error.HTTPError as redirect:  # the redirect to the comment, not followed
        answer = redirect
    assert answer.status in {302, 303}, answer.read()
    sent = SimpleCookie()
    for header in answer.headers.get_all("Set-Cookie"):
        sent.load(header)
    cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in sent.items())
    own = get(recipe.base + path, headers={"Cookie": cookie})
    assert own[1]["X-Cache-Status"] == "BYPASS"
    assert form["body"] in own[2]
    assert "no-store" in own[1]["Cache-Control"]
    for _ in range(3):
        code, headers, page = get(recipe.base + path)
        assert code == 200 and form["body"] not in page
        assert headers["X-Cache-Status"] in {*FROM_CACHE, "MISS", "EXPIRED"}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_one_kept_copy_per_encoding_not_per_browser(recipe):
    path = recipe.post(0) + "?from=encoding-test"  # a page nobody asked for yet

    def fetch(accept=None):
        headers = {"Accept-Encoding": accept} if accept else {}
        request = urllib.request.Request(recipe.base + path, headers=headers)
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.headers, answer.read()

    first, body = fetch("gzip, deflate, br, zstd")
    assert first["X-Cache-Status"] == "MISS" and first["Content-Encoding"] == "gzip"
    # Another browser's wording of "gzip" gets the same copy.
    again, body = fetch("gzip")
    assert again["X-Cache-Status"] in FROM_CACHE and again["Content-Encoding"] == "gzip"
    assert b"<article" in gzip.decompress(body)
    # A client that takes no gzip never gets it.
    plain, body = fetch()
    assert plain["Content-Encoding"] is None and b"<article" in body


def test_with_no_app_answering_a_person_is_told_their_text_may_not_be_saved(recipe, tmp_path):
    """A comment sent while every app process is down gets nginx's own page in the blog's
    languages (never kept, with the app's security headers), not a bare 502."""
    dead = f"127.0.0.1:{free_port()}"
    with nginx(env=recipe.env, listen_port=free_port(), apps=[dead], prefix=tmp_path) as base:
        request = urllib.request.Request(
            base + recipe.post(0) + "comment/", data=urlencode({"body": "Hello"}).encode()
        )
        try:
            urllib.request.urlopen(request, timeout=10)
            raise AssertionError("a POST with no app behind nginx succeeded")
        except urllib.error.HTTPError as error:
            code, headers, page = error.code, error.headers, error.read().decode()
        assert code == 502
        assert "may not have been saved" in page and "могло не сохраниться" in page
        assert "nginx" not in page
        assert headers["Cache-Control"] == "no-store"
        assert "default-src" in headers["Content-Security-Policy"]
        assert get(base + "/no-such-page/")[0] == 502  # a reader's page: the same answer
