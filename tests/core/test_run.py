"""`grassroots run` as an operator meets it: a taken port, two starts at once on one data
dir, and stopping with one Ctrl-C or SIGTERM (real processes)."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import GRASSROOTS, cli_env, free_port, grassroots

pytestmark = pytest.mark.slow


def descendants(pid):
    """Every process below pid, from /proc."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start(env, port):
    return subprocess.Popen(
        [GRASSROOTS, "run", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal would give it
    )


def wait_up(process, port, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).status
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.kill()
    raise AssertionError(process.stdout.read())


def test_run_refuses_a_port_another_server_uses(cli_data_dir):
    with socket.socket() as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)  # as granian binds
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        result = grassroots("run", "--port", str(port), env=cli_env(cli_data_dir), timeout=60)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(port) in lines[0] and "already in use" in lines[0]
    assert "listening" not in result.stdout


def test_two_starts_at_once_both_serve_and_one_signal_stops_each_with_all_its_workers(
    cli_data_dir,
):
    env = cli_env(cli_data_dir)
    ports = [free_port(), free_port()]
    # Started together on a fresh data dir: both migrate and collect static files at once.
    processes = [start(env, port) for port in ports]
    for process, port in zip(processes, ports, strict=True):
        assert wait_up(process, port) == 200
    trees = [descendants(process.pid) for process in processes]
    # granian's workers and the task worker
    assert all(len(tree) >= 3 for tree in trees), trees
    os.kill(processes[0].pid, signal.SIGTERM)  # a service manager's stop
    os.killpg(processes[1].pid, signal.SIGINT)  # one Ctrl-C in a terminal
    for process, tree, port in zip(processes, trees, ports, strict=True):
        process.wait(timeout=15)
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in tree) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in tree if alive(pid)] == [], process.stdout.read()
        with socket.socket() as probe:  # nobody holds the port any more
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(("127.0.0.1", port))
        assert "Error" not in process.stdout.read()
