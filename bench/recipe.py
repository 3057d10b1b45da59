"""Reads and writes through the production recipe, side by side with nginx serving a static
copy of the same page, in one run (issue 11 item 6). Writes the table into
docs/performance.md between the recipe markers (not with --no-write); every figure is also
given as a ratio to the static copy from the same run, since absolute numbers move between
machines.

    apt-get install wrk nginx-light      # once
    .venv/bin/python bench/recipe.py [--seconds 5] [--connections 64] [--no-write]

(a) the photo story with 50 comments, cached: nginx recipe, `grassroots run` alone, static;
(b) the same page uncached (a reader with a cookie); (c) comment POSTs per second, and
whether every acknowledged comment was stored; (d) readers on 20 posts through the recipe,
then the same while comments arrive on one of them at 20 a second: throughput and how many
answers nginx gave from its cache; (e) peak PSS of the whole `grassroots run` tree.
Every scenario is bounded by --seconds; all servers are stopped at the end.
"""

import argparse
import datetime
import getpass
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loads import (
    MIXED_LUA,
    POST_LUA,
    STATIC_CONF,
    CommentDrip,
    PeakPss,
    from_cache,
    nginx_start,
    nginx_stop,
    run,
    stop_tree,
    warm,
    wrk,
)
from run import BIN, RESULTS, free_port, wait_up

START, END = "<!-- recipe:start -->", "<!-- recipe:end -->"

SETUP = """
import time
from grassroots.blog.models import Blog, Post
from grassroots.blog.services import post_create
from grassroots.comments import guard, services
blog = Blog.objects.get()
blog.comment_policy = Blog.CommentPolicy.OPEN
blog.save()
story = Post.objects.get(slug="a-day-in-the-park")
for n in range(50):
    services.comment_submit(post=story, name=f"Reader {n}", email=f"r{n}@example.org",
        body=f"Comment {n}: thank you for the day in the park. " * (1 + n % 5),
        token=guard.issue_token(story.pk, issued_at=time.time() - 60))
for n in range(max(0, 20 - Post.objects.public().count())):
    post_create(title=f"Quiet post {n}", body="A quiet post. " * 80, status="published",
                authors=list(story.authors.all()))
quiet = [p.get_absolute_url() for p in Post.objects.public().exclude(pk=story.pk)][:19]
# (c) comments on a post of its own, as the shared harness does: the story keeps its 50
# comments for (d), whatever number (c) stores.
target = post_create(title="Comment target", body="Comments go here. " * 20,
                     status="published", authors=list(story.authors.all()))
print(target.pk, story.pk, story.get_absolute_url(), *quiet)
# Each form token is good for one comment: enough for the POST run and for the writers.
with open(TOKENS, "w") as out:
    out.write("\\n".join(guard.issue_token(target.pk) for _ in range(COUNT)))
with open(TOKENS + ".drip", "w") as out:
    out.write("\\n".join(guard.issue_token(story.pk) for _ in range(2000)))
"""


def grassroots(*args, env, timeout=600):
    return run([str(BIN / "grassroots"), *args], env=env, timeout=timeout).stdout


def comments_stored(env, name):
    script = ("from grassroots.comments.models import Comment\n"
              f"print(Comment.objects.filter(name={name!r}).count())")  # fmt: skip
    return int(grassroots("shell", "--no-imports", "-c", script, env=env).split()[-1])


def prepare(tmp, env):
    """The demo site, the story's 50 comments, 19 quiet posts, the post (c) comments on and
    the form tokens."""
    grassroots("migrate", "-v", "0", env=env)
    grassroots("demo", env=env)
    tokens = tmp / "tokens.txt"
    setup = SETUP.replace("TOKENS", repr(str(tokens))).replace("COUNT", "60000")
    target_id, post_id, path, *quiet = grassroots(
        "shell", "--no-imports", "-c", setup, env=env
    ).split()
    return target_id, post_id, path, [path, *quiet], tokens


