"""Reads and writes through the production recipe, side by side with nginx serving a static
copy of the same page, in one run (issue 11 item 6). Writes the table into
docs/performance.md between the recipe markers; every figure is also given as a ratio to
the static copy from the same run, since absolute numbers move between machines.

    apt-get install wrk nginx-light      # once
    .venv/bin/python bench/recipe.py [--seconds 3] [--connections 64]

(a) the photo story with 50 comments, cached: nginx recipe, `grassroots run` alone, static;
(b) the same page uncached (a reader with a cookie); (c) comment POSTs per second;
(d) readers on 20 posts while comments arrive on one at 20 a second: throughput and
nginx's hit ratio; (e) peak PSS of the whole `grassroots run` tree under load.
Every scenario is bounded by --seconds; all servers are stopped at the end.
"""

import argparse
import contextlib
import datetime
import getpass
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BIN, RESULTS, free_port, grassroots, wait_up

START, END = "<!-- recipe:start -->", "<!-- recipe:end -->"
HERE = Path(__file__).resolve().parent

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
paths = [p.get_absolute_url() for p in Post.objects.public()][:20]
print(story.pk, story.get_absolute_url(), *paths)
# Each form token is good for one comment: enough for the POST run and the writers.
with open(TOKENS, "w") as out:
    out.write("\\n".join(guard.issue_token(story.pk) for _ in range(COUNT)))
"""

STATIC_CONF = """
user {user}; worker_processes auto; pid {prefix}/nginx.pid; error_log {prefix}/error.log crit;
events {{ worker_connections 4096; }}
http {{
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path {prefix}/cb; proxy_temp_path {prefix}/p; fastcgi_temp_path {prefix}/f;
  uwsgi_temp_path {prefix}/u; scgi_temp_path {prefix}/s;
  types {{ text/html html; }}
  server {{ listen 127.0.0.1:{port}; root {prefix}/www;
           location / {{ try_files /page.html =404; }} }}
}}
"""

POST_LUA = """
local threads, tokens = 0, {}
for line in io.lines("%s") do tokens[#tokens + 1] = line end
setup = function(thread) thread:set("id", threads); threads = threads + 1 end
init = function() n = 0 end  -- "id" is this thread's, set by setup()
request = function()
  n = n + 1
  local i = (n * 2 + id) %% #tokens + 1
  local body = wrk.body:gsub("NNN", id .. "-" .. n):gsub("TOKEN", tokens[i])
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
"""

MIXED_LUA = """
paths = {{{paths}}}
counts = {{}}
local threads = {{}}
setup = function(thread) table.insert(threads, thread) end
request = function() return wrk.format("GET", paths[math.random(1, #paths)]) end
response = function(status, headers, body)
  local s = headers["X-Cache-Status"] or "none"
  counts[s] = (counts[s] or 0) + 1
end
done = function(summary, latency, requests)
  local total = {{}}
  for _, thread in ipairs(threads) do
    for k, v in pairs(thread:get("counts")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("cache %s %d\\n", k, v)) end
end
"""


def wrk(url, *, seconds, connections, script=None, headers=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    output = done.stdout
    if "Requests/sec" not in output or done.stderr.strip():
        print(output, done.stderr, file=sys.stderr)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+\w+)", output).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "p99": p99,
        "errors": int(errors.group(1)) if errors else 0,
        "socket": socket_errors.group(1) if socket_errors else "",
        "cache": {k: int(v) for k, v in re.findall(r"^cache (\S+) (\d+)$", output, flags=re.M)},
    }


def pss_of_tree(pid):
    """Proportional set size (kB) of pid and every process below it."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+)", rollup, flags=re.M).group(1))
        except (OSError, AttributeError):
            pass
    return total


class PeakPss(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, pss_of_tree(self.pid))
            time.sleep(0.2)


def nginx(prefix, config):
    (prefix / "nginx.conf").write_text(config)
    subprocess.run(["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf")], check=True)


def nginx_stop(prefix):
    pid_file = prefix / "nginx.pid"
    if pid_file.exists():
        os.kill(int(pid_file.read_text()), signal.SIGQUIT)


def comment_drip(base, post_id, tokens, *, per_second, stop):
    """Comments on one post at a steady rate, as the mixed load's writers."""
    n = 0
    while not stop.is_set():
        n += 1
        data = urllib.parse.urlencode(
            {
                "name": "Drip",
                "email": f"drip{n}@example.org",
                "body": f"Drip comment {n}",
                "token": tokens[n],
                "website": "",
                "homepage": "",
            }
        ).encode()
        request = urllib.request.Request(f"{base}/comments/post/{post_id}/", data=data)  # noqa: S310
        with contextlib.suppress(OSError):
            urllib.request.urlopen(request, timeout=10).read()  # noqa: S310 (loopback)
        stop.wait(1 / per_second)


def settle(seconds=2):
    """Let the server work off the previous scenario's backlog before the next one."""
    time.sleep(seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=max(1, min(4, os.cpu_count() or 1)))
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
        grassroots("migrate", "-v", "0", env=env)
        grassroots("demo", env=env)
        tokens = tmp / "tokens.txt"
        setup = SETUP.replace("TOKENS", repr(str(tokens))).replace("COUNT", "60000")
        post_id, path, *paths = grassroots("shell", "--no-imports", "-c", setup, env=env).split()
        token_list = tokens.read_text().split()
        app = f"http://127.0.0.1:{app_port}"
        command = [str(BIN / "grassroots"), "run", "--port", str(app_port),
                   "--workers", str(args.workers)]  # fmt: skip
        server = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, start_new_session=True
        )
        try:
            wait_up(app + path, server)
            recipe = tmp / "nginx"
            recipe.mkdir()
            config = grassroots("deploy", "nginx", "--standalone", "--listen",
                                f"127.0.0.1:{nginx_port}", "--app", f"127.0.0.1:{app_port}",
                                "--prefix", str(recipe), env=env)  # fmt: skip
            nginx(recipe, config)
            static = tmp / "static"
            (static / "www").mkdir(parents=True)
            (static / "www" / "page.html").write_bytes(urllib.request.urlopen(app + path).read())  # noqa: S310
            nginx(
                static, STATIC_CONF.format(prefix=static, port=static_port, user=getpass.getuser())
            )
            time.sleep(0.5)
            nginx_base = f"http://127.0.0.1:{nginx_port}"
            measure = {"seconds": args.seconds, "connections": args.connections}
            peak = PeakPss(server.pid)
            peak.start()
            rows["static"] = wrk(f"http://127.0.0.1:{static_port}/", **measure)
            rows["recipe"] = wrk(nginx_base + path, **measure)
            rows["run"] = wrk(app + path, **measure)
            cookie = ("Cookie: bench=1",)
            rows["uncached"] = wrk(app + path, headers=cookie, **measure)
            body = urllib.parse.urlencode(
                {
                    "name": "Load",
                    "email": "load-NNN@example.org",
                    "body": "Bench comment NNN",
                    "token": "TOKEN",
                    "website": "",
                    "homepage": "",
                }
            )
            script = tmp / "post.lua"
            script.write_text(f"wrk.body = {body!r}\n" + POST_LUA % tokens)
            url = f"{app}/comments/post/{post_id}/"
            settle()
            # 16 writers at once: more only queue behind SQLite's single writer.
            rows["posts"] = wrk(url, script=str(script), seconds=args.seconds, connections=16)
            settle()
            mixed = tmp / "mixed.lua"
            mixed.write_text(MIXED_LUA.format(paths=", ".join(f'"{p}"' for p in paths)))
            for page in paths:  # every reader's page cached once, as on a live site
                urllib.request.urlopen(nginx_base + page).read()  # noqa: S310 (loopback)
            rows["read-only"] = wrk(nginx_base + "/", script=str(mixed), **measure)
            stop = threading.Event()
            writers = (nginx_base, post_id, token_list[-2000:])
            drip = threading.Thread(target=comment_drip, args=writers,
                                    kwargs={"per_second": 20, "stop": stop})  # fmt: skip
            drip.start()
            rows["mixed"] = wrk(nginx_base + "/", script=str(mixed), **measure)
            stop.set()
            drip.join()
            peak.running = False
            peak.join()
            rows["pss_mb"] = peak.peak / 1024
        finally:
            for prefix in (tmp / "nginx", tmp / "static"):
                nginx_stop(prefix)
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    print(rows)
    write(rows, args)


