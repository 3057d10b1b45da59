"""The moving parts of bench/recipe.py: wrk and its scripts, nginx started and stopped by pid
file, a steady stream of comments, and the memory of a process tree. Every helper is
bounded in time, so a run that goes wrong ends instead of hanging."""

import concurrent.futures
import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

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

# Readers spread evenly over `paths`; every answer is counted by nginx's X-Cache-Status,
# separately for the busy post (recognised by its <title>, in the first bytes of the page)
# and the quiet ones.
MIXED_LUA = """
paths = {{{paths}}}
busy_title = {title}
counts = {{}}
local threads = {{}}
setup = function(thread) table.insert(threads, thread) end
request = function() return wrk.format("GET", paths[math.random(1, #paths)]) end
response = function(status, headers, body)
  local group = body:sub(1, 4096):find(busy_title, 1, true) and "busy" or "quiet"
  local key = group .. " " .. (headers["X-Cache-Status"] or "none")
  counts[key] = (counts[key] or 0) + 1
end
done = function(summary, latency, requests)
  local total = {{}}
  for _, thread in ipairs(threads) do
    for k, v in pairs(thread:get("counts")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("cache %s %d\\n", k, v)) end
end
"""

# Answered by nginx from its cache, without waiting for the app (STALE and UPDATING: the
# previous copy, while one request in the background fetches the new one).
FROM_CACHE = {"HIT", "STALE", "UPDATING"}


def run(command, *, timeout, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout,
                          **kwargs)  # fmt: skip


def wrk(url, *, seconds, connections, script=None, headers=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", str(script)]
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True,
                          timeout=seconds + 60)  # fmt: skip
    output = done.stdout
    if "Requests/sec" not in output or done.stderr.strip():
        print(output, done.stderr, file=sys.stderr)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    cache = {}
    for group, status, count in re.findall(r"^cache (\w+) (\S+) (\d+)$", output, flags=re.M):
        cache.setdefault(group, {})[status] = int(count)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p99": re.search(r"99%\s+([\d.]+\w+)", output).group(1),
        "errors": int(errors.group(1)) if errors else 0,
        "socket": socket_errors.group(1) if socket_errors else "",
        "cache": cache,
    }


def from_cache(counts):
    """Share of answers nginx gave from its cache, and the share that were plain HITs."""
    total = max(1, sum(counts.values()))
    kept = sum(n for status, n in counts.items() if status in FROM_CACHE)
    return kept / total, counts.get("HIT", 0) / total


def warm(base, paths):
    """Each page asked for once, as on a live site, so no measurement starts with a miss."""
    for path in paths:
        urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310 (loopback)


def nginx_start(prefix, config):
    (prefix / "nginx.conf").write_text(config)
    run(["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf")], timeout=30)


def nginx_stop(prefix):
    """Stop the nginx whose pid file is under prefix and wait (10 s at most) until it has."""
    pid_file = prefix / "nginx.pid"
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text())
    os.kill(pid, signal.SIGQUIT)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    if Path(f"/proc/{pid}").exists():
        os.kill(pid, signal.SIGTERM)


def stop_tree(process):
    """SIGTERM to the process group of `process`; SIGKILL if it is still there after 30 s."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


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


class CommentDrip:
    """Comments on one post at a steady rate, as the mixed load's writers: each is sent at
    its own moment (start + n / rate) from a pool of threads, so slow answers do not lower
    the rate. Counts what was acknowledged (a redirect to the new comment) and what was not."""

    def __init__(self, base, post_id, tokens, *, per_second):
        self.address = urllib.parse.urlsplit(base).netloc
        self.post_id, self.tokens, self.per_second = post_id, tokens, per_second
        self.acknowledged, self.failed, self.sent = 0, 0, 0
        self.stop, self.lock = threading.Event(), threading.Lock()
        self.run_id = f"{time.time_ns():x}"  # duplicate comments are refused: each run its own
        self.thread = threading.Thread(target=self._schedule, daemon=True)

    def __enter__(self):
        self.started = time.monotonic()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.seconds = time.monotonic() - self.started  # the rate counts the sending only
        self.stop.set()
        self.thread.join(timeout=30)

    def _schedule(self):
        with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
            while not self.stop.is_set() and self.sent < len(self.tokens):
                pool.submit(self._send, self.sent)
                self.sent += 1
                due = self.started + self.sent / self.per_second
                self.stop.wait(max(0, due - time.monotonic()))

    def _send(self, n):
        body = urllib.parse.urlencode({"name": "Drip", "email": f"drip{n}@example.org",
                                       "body": f"Drip comment {self.run_id}-{n}",
                                       "token": self.tokens[n],
                                       "website": "", "homepage": ""})  # fmt: skip
        connection = http.client.HTTPConnection(self.address, timeout=10)
        try:
            form = {"Content-Type": "application/x-www-form-urlencoded"}
            connection.request("POST", f"/comments/post/{self.post_id}/", body=body, headers=form)
            ok = connection.getresponse().status in {302, 303}
        except OSError:
            ok = False
        finally:
            connection.close()
        with self.lock:
            self.acknowledged += ok
            self.failed += not ok
