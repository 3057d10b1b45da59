"""Personal data that apps hold about one email address, for the commenters' export and
erasure flow (comments/privacy_views.py) without the apps importing each other.

Addresses are found by one keyed hash (the comments app's `email_key`, registered here in
its AppConfig.ready()); each holder registers how to tell, export and erase what it holds."""

EMAIL_KEY = []  # [callable(email) -> keyed hash]
# name -> (holds(key) -> bool, export(key) -> JSON-able, erase(key) -> count)
HOLDERS = {}


def register_email_key(function):
    EMAIL_KEY[:] = [function]


def email_key(email):
    return EMAIL_KEY[0](email)


def register_holder(name, *, holds, export, erase):
    HOLDERS[name] = (holds, export, erase)


def holds_any(key):
    return any(holds(key) for holds, _export, _erase in HOLDERS.values())


def export_all(key):
    return {name: export(key) for name, (_holds, export, _erase) in HOLDERS.items()}


def erase_all(key):
    return sum(erase(key) for _holds, _export, erase in HOLDERS.values())
