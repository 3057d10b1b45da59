"""Load benchmark: granian (what `grassroots run` uses) against gunicorn, with wrk, on the
demo site over loopback only. Writes the table into docs/performance.md.

    apt-get install wrk        # once
    .venv/bin/python bench/run.py [--seconds 10] [--connections 32]

Every run is bounded: each scenario lasts --seconds and the servers are stopped afterwards.
"""

import argparse
import datetime
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def grassroots(*args, env):
    return subprocess.run(
        [str(BIN / "grassroots"), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def servers(port, workers):
    """(name, command, extra environment). Same processes and threads for both servers;
    granian is what `grassroots run` starts. The last row shows the cost of rendering
    pages when the page cache is off."""
    granian = [
        str(BIN / "grassroots"),
        "run",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--threads",
        "4",
        "--no-collectstatic",
    ]
    return [
        ("granian (grassroots run)", granian, {}),
        ("gunicorn (gthread)", [
            str(BIN / "gunicorn"), "--worker-class", "gthread", "--workers", str(workers),
            "--threads", "4", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
            "grassroots.wsgi:application",
        ], {}),
        ("granian, page cache off", granian, {"GRASSROOTS_PAGE_CACHE_SECONDS": "0"}),
    ]  # fmt: skip


def wait_up(url, process):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 (our loopback URL)
            return
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.3)
    raise SystemExit(f"server did not start for {url}")


def wrk(url, *, seconds, connections):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", output).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", output).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def scenarios(env):
    """Paths a reader hits: home, all posts, the photo story, a feed, the stylesheet."""
    post = grassroots(
        "shell", "--no-imports", "-c",
        "from grassroots.blog.models import Post\n"
        "p = Post.objects.public().filter(slug='a-day-in-the-park').first()"
        " or Post.objects.public().first()\n"
        "print(p.get_absolute_url() if p else '/')",
        env=env,
    ).strip().splitlines()[-1]  # fmt: skip
    return {
        "home": "/",
        "all posts": "/posts/",
        "photo story": post,
        "feed": "/feed/",
        "stylesheet": "/static/grassroots/site.css",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    rows = []
    with tempfile.TemporaryDirectory(prefix="grassroots-bench-") as data_dir:
        env = {**os.environ, "GRASSROOTS_DATA_DIR": data_dir, "DATABASE_URL": ""}
        grassroots("migrate", "-v", "0", env=env)
        grassroots("demo", env=env)
        grassroots("collectstatic", "--noinput", "-v", "0", env=env)
        paths = scenarios(env)
        port = free_port()
        for name, command, extra in servers(port, args.workers):
            base = f"http://127.0.0.1:{port}"
            process = subprocess.Popen(command, env=env | extra, stdout=subprocess.DEVNULL)
            try:
                wait_up(base + "/", process)
                for label, path in paths.items():
                    result = wrk(base + path, seconds=args.seconds, connections=args.connections)
                    rows.append((name, label, path, *result))
                    print(name, label, result, flush=True)
            finally:
                process.terminate()
                process.wait(timeout=20)
    write(rows, args)


def write(rows, args):
    today = datetime.date.today().isoformat()
    table = [
        f"Run on {today}, {os.cpu_count()} cores, SQLite, {args.workers} workers, "
        f"wrk -t2 -c{args.connections} -d{args.seconds}s over loopback (wrk shares the cores).",
        "",
        "| server | page | requests/s | p50 | p99 | errors |",
        "|---|---|---:|---:|---:|---:|",
        *[
            f"| {server} | {label} (`{path}`) | {rps:.0f} | {p50} | {p99} | {errors} |"
            for server, label, path, rps, p50, p99, errors in rows
        ],
    ]
    text = RESULTS.read_text()
    block = f"{START}\n" + "\n".join(table) + f"\n{END}"
    RESULTS.write_text(re.sub(f"{START}.*?{END}", lambda _m: block, text, flags=re.S))


if __name__ == "__main__":
    main()
