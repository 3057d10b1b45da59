"""Configuration files for the production recipe (`grassroots deploy ...`): nginx in front of
`grassroots run`, and systemd units. Rendered from templates in core/templates/core/deploy/.

The headers nginx adds to the static files and photos it serves itself are read from the
app (a request through Django's own stack, no network), so the two can never drift apart."""

import getpass
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string

# Headers that describe one file rather than the site's security policy: nginx makes its own.
PER_FILE = {"content-type", "content-length", "last-modified", "etag", "cache-control", "vary",
            "date", "expires", "content-disposition", "access-control-allow-origin",
            "x-page-cache", "content-encoding", "onion-location"}  # fmt: skip
IMAGE_TYPES = {"jpg jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp",
               "gif": "image/gif", "avif": "image/avif"}  # fmt: skip


def app_headers(path):
    """[(name, value)] of the security headers the app sends for `path`."""
    from django.test import Client

    host = urlsplit(settings.SITE_URL).hostname
    secure = urlsplit(settings.SITE_URL).scheme == "https"
    response = Client(SERVER_NAME=host).get(path, secure=secure)
    return [
        (name, value) for name, value in response.headers.items() if name.lower() not in PER_FILE
    ]


def _context(**extra):
    static_probe = settings.STATIC_URL + "grassroots/site.css"
    return {
        "site_url": settings.SITE_URL,
        "host": urlsplit(settings.SITE_URL).hostname,
        "netloc": urlsplit(settings.SITE_URL).netloc,  # with the port, as readers type it
        "data_dir": Path(settings.DATA_DIR),
        "static_root": Path(settings.STATIC_ROOT),
        "media_root": Path(settings.MEDIA_ROOT),
        "media_on_disk": "S3Storage" not in settings.STORAGES["default"]["BACKEND"],
        "bucket_url": bucket_url(),
        "static_headers": app_headers(static_probe),
        "media_headers": [
            *[(n, v) for n, v in app_headers(static_probe) if n != "Content-Security-Policy"],
            ("Content-Security-Policy", "default-src 'none'; sandbox"),
        ],
        "static_max_age": settings.WHITENOISE_MAX_AGE,
        "image_types": IMAGE_TYPES,
        "body_mb": settings.GRASSROOTS_PHOTO_MAX_UPLOAD_MB + 1,
        **extra,
    }


def bucket_url():
    """Where nginx fetches photos from when they live in an S3 bucket (path-style)."""
    options = settings.STORAGES["default"].get("OPTIONS", {})
    if "bucket_name" not in options:
        return ""
    endpoint = options.get("endpoint_url") or "https://s3.amazonaws.com"
    return f"{endpoint.rstrip('/')}/{options['bucket_name']}/"


def nginx_site(*, app):
    """A server block for /etc/nginx/conf.d/ or sites-enabled/: TLS with the operator's
    certificates, the page cache in nginx, static files and photos from disk."""
    error_log = "/var/log/nginx/grassroots-error.log"
    return render_to_string("core/deploy/nginx-site.conf", _context(app=app, error_log=error_log))


def nginx_standalone(*, listen, app, prefix):
    """A whole nginx.conf for `nginx -p PREFIX -c FILE`, plain HTTP, every path under PREFIX."""
    prefix = Path(prefix).resolve()
    return render_to_string(
        "core/deploy/nginx-standalone.conf",
        _context(
            app=app,
            listen=listen,
            prefix=prefix,
            user=getpass.getuser(),
            error_log=prefix / "error.log",
        ),
    )


def systemd_units(*, host, port, workers):
    grassroots = shutil.which("grassroots") or str(Path(sys.executable).with_name("grassroots"))
    # AWS_* too: with photos in a bucket, the units need its credentials (boto3 reads them).
    environment = {
        name: value
        for name, value in sorted(os.environ.items())
        if name.startswith(("GRASSROOTS_", "AWS_")) or name in {"DATABASE_URL", "REDIS_URL"}
    }
    environment["GRASSROOTS_DATA_DIR"] = str(settings.DATA_DIR)
    return render_to_string(
        "core/deploy/systemd.txt",
        {
            "grassroots": grassroots,
            "environment": environment,
            "data_dir": settings.DATA_DIR,
            "host": host,
            "port": port,
            "workers": workers,
            "user": getpass.getuser(),
        },
    )
