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
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "no reason given"
        sys.stderr.write(f"grassroots: cannot use the database: {first_line}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
