"""The only settings module. Everything an operator changes comes from the environment:
GRASSROOTS_* variables plus the standard DATABASE_URL and REDIS_URL (docs/settings.md)."""

from pathlib import Path

from grassroots import config

env = config.Env()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env.data_dir("GRASSROOTS_DATA_DIR", default="var")
SITE_URL = env.url("GRASSROOTS_SITE_URL", default="http://127.0.0.1:8000")
DEBUG = env.flag("GRASSROOTS_DEBUG", default=False)
PRODUCTION = env.flag("GRASSROOTS_PRODUCTION", default=False)
SECRET_KEY = config.secret_key(DATA_DIR)

ALLOWED_HOSTS = env.hosts("GRASSROOTS_ALLOWED_HOSTS", site_url=SITE_URL)
CSRF_TRUSTED_ORIGINS = [SITE_URL.rstrip("/")]

INSTALLED_APPS = [
    "grassroots.core",
    "grassroots.accounts",
    "grassroots.blog",
    "grassroots.photos",
    "grassroots.comments",
    "grassroots.followers",
    "grassroots.studio",
    "grassroots.transfer",
    "grassroots.demo",
    # The Django admin, for Administrators only (accounts/admin_site.py).
    "grassroots.accounts.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "grassroots.core.middleware.security_headers",
    # Above the page cache, so its hits carry the same headers as a fresh page.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "grassroots.core.middleware.cache_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "grassroots.core.pagecache.anonymous_gzip",
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the page cache: /?p=12 must not be answered with the cached home page.
    "grassroots.transfer.reading.redirects.old_addresses",
    "grassroots.core.pagecache.page_cache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "grassroots.blog.middleware.blog_locale",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "grassroots.accounts.middleware.staff_session",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "grassroots.urls"
WSGI_APPLICATION = "grassroots.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "grassroots.blog.context_processors.blog_identity",
            ],
        },
    },
]

DATABASES = {"default": env.database("DATABASE_URL", data_dir=DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("REDIS_URL")}
# Readers' pages are kept this long at most; any content change drops them at once.
GRASSROOTS_PAGE_CACHE_SECONDS = env.integer("GRASSROOTS_PAGE_CACHE_SECONDS", default=300)

# Mail and slow work are queued in the database and run by the worker that `grassroots run`
# starts (or `grassroots worker`): a request never waits for a mail server.
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
# Staff logins lock one (username, client network) pair, never a username from everywhere
# nor every account from one address. The "address" axes stores is a stand-in made from the
# keyed, rotating network hash (accounts/lockout.py), so its tables and log lines hold no
# IP and no user agent; no log of successful logins is written.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "grassroots.accounts.lockout.client_network_address"
AXES_CLIENT_STR_CALLABLE = "grassroots.accounts.lockout.client_str"
AXES_HANDLER = "grassroots.accounts.lockout.PrivateDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "grassroots.accounts.lockout.locked_out"
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "csrfmiddlewaretoken", "next"]
AXES_DISABLE_ACCESS_LOG = True
AXES_RESET_ON_SUCCESS = True

# Staff accounts (docs/staff.md).
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "studio:home"
GRASSROOTS_STAFF_2FA = env.choice(
    "GRASSROOTS_STAFF_2FA",
    choices=["required-for-editors", "required-for-all", "optional"],
    default="required-for-editors",
)
GRASSROOTS_STAFF_SESSION_HOURS = env.integer(
    "GRASSROOTS_STAFF_SESSION_HOURS", default=12, minimum=1
)
GRASSROOTS_AUDIT_DAYS = env.integer("GRASSROOTS_AUDIT_DAYS", default=365, minimum=1)
# Password-reset links work once and for one hour.
PASSWORD_RESET_TIMEOUT = 3600
OTP_TOTP_ISSUER = "Grassroots"

