"""System checks for what a setting switches on but the machine lacks. They run before
`grassroots run`, `migrate` and `check`, so a missing package is named before any request."""

import importlib.util

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def optional_packages(app_configs, **kwargs):
    backend = settings.STORAGES["default"]["BACKEND"]
    if backend.startswith("storages.") and importlib.util.find_spec("storages") is None:
        return [
            checks.Error(
                "GRASSROOTS_S3_BUCKET needs the django-storages[s3] package.",
                hint="pip install 'django-storages[s3]'",
                id="grassroots.E001",
            )
        ]
    return []