def comment_load(base, post_id, tokens, tmp, *, seconds, connections):
    """(c): wrk sends comments as fast as they are answered, each with its own form token."""
    body = urllib.parse.urlencode({"name": "Load", "email": "load-NNN@example.org",
                                   "body": "Bench comment NNN", "token": "TOKEN",
                                   "website": "", "homepage": ""})  # fmt: skip
    script = tmp / "post.lua"
    script.write_text(f"wrk.body = {body!r}\n" + POST_LUA % tokens)
    url = f"{base}/comments/post/{post_id}/"
    return wrk(url, script=script, seconds=seconds, connections=connections)


def mixed_script(tmp, base, paths):
    title = re.search(r"<title>[^<]*", urllib.request.urlopen(base + paths[0]).read().decode())  # noqa: S310
    script = tmp / "mixed.lua"
    lua_strings = ", ".join(f'"{p}"' for p in paths)
    script.write_text(MIXED_LUA.format(paths=lua_strings, title=repr(title.group(0))))
    return script


def measure(rows, *, app, recipe, static, env, target_id, post_id, path, paths, tokens, tmp, args):
    seconds, connections = args.seconds, args.connections
    read = {"seconds": seconds, "connections": connections}
    warm(recipe, [path])
    rows["static"] = wrk(static + "/", **read)
    rows["recipe"] = wrk(recipe + path, **read)
    rows["run"] = wrk(app + path, **read)
    rows["uncached"] = wrk(app + path, headers=("Cookie: bench=1",), **read)
    time.sleep(2)  # the app works off the previous backlog before the writes
    # At least 15 s: with 64 writers queued at a slow app, a short run ends before the first
    # answers come back and counts none.
    rows["posts"] = comment_load(app, target_id, tokens, tmp, seconds=max(seconds, 15),
                                 connections=args.post_connections)  # fmt: skip
    rows["posts"]["stored"] = comments_stored(env, "Load")
    time.sleep(2)
    script = mixed_script(tmp, recipe, paths)
    warm(recipe, paths)
    rows["read-only"] = wrk(recipe + "/", script=script, **read)
    drip_tokens = Path(f"{tokens}.drip").read_text().split()[: 20 * seconds + 100]
    with CommentDrip(recipe, post_id, drip_tokens, per_second=20) as drip:
        rows["mixed"] = wrk(recipe + "/", script=script, **read)
    rows["drip"] = {"sent": drip.sent, "per_second": drip.sent / drip.seconds,
                    "acknowledged": drip.acknowledged, "failed": drip.failed,
                    "stored": comments_stored(env, "Drip")}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--post-connections", type=int, default=64,
                        help="connections sending comments in (c)")  # fmt: skip
    parser.add_argument("--workers", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} is missing: apt-get install wrk nginx-light")
    rows = {}
    with tempfile.TemporaryDirectory(prefix="grassroots-recipe-") as tmp:
        tmp = Path(tmp)
        app_port, nginx_port, static_port = free_port(), free_port(), free_port()
        env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp / "data"), "DATABASE_URL": "",
               "GRASSROOTS_BEHIND_PROXY": "1", "GRASSROOTS_COMMENT_MIN_SECONDS": "0",
               "GRASSROOTS_COMMENT_RATE_NETWORK": "0", "GRASSROOTS_COMMENT_RATE_EMAIL": "0",
               "GRASSROOTS_SITE_URL": f"http://127.0.0.1:{nginx_port}"}  # fmt: skip
        target_id, post_id, path, paths, tokens = prepare(tmp, env)
        app = f"http://127.0.0.1:{app_port}"
        command = [str(BIN / "grassroots"), "run", "--port", str(app_port),
                   "--workers", str(args.workers)]  # fmt: skip
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                  start_new_session=True)  # fmt: skip
        prefixes = [tmp / "nginx", tmp / "static"]
        try:
            wait_up(app + path, server)
            peak = PeakPss(server.pid)
            peak.start()
            prefixes[0].mkdir()
            config = grassroots("deploy", "nginx", "--standalone", "--listen",
                                f"127.0.0.1:{nginx_port}", "--app", f"127.0.0.1:{app_port}",
                                "--prefix", str(prefixes[0]), env=env)  # fmt: skip
            nginx_start(prefixes[0], config)
            (prefixes[1] / "www").mkdir(parents=True)
            page = urllib.request.urlopen(app + path).read()  # noqa: S310 (loopback)
            (prefixes[1] / "www" / "page.html").write_bytes(page)
            static_conf = STATIC_CONF.format(prefix=prefixes[1], port=static_port,
                                             user=getpass.getuser())  # fmt: skip
            nginx_start(prefixes[1], static_conf)
            time.sleep(0.5)
            measure(rows, app=app, recipe=f"http://127.0.0.1:{nginx_port}",
                    static=f"http://127.0.0.1:{static_port}", env=env, target_id=target_id,
                    post_id=post_id,
                    path=path, paths=paths, tokens=tokens, tmp=tmp, args=args)  # fmt: skip
            peak.running = False
            peak.join()
            rows["pss_mb"] = peak.peak / 1024
        finally:
            for prefix in prefixes:
                nginx_stop(prefix)
            stop_tree(server)
    print(rows)
    report(rows, args)