LANGUAGE_CODE = env.language("GRASSROOTS_LANGUAGE", default="en")
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["grassroots.formats"]
TIME_ZONE = env.time_zone("GRASSROOTS_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Photo uploads (photos/limits.py): refused past these before any pixel is decoded.
GRASSROOTS_PHOTO_MAX_UPLOAD_MB = env.integer(
    "GRASSROOTS_PHOTO_MAX_UPLOAD_MB", default=25, minimum=1
)
GRASSROOTS_PHOTO_MAX_MEGAPIXELS = env.integer(
    "GRASSROOTS_PHOTO_MAX_MEGAPIXELS", default=40, minimum=1
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Photos in an S3-compatible bucket instead of MEDIA_ROOT: needs django-storages[s3], with
# credentials from the standard AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (docs/operating.md).
if S3_BUCKET := env.text("GRASSROOTS_S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.text("GRASSROOTS_S3_ENDPOINT_URL", default="") or None,
            "custom_domain": env.text("GRASSROOTS_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
# Serve from the app folders directly when collectstatic has not run (tests, first start).
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 3600

# Security baseline for every response (docs/privacy.md, DESIGN.md section 5).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_NAME = "grassroots_language"

if PRODUCTION:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # __Host- cookies are only accepted over HTTPS, for path=/ and with no domain.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-language"

EMAIL_BACKEND = env.email_backend("GRASSROOTS_EMAIL_URL", data_dir=DATA_DIR)
EMAIL_FILE_PATH = DATA_DIR / "mail"
# A mail server that accepts and never answers must not hold a worker forever: the job fails
# and is tried again later (core/tasks.py).
EMAIL_TIMEOUT = 30
globals().update(config.smtp_settings())
DEFAULT_FROM_EMAIL = env.text("GRASSROOTS_FROM_EMAIL", default="grassroots@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Comments (docs/settings.md, docs/moderating.md).
GRASSROOTS_COMMENT_MAX_DEPTH = env.integer("GRASSROOTS_COMMENT_MAX_DEPTH", default=3, minimum=1)
GRASSROOTS_COMMENT_EDIT_MINUTES = env.integer("GRASSROOTS_COMMENT_EDIT_MINUTES", default=15)
GRASSROOTS_COMMENT_MIN_SECONDS = env.integer("GRASSROOTS_COMMENT_MIN_SECONDS", default=3)
GRASSROOTS_COMMENT_FORM_MAX_HOURS = env.integer(
    "GRASSROOTS_COMMENT_FORM_MAX_HOURS", default=48, minimum=1
)
GRASSROOTS_COMMENT_MAX_LINKS = env.integer("GRASSROOTS_COMMENT_MAX_LINKS", default=2)
GRASSROOTS_COMMENT_RATE_NETWORK = env.integer("GRASSROOTS_COMMENT_RATE_NETWORK", default=20)
GRASSROOTS_COMMENT_RATE_EMAIL = env.integer("GRASSROOTS_COMMENT_RATE_EMAIL", default=10)
GRASSROOTS_COMMENT_KEY_ROTATION_DAYS = env.integer(
    "GRASSROOTS_COMMENT_KEY_ROTATION_DAYS", default=30, minimum=1
)
# Following by email (docs/settings.md).
GRASSROOTS_FOLLOWERS_RATE_EMAIL = env.integer("GRASSROOTS_FOLLOWERS_RATE_EMAIL", default=3)
GRASSROOTS_FOLLOWERS_MAILS_PER_DAY = env.integer("GRASSROOTS_FOLLOWERS_MAILS_PER_DAY", default=10)
GRASSROOTS_FOLLOWERS_BATCH = env.integer("GRASSROOTS_FOLLOWERS_BATCH", default=200, minimum=1)
GRASSROOTS_BEHIND_PROXY = env.flag("GRASSROOTS_BEHIND_PROXY", default=False)
if PRODUCTION and GRASSROOTS_BEHIND_PROXY:
    # Only a proxy we sit behind may say the reader came over HTTPS; without one, anyone
    # could send the header over plain HTTP and skip the redirect.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The site's Tor onion address: an Onion-Location header and <link rel="alternate"> on pages.
GRASSROOTS_ONION_URL = (
    env.url("GRASSROOTS_ONION_URL", default="")
    if env.text("GRASSROOTS_ONION_URL", default="")
    else ""
)

# No logger ever receives a request's IP or a commenter's email: Django's request logger
# records only paths, and errors go to stderr without request bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
