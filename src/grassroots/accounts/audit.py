"""TEMPORARY STAND-IN (h-studio): the accounts engineer's audit log replaces this file on
merge; take theirs. Same signature as the agreed contract."""

import logging

log = logging.getLogger("grassroots.audit")


def audit_record(*, actor, action, target=None, detail=""):
    log.info("audit %s by user %s", action, getattr(actor, "pk", None))
