import os
from urllib.parse import urlsplit

import pytest


@pytest.fixture
def fresh_databases():
    """make() gives "" (SQLite in the data dir) when the suite runs on SQLite, else a new
    empty PostgreSQL database next to the suite's, dropped afterwards."""
    configured = os.environ.get("DATABASE_URL", "")
    made = []
    parts = urlsplit(configured)
    admin = parts._replace(path="/postgres").geturl()

    def make():
        if not configured.startswith(("postgres://", "postgresql://")):
            return ""
        import psycopg

        name = f"{parts.path.strip('/')}_t{os.getpid()}_{len(made)}"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return parts._replace(path=f"/{name}").geturl()

    yield make
    if made:
        import psycopg

        with psycopg.connect(admin, autocommit=True) as connection:
            for name in made:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