def write(rows, args):
    static = rows["static"]["rps"]
    mixed_cache = rows["mixed"]["cache"]
    hits = mixed_cache.get("HIT", 0)
    ratio = hits / max(1, sum(mixed_cache.values()))
    label = {
        "static": "(a) nginx, static copy of the page",
        "recipe": "(a) nginx recipe, cached",
        "run": "(a) `grassroots run` alone, cached",
        "uncached": "(b) `grassroots run`, uncached (reader with a cookie)",
        "posts": "(c) comment POSTs",
        "read-only": "(d) 20 posts through the recipe, read only",
        "mixed": "(d) the same while 20 comments a second arrive on one",
    }
    today = datetime.date.today().isoformat()
    lines = [
        f"Run on {today}, {platform.machine()}, {os.cpu_count()} cores, SQLite, "
        f"{args.workers} workers, wrk -t2 -c{args.connections} -d{args.seconds}s over "
        "loopback (wrk shares the cores). The photo story with 50 comments.",
        "",
        "| scenario | requests/s | ratio to static | p99 | non-2xx/3xx |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, text in label.items():
        row = rows[key]
        lines.append(
            f"| {text} | {row['rps']:.0f} | {row['rps'] / max(1, static):.2f} | {row['p99']} | "
            f"{row['errors']} |"
        )
    mixed_share = rows["mixed"]["rps"] / max(1, rows["read-only"]["rps"])
    lines += [
        "",
        f"Mixed load: read throughput {mixed_share:.0%} "
        f"of read-only; nginx cache hit ratio {ratio:.1%}. Peak PSS of the whole "
        f"`grassroots run` tree (server, {args.workers} workers, task worker) under load: "
        f"{rows['pss_mb']:.0f} MB.",
    ]
    for line in lines:
        print(line)
    text = RESULTS.read_text()
    block = f"{START}\n" + "\n".join(lines) + f"\n{END}"
    if START in text:
        text = re.sub(f"{START}.*?{END}", lambda _m: block, text, flags=re.S)
    else:
        text += "\n" + block + "\n"
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
