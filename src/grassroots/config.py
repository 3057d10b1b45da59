"""Reading the environment into settings. Each reader turns a broken value into one clear
sentence (ConfigError) that the command line prints instead of a traceback."""

import contextlib
import os
import secrets
import tempfile
import zoneinfo
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


class ConfigError(ImproperlyConfigured):
    """A setting from the environment is unusable; the message is for a person."""


class Env:
    def __init__(self, environ=None):
        self.environ = os.environ if environ is None else environ

    def _get(self, name, default):
        value = self.environ.get(name, "").strip()
        return value if value else default

    def text(self, name, *, default):
        return self._get(name, default)

    def flag(self, name, *, default):
        value = self._get(name, None)
        if value is None:
            return default
        if value.lower() in {"1", "true", "yes", "on"}:
            return True
        if value.lower() in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"{name} must be 1 or 0 (got {value!r}).")

    def integer(self, name, *, default, minimum=0):
        value = self._get(name, None)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise ConfigError(f"{name} must be a whole number of at least {minimum}.")
        return number

    def choice(self, name, *, choices, default):
        value = self._get(name, default)
        if value not in choices:
            raise ConfigError(f"{name} must be one of {', '.join(choices)} (got {value!r}).")
        return value

    def data_dir(self, name, *, default):
        path = Path(self._get(name, default)).expanduser().resolve()
        try:
            path.mkdir(parents=True, exist_ok=True)
            # A uniquely named probe: several processes start at once on one data dir.
            with tempfile.TemporaryFile(dir=path):
                pass
        except OSError as error:
            raise ConfigError(
                f"{name} points to {path}, which cannot be created or written to "
                f"({error.strerror or error})."
            ) from None
        return path

    def url(self, name, *, default):
        value = self._get(name, default)
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ConfigError(
                f"{name} must be a full http:// or https:// address, like "
                f"https://blog.example.org (got {value!r})."
            )
        return value.rstrip("/")

    def hosts(self, name, *, site_url):
        value = self._get(name, None)
        if value:
            return [host.strip() for host in value.split(",") if host.strip()]
        return [urlsplit(site_url).hostname, "127.0.0.1", "localhost", "[::1]"]

    def language(self, name, *, default):
        value = self._get(name, default)
        if value not in {"en", "ru", "kk"}:
            raise ConfigError(f"{name} must be one of en, ru, kk (got {value!r}).")
        return value

    def time_zone(self, name, *, default):
        value = self._get(name, default)
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                f"{name} must be a time zone name like Asia/Almaty (got {value!r})."
            ) from None
        return value

    def database(self, name, *, data_dir):
        value = self._get(name, None)
        if value is None:
            return sqlite_database(data_dir / "grassroots.sqlite3", data_dir=data_dir)
        parts = urlsplit(value)
        if parts.scheme == "sqlite":
            path = Path(unquote(parts.path)) if parts.path else data_dir / "grassroots.sqlite3"
            return sqlite_database(path, data_dir=data_dir)
        if parts.scheme in {"postgres", "postgresql", "pgsql"} and parts.path.strip("/"):
            import dj_database_url

            database = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
            database["TEST"] = {"NAME": f"test_{database['NAME']}"}
            return database
        raise ConfigError(
            f"{name} must look like postgres://user@host:5432/dbname or sqlite:///path/file "
            f"(got a value starting with {value.split(':')[0]!r})."
        )

    def cache(self, name):
        value = self._get(name, None)
        if value is None:
            return {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "KEY_PREFIX": "grassroots",
            }
        if urlsplit(value).scheme not in {"redis", "rediss", "unix"}:
            raise ConfigError(f"{name} must look like redis://127.0.0.1:6379/0.")
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": value,
            "KEY_PREFIX": "grassroots",
        }

    def email_backend(self, name, *, data_dir):
        """GRASSROOTS_EMAIL_URL: unset keeps mail as files in DATA_DIR/mail (nothing leaves
        the machine); 'console' prints it; smtp://user:password@host:port sends it."""
        value = self._get(name, None)
        if value is None:
            return "grassroots.core.mail.FileBackend"
        if value == "console":
            return "django.core.mail.backends.console.EmailBackend"
        if urlsplit(value).scheme in {"smtp", "smtps"}:
            return "django.core.mail.backends.smtp.EmailBackend"
        raise ConfigError(f"{name} must be console or smtp://user:password@host:port.")


def sqlite_database(path, *, data_dir):
    """SQLite tuned for a web server; docs/operating.md explains each choice."""
    return {
        # Django's backend, with writers taking turns on a lock file instead of polling.
        "ENGINE": "grassroots.core.sqlite",
        "NAME": path,
        # Kept per thread: no open, pragmas and close (with its checkpoint) per request.
        "CONN_MAX_AGE": None,
        "OPTIONS": {
            # Take the write lock at BEGIN so read-then-write transactions queue on the
            # busy timeout instead of failing with "database is locked" on upgrade.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=FULL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA secure_delete=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
        "TEST": {"NAME": str(data_dir / "test.sqlite3")},
    }


def smtp_settings(environ=None):
    """Host, port and login for the SMTP backend, parsed from GRASSROOTS_EMAIL_URL."""
    value = (os.environ if environ is None else environ).get("GRASSROOTS_EMAIL_URL", "")
    parts = urlsplit(value)
    if parts.scheme not in {"smtp", "smtps"}:
        return {}
    return {
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "smtp"
        and parts.hostname not in {"localhost", "127.0.0.1"},
    }


def secret_key(data_dir):
    """Made on first start, kept in the data folder with mode 0600, never printed."""
    path = data_dir / "secret_key"
    if not path.exists():
        # Written whole under a temporary name, then linked into place: a process started
        # at the same moment either makes the link or finds the finished file, never an
        # empty one.
        fd, temporary = tempfile.mkstemp(dir=data_dir, prefix=".secret_key-")
        try:
            with os.fdopen(fd, "w") as file:
                file.write(secrets.token_urlsafe(64))
            with contextlib.suppress(FileExistsError):  # another process made it first
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    key = path.read_text().strip()
    if len(key) < 50:
        raise ConfigError(
            f"The secret key in {path} is too short; delete the file to make a new one."
        )
    return key
