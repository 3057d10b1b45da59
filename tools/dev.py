"""The README's two commands: `python3 tools/dev.py serve` and `python3 tools/dev.py test`.

Standard library only, because it runs before anything is installed. Both commands create or
update .venv from requirements.lock first and do nothing more when it is already current.
"""

import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".grassroots-installed"
PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/grassroots"


def say(text):
    print(f"==> {text}", flush=True)


def run(*command, env=None, check=True):
    result = subprocess.run(command, cwd=ROOT, env=env)
    if check and result.returncode != 0:
        sys.exit(result.returncode)
    return result.returncode


def setup():
    if not (BIN / "python").exists():
        say("creating .venv")
        run(sys.executable, "-m", "venv", str(VENV))
    wanted = hashlib.sha256(
        (ROOT / "requirements.lock").read_bytes() + (ROOT / "pyproject.toml").read_bytes()
    ).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    say("installing the locked dependencies into .venv")
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run(*pip, "-r", "requirements.lock")
    run(*pip, "--no-deps", "--editable", ".")
    STAMP.write_text(wanted)


def setup_checkers():
    """The page checkers the tests run (axe-core, the Nu Html Checker's vnu.jar, Lighthouse) from
    package-lock.json. --ignore-scripts: vnu-jar's install script would fetch a Java of its
    own; Debian's headless Java runs the jar."""
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".grassroots-installed"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    if not shutil.which("npm"):
        say("npm is missing: the page checkers (axe, vnu, lighthouse) will skip; apt install npm")
        return
    say("installing the page checkers (axe-core, vnu-jar, lighthouse) into node_modules")
    run("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error")
    stamp.write_text(wanted)


def grassroots(*args, env=None, check=True):
    return run(str(BIN / "grassroots"), *args, env=env, check=check)


def serve():
    setup()
    grassroots("migrate", "--verbosity", "0")
    grassroots("demo")
    say("the demo site is at http://127.0.0.1:8000/  (staff sign in at /studio/login/)")
    grassroots("createadmin", "--if-missing")
    with contextlib.suppress(KeyboardInterrupt):
        grassroots("run", "--host", "127.0.0.1", "--port", "8000", check=False)


def postgres_url():
    """DATABASE_URL if set, else the local server if one answers, else None."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return os.environ["DATABASE_URL"]
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return None
    return PG_DEFAULT


def test(pytest_args):
    setup()
    setup_checkers()
    say("ruff: lint and format check")
    run(str(BIN / "ruff"), "check", "src", "tests", "tools", "bench")
    run(str(BIN / "ruff"), "format", "--check", "src", "tests", "tools", "bench")
    # bandit and pip-audit; an unreachable advisory database is SKIPPED loudly (tools/scan.py).
    run(str(BIN / "python"), str(ROOT / "tools" / "scan.py"))
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    if in_ci:
        os.environ.setdefault("GRASSROOTS_REQUIRE_BROWSER", "1")
    pytest = [str(BIN / "python"), "-m", "pytest", "--durations=10", *pytest_args]
    with tempfile.TemporaryDirectory(prefix="grassroots-test-") as data_dir:
        env = {**os.environ, "GRASSROOTS_DATA_DIR": data_dir, "DATABASE_URL": ""}
        say("pytest on SQLite")
        sqlite_code = run(*pytest, env=env, check=False)
    if sqlite_code != 0:
        sys.exit(sqlite_code)
    url = postgres_url()
    if url is None:
        if in_ci:
            sys.exit("PostgreSQL is not reachable on 127.0.0.1:5432; CI must test it.")
        print("\n" + "!" * 72)
        print("!! PostgreSQL is not reachable: the PostgreSQL pass was SKIPPED.")
        print("!! Start a server on 127.0.0.1:5432 or set DATABASE_URL to test it.")
        print("!" * 72 + "\n")
        return
    with tempfile.TemporaryDirectory(prefix="grassroots-test-") as data_dir:
        env = {**os.environ, "GRASSROOTS_DATA_DIR": data_dir, "DATABASE_URL": url}
        say("pytest on PostgreSQL")
        sys.exit(run(*pytest, env=env, check=False))


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "serve":
        serve()
    elif command == "test":
        test(sys.argv[2:])
    elif command == "setup":
        setup()
        setup_checkers()
    else:
        sys.exit("usage: python3 tools/dev.py serve | test [pytest arguments] | setup")


if __name__ == "__main__":
    main()
