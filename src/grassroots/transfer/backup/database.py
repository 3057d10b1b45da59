"""The database half of a backup: SQLite's online backup API (a consistent copy while the
site keeps writing, in WAL mode), or pg_dump/pg_restore for PostgreSQL."""

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection
from django.utils.translation import gettext as _

from grassroots.transfer.errors import TransferError


def engine():
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def sqlite_path():
    return Path(connection.settings_dict["NAME"])


def sqlite_copy(target):
    """One step of the backup API copies every page under one read transaction: a snapshot
    as of its start, while writers go on in the WAL."""
    source = sqlite3.connect(f"file:{sqlite_path()}?mode=ro", uri=True, timeout=30)
    destination = sqlite3.connect(target)
    try:
        source.execute("PRAGMA busy_timeout=30000")
        source.backup(destination)
        # The copy is one self-contained file: no WAL beside it.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()
        source.close()


def _pg_env():
    db = connection.settings_dict
    env = {**os.environ}
    for key, name in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if db.get(name):
            env[key] = str(db[name])
    if db.get("PASSWORD"):  # in the environment, never on a command line others can read
        env["PGPASSWORD"] = db["PASSWORD"]
    return env, db["NAME"]


def _pg_tool(name):
    tool = shutil.which(name)
    if tool is None:
        raise TransferError(
            _(
                "%(tool)s is not installed: install the PostgreSQL client of your server's "
                "version (on Debian: apt-get install postgresql-client)."
            )
            % {"tool": name}
        )
    printed = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
    found = re.search(r"\b(\d+)\.\d+", printed)  # "pg_dump (PostgreSQL) 15.20 (Debian …)"
    major = int(found.group(1)) if found else 0
    connection.ensure_connection()
    server = connection.pg_version // 10000
    if major < server:
        raise TransferError(
            _(
                "%(tool)s is version %(tool_version)s but the server runs PostgreSQL %(server)s: "
                "install a matching postgresql-client."
            )
            % {"tool": name, "tool_version": major, "server": server}
        )
    return tool


def server_version():
    if engine() == "sqlite":
        return sqlite3.sqlite_version
    connection.ensure_connection()
    return str(connection.pg_version)


def pg_dump(target):
    tool = _pg_tool("pg_dump")
    env, name = _pg_env()
    result = subprocess.run(
        [tool, "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", name],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise TransferError(_("pg_dump failed: %(reason)s") % {"reason": result.stderr.strip()})


def pg_restore(source):
    tool = _pg_tool("pg_restore")
    env, name = _pg_env()
    connection.close()
    result = subprocess.run(
        [
            tool,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={name}",
            str(source),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise TransferError(_("pg_restore failed: %(reason)s") % {"reason": result.stderr.strip()})


def is_empty():
    """No table in the site's database (a data dir before its first migrate)."""
    if engine() == "sqlite":
        path = sqlite_path()
        if not path.exists():
            return True
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return not probe.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table'"
            ).fetchone()[0]
        finally:
            probe.close()
    return not connection.introspection.table_names()
