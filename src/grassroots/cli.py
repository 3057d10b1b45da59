"""`grassroots`: the front door to Django's management commands, with our own (run, demo,
createadmin) among them. A broken setting or a user mistake prints one line, not a traceback."""

import os
import sys


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "grassroots"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grassroots.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        sys.stderr.write(f"grassroots: configuration problem: {error}\n")
        return 2
    except OperationalError as error:
        sys.stderr.write(f"grassroots: cannot use the database: {_first_line(error)}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if not _is_bucket_error(error):
            raise
        sys.stderr.write(f"grassroots: cannot use the S3 bucket: {_first_line(error)}\n")
        return 2
    return 0


def _first_line(error):
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _is_bucket_error(error):
    """A missing bucket, wrong credentials or an endpoint that does not answer (media in an
    S3-compatible bucket, django-storages on boto3) is the operator's setting, not a bug."""
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:
        return False
    return isinstance(error, BotoCoreError | ClientError)


if __name__ == "__main__":
    sys.exit(main())
