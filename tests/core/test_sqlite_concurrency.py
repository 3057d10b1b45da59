"""Several processes writing to one SQLite file at once: with WAL, IMMEDIATE transactions
and a busy timeout there must be no "database is locked" and no lost row."""

import subprocess

import pytest

from tests.conftest import GRASSROOTS, cli_env, grassroots

pytestmark = pytest.mark.slow

PROCESSES = 8
TRANSACTIONS = 100

WRITER = """
from django.contrib.auth.models import Group
from django.db import transaction
errors = 0
for n in range({transactions}):
    try:
        with transaction.atomic():
            seen = Group.objects.filter(name__startswith="w{worker}-").count()
            Group.objects.create(name=f"w{worker}-{{seen}}")
    except Exception as error:
        errors += 1
        print("ERROR", error)
print("errors", errors)
"""


def test_concurrent_writers_see_no_lock_errors_and_lose_no_rows(cli_data_dir):
    env = cli_env(cli_data_dir)
    assert grassroots("migrate", "-v", "0", env=env).returncode == 0
    workers = [
        subprocess.Popen(
            [
                GRASSROOTS,
                "shell",
                "--no-imports",
                "-c",
                WRITER.format(worker=w, transactions=TRANSACTIONS),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for w in range(PROCESSES)
    ]
    outputs = [worker.communicate(timeout=300)[0] for worker in workers]
    for output in outputs:
        assert "locked" not in output
        assert "errors 0" in output, output
    count = grassroots(
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth.models import Group; "
        "print(Group.objects.filter(name__regex=r'^w[0-9]+-').count())",
        env=env,
    )
    assert int(count.stdout) == PROCESSES * TRANSACTIONS
    pragmas = grassroots(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection as c; k=c.cursor();"
        "print([k.execute(f'PRAGMA {p}').fetchone()[0] for p in"
        " ['journal_mode','synchronous','foreign_keys','secure_delete','busy_timeout']])",
        env=env,
    )
    assert pragmas.stdout.strip() == "['wal', 2, 1, 1, 20000]"
