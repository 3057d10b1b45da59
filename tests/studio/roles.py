"""Staff of one role who can sign in, for studio tests that name the role and the login
(`make_staff("Editor", "ed")`); built by tests/factories.make_staff with the real roles."""

from tests import factories

PASSWORD = "a long staff password 42"


def make_staff(role, username, **fields):
    return factories.make_staff(role, username=username, password=PASSWORD, **fields)