LABELS = {
    "static": "(a) nginx, static copy of the page",
    "recipe": "(a) nginx recipe, cached",
    "run": "(a) `grassroots run` alone, cached",
    "uncached": "(b) `grassroots run`, uncached (reader with a cookie)",
    "posts": "(c) comment POSTs",
    "read-only": "(d) 20 posts through the recipe, read only",
    "mixed": "(d) the same while 20 comments a second arrive on one",
}


def cache_line(row):
    """How the answers of a (d) run came: from nginx's cache overall and for the quiet posts."""
    every = {}
    for counts in row["cache"].values():
        for status, n in counts.items():
            every[status] = every.get(status, 0) + n
    kept, hits = from_cache(every)
    quiet_kept, quiet_hits = from_cache(row["cache"].get("quiet", {}))
    statuses = " ".join(f"{status} {n}" for status, n in sorted(every.items()))
    return (
        f"{kept:.1%} from nginx's cache ({hits:.1%} plain hits; the 19 quiet posts "
        f"{quiet_kept:.1%}, {quiet_hits:.1%}); {statuses}"
    )


def report(rows, args):
    static = rows["static"]["rps"]
    today = datetime.date.today().isoformat()
    lines = [
        f"Run on {today}, {platform.machine()}, {os.cpu_count()} cores, SQLite, "
        f"{args.workers} workers, wrk -t2 -c{args.connections} -d{args.seconds}s over "
        f"loopback (wrk shares the cores; (c) with -c{args.post_connections}, at least 15 s). "
        "The photo story with 50 comments.",
        "",
        "| scenario | requests/s | ratio to static | p99 | non-2xx/3xx |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, text in LABELS.items():
        row = rows[key]
        lines.append(
            f"| {text} | {row['rps']:.0f} | {row['rps'] / max(1, static):.2f} | {row['p99']} | "
            f"{row['errors']} |"
        )
    posts, drip = rows["posts"], rows["drip"]
    mixed_share = rows["mixed"]["rps"] / max(1, rows["read-only"]["rps"])
    lines += [
        "",
        f"(c) {posts['requests'] - posts['errors']} comments acknowledged, {posts['stored']} "
        f"stored (a few more may have been in flight when wrk stopped counting).",
        f"(d) read only: {cache_line(rows['read-only'])}.",
        f"(d) mixed: read throughput {mixed_share:.0%} of read only; {cache_line(rows['mixed'])}. "
        f"Writers: {drip['per_second']:.1f} comments a second, {drip['acknowledged']} "
        f"acknowledged, {drip['failed']} not, {drip['stored']} stored.",
        f"(e) peak PSS of the whole `grassroots run` tree (server, {args.workers} workers, task "
        f"worker) during the run: {rows['pss_mb']:.0f} MB.",
    ]
    print("\n".join(lines))
    if args.no_write:
        return
    text = RESULTS.read_text()
    block = f"{START}\n" + "\n".join(lines) + f"\n{END}"
    if START in text:
        text = re.sub(f"{START}.*?{END}", lambda _m: block, text, flags=re.S)
    else:
        text += "\n" + block + "\n"
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
