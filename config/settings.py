"""eventdesk settings: one module, every knob read from the environment.

SQLite in the project folder is the default; ``DATABASE_URL`` switches to PostgreSQL.
``DEBUG`` is off unless asked for, and then ``SECRET_KEY`` must be given.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# `make run` writes `.env` (git-ignored): a generated secret key and the development
# defaults, so that every manage.py command in the checkout runs as printed. Variables set
# in the environment win over it; production sets real ones and has no `.env`.
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-key-only-for-debug-mode"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "events",
]

MIDDLEWARE = [
    # First, so that its total covers every other middleware; gone unless
    # EVENTDESK_SERVER_TIMING is on.
    "events.api.timing.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files (the admin's CSS, Swagger UI) with DEBUG off, from STATIC_ROOT
    # (``manage.py collectstatic``), compressed and cached, before any session work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware so that preflight requests are answered, not redirected.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers a locked-out client's login with 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# A persistent connection stays with the thread that opened it. The development server
# starts a thread per request, so kept connections pile up until PostgreSQL refuses
# everyone ("too many clients"): under runserver they are closed after each request.
# gunicorn's workers each serve from one thread (or a fixed few), which keep theirs for
# DB_CONN_MAX_AGE seconds; health checks replace one the database dropped.
SERVED_BY_RUNSERVER = sys.argv[1:2] == ["runserver"]
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0" if SERVED_BY_RUNSERVER else "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Long imports and a running server share the file: wait for locks, don't fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 30
    # A write-ahead log lets the admin and the API read while an import writes, and each
    # article's commit appends to it instead of rewriting a journal: the store spent
    # 7% less CPU and 15% less time per article. NORMAL syncs the log at checkpoints, not
    # at every commit: a power cut can lose the last articles stored (the next import
    # stores them again), never corrupt the file.
    # SQLite's own page cache is 2 MB by default, a small part of a database of thousands
    # of articles: 64 MB of cache and reads through a memory map (256 MB) keep the
    # import's index pages in the process (storing 10,000 articles: 17.8 ms of CPU an
    # article against 19.6, one run each, within this machine's noise).
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command",
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: a client locked out for failed logins is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins (the admin's, the browsable API's) are recorded and logged (WARNING, with
# the username and address) by django-axes; after AXES_FAILURE_LIMIT failures from one
# address, or on one username, further attempts are refused (429) for the cool-off time.
# Locking a username too stops guesses spread over many addresses, at the price that
# someone guessing can keep its owner out for a cool-off time. A success resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
# Each failure is also kept (the admin's "Access failures", for superusers, names the
# username); the log line shows the address and masks the username, which is sometimes
# a password typed in the wrong box.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_SENSITIVE_PARAMETERS = ["username"]
# The client's address as the API's throttles see it (behind NUM_PROXIES proxies).
AXES_CLIENT_IP_CALLABLE = "events.api.throttling.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# Security: on whenever DEBUG is off, each switchable for a TLS-terminating proxy.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Anonymous clients may read the API unless this is turned off.
EVENTDESK_PUBLIC_API = env_bool("EVENTDESK_PUBLIC_API", True)
# "all": anonymous readers see every record; "approved": only records an editor approved.
EVENTDESK_PUBLIC_READ = os.environ.get("EVENTDESK_PUBLIC_READ", "all").strip().lower()
if EVENTDESK_PUBLIC_READ not in {"all", "approved"}:
    raise ImproperlyConfigured('EVENTDESK_PUBLIC_READ must be "all" or "approved".')
# Requests per period an anonymous client may make ("1000/hour"); empty turns throttling off.
EVENTDESK_ANON_THROTTLE_RATE = os.environ.get("EVENTDESK_ANON_THROTTLE_RATE", "1000/hour") or None
# Unpaginated exports any one client (user or anonymous address) may start per period.
EVENTDESK_EXPORT_THROTTLE_RATE = os.environ.get("EVENTDESK_EXPORT_THROTTLE_RATE", "60/hour") or None
# Reverse proxies in front of the server that append to X-Forwarded-For. 0 (the default)
# trusts no such header: a client could write any address there and escape every limit.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))
# Rows fetched (and prefetched) per round trip while streaming a CSV or GeoJSON export.
EVENTDESK_EXPORT_CHUNK_SIZE = int(os.environ.get("EVENTDESK_EXPORT_CHUNK_SIZE", "2000"))
# Files larger than this are refused by the import (bytes); the command has a flag too.
EVENTDESK_MAX_FILE_BYTES = int(os.environ.get("EVENTDESK_MAX_FILE_BYTES", str(2 * 1024 * 1024)))
# Responses say their SQL time and query count, and their total, in a Server-Timing header.
# Off by default: the figures tell any client how the server works (benchmarks turn it on).
EVENTDESK_SERVER_TIMING = env_bool("EVENTDESK_SERVER_TIMING")
# The spaCy pipeline to load; falls back to the PyPI re-upload of the same model.
EVENTDESK_SPACY_MODEL = os.environ.get("EVENTDESK_SPACY_MODEL", "en_core_web_sm")

# Queued imports (``import_articles --queue``): empty means no broker, and every import
# runs in the process that starts it. redis://127.0.0.1:6379/0 and
# amqp://guest:guest@127.0.0.1:5672// both work; every worker needs the same DATABASE_URL.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
# One queue name per deployment, so that two deployments (or a test) can share a broker.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "eventdesk")
# Runs are recorded in the database (ImportRun), so task results are not kept.
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged when it is done, not when it starts: a worker (or machine) that
# dies mid-task leaves it to another worker. Re-running a batch is safe: known files are
# skipped. One task at a time per worker process, as a batch takes seconds to minutes.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

REST_FRAMEWORK = {
    "DEFAULT_PAGINATION_CLASS": "events.api.pagination.CappedPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PERMISSION_CLASSES": ["events.api.permissions.ReadableByPolicy"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Session first: its 403 for anonymous writes is what clients already rely on.
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "events.api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "events.api.throttling.AnonymousRateThrottle",
        "events.api.throttling.ExportRateThrottle",
    ],
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "events.api.negotiation.FormatParameterNegotiation",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "eventdesk API",
    "DESCRIPTION": "Sourced events, actors, quotes and places extracted from news articles.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "events.api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "events.models.DatePrecision",
        "ActorKindEnum": "events.models.ActorKind",
        "PlaceKindEnum": "events.models.PlaceKind",
    },
}

# Browsers on these origins may call the API (comma-separated, e.g. https://map.example.org).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
