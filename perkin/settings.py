"""Settings for Perkin, read from the environment.

DATABASE_URL   default: a SQLite file beside manage.py (for trying the product locally)
SECRET_KEY     required when DEBUG is off
DEBUG          "1"/"true" to enable (default on only when no SECRET_KEY is given)
ALLOWED_HOSTS  comma-separated (default: localhost names)
Behind HTTPS (see README, "Production"): SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS,
SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD, SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE,
SECURE_PROXY_SSL_HEADER ("1": trust X-Forwarded-Proto from the proxy), CSRF_TRUSTED_ORIGINS.
SESSION_IDLE_MINUTES (30) and SESSION_MAX_HOURS (12); DB_CONNECT_TIMEOUT (5 s),
DB_STATEMENT_TIMEOUT_MS (30000), DB_LOCK_TIMEOUT_MS (15000).
CELERY_BROKER_URL or REDIS_URL   the job queue's broker, e.g. redis://127.0.0.1:6379/0; without
               one, jobs run in the process that asks for them (no extra server needed)
REPORT_CACHE_URL  a Redis database for computed reports shared by the server processes, e.g.
               redis://127.0.0.1:6379/1 (not the broker's: restore empties it); default: each
               process's memory
PERKIN_REMINDER_HOURS  the hours (crontab syntax, default "7-16") `celery beat` sends reminders
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = _env_bool("DEBUG", default=not SECRET_KEY)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "simple_history",
    "axes",
    "perkin",
    "budget",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # pages compressed on the wire (the dashboard's 120 KB of HTML and chart data becomes ~15 KB);
    # Django pads compressed responses against BREACH. Static files come pre-compressed.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "perkin.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "perkin.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: 5 failed attempts for a username from an address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# ... and an address is throttled as a whole after more failures, whatever usernames it tries
# (an office's shared address must not lock out its colleagues after a few typos).
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "30"))
LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"

ROOT_URLCONF = "perkin.urls"

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
                "django.template.context_processors.i18n",
                "reports.dashboard.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "perkin.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}

if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A stale connection is replaced before use (after a database restart); a frozen or
    # unreachable database fails a request in seconds instead of hanging a worker.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": int(os.environ.get("DB_CONNECT_TIMEOUT", "5")),
            "options": "-c statement_timeout={} -c lock_timeout={}".format(
                int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "30000")),
                int(os.environ.get("DB_LOCK_TIMEOUT_MS", "15000")),
            ),
        }
    )
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Each transaction takes SQLite's write lock when it starts, so two saves of the same rows
    # run one after the other (on PostgreSQL a row lock of the unit does this: perkin.locks).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "perkin.passwords.GuessablePasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
# Third-party assets are vendored under static/vendor/NAME-VERSION/ with their licence (no CDN):
# Plotly is its official "basic" partial bundle (scatter and bar traces, all the charts use).
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Without DEBUG, collectstatic writes content-hashed names (app.3f2a1c.css) with gzip and
# brotli copies; WhiteNoise serves hashed files with a one-year "immutable" cache, so a
# returning browser asks for nothing and a new deployment can never mix old and new files.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploaded evidence lives outside static/ and is served only through an access-checked view.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "uploads"))
MEDIA_URL = "/media-not-served/"

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# Cookies only over HTTPS unless DEBUG; SECURE_COOKIES=0 only for plain HTTP on the loopback
# (make loadtest); SESSION_COOKIE_SECURE / CSRF_COOKIE_SECURE override each.
_SECURE_COOKIES = _env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", _SECURE_COOKIES)
CSRF_COOKIE_SECURE = _env_bool("CSRF_COOKIE_SECURE", _SECURE_COOKIES)
SESSION_COOKIE_SAMESITE = "Lax"
# A session ends after SESSION_IDLE_MINUTES without a request (perkin.middleware) and at the
# latest SESSION_MAX_HOURS after login.
SESSION_IDLE_SECONDS = 60 * int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = 3600 * int(os.environ.get("SESSION_MAX_HOURS", "12"))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", False)
if _env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
# Content Security Policy: scripts and styles only from this site, no inline script at all.
# Plotly writes style attributes into the charts it draws, so inline styles stay allowed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Computed reports (reports.exporters.cache.computed_report), keyed by the data version of
# their facts: shared by every server process in a Redis database of its own (REPORT_CACHE_URL;
# `manage.py restore` empties it), else kept in each process's memory.
REPORT_CACHE_URL = os.environ.get("REPORT_CACHE_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
    },
    "reports": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REPORT_CACHE_URL}
        if REPORT_CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "perkin-reports",
            "OPTIONS": {"MAX_ENTRIES": 200},
        }
    ),
}

# The job queue (perkin/celery.py): report files, per-unit summaries, batch regeneration.
# Without a broker every task runs inline in the process that queues it (``make run``).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or ""
CELERY_TASK_ALWAYS_EAGER = _env_bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True  # a job's state is kept in its ReportJob row
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "perkin")
CELERY_TASK_ACKS_LATE = True  # a job whose worker dies is delivered again
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a slow PDF does not hold other jobs back
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# `celery -A perkin beat` (or a worker started with -B) sends the deadline reminders every hour
# of the working day; each person gets each reminder at most once a day (ReminderSent), so an
# hour missed while the scheduler was down is made up by the next one.
REMINDER_HOURS = os.environ.get("PERKIN_REMINDER_HOURS", "7-16")
CELERY_BEAT_SCHEDULE = {
    "deadline-reminders": {
        "task": "reports.send_deadline_reminders",
        "schedule": crontab(minute=5, hour=REMINDER_HOURS),
    },
}
CELERY_TIMEZONE = TIME_ZONE

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# E-mail (deadline reminders): printed to the console unless EMAIL_BACKEND says otherwise, e.g.
# django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST/EMAIL_PORT/EMAIL_HOST_USER/...
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Perkin <perkin@localhost>")
# Links in e-mails point here (the address users open Perkin at).
PERKIN_BASE_URL = os.environ.get("PERKIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Reminders are sent every day from this many days before a quarter's deadline up to the day.
PERKIN_REMINDER_DAYS = int(os.environ.get("PERKIN_REMINDER_DAYS", "7"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # while the database is down every request fails alike: one line each, no traceback
    "filters": {"database_outage": {"()": "perkin.errors.DatabaseOutageFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["database_outage"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
