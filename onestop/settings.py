"""Settings for Một Cửa, driven entirely by the environment (see onestop/env_file.py).

With no environment at all the project runs embedded: a SQLite file under ``var/``, Celery
tasks executed in-process, e-mail printed to the console and DEBUG on for localhost only.
``DJANGO_ENV=production`` switches every secure setting on and refuses to start without a
secret key and allowed hosts.
"""

from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
from csp import constants as csp

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

# Only the environment: manage.py, the WSGI application and the Celery worker add a `.env`
# file to it before they load these settings (onestop/env_file.py); the tests never do.
env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DJANGO_DEBUG", default=not PRODUCTION)
SECRET_KEY = (
    env.str("DJANGO_SECRET_KEY")
    if PRODUCTION
    else env.str("DJANGO_SECRET_KEY", default="onestop-development-only-not-secret")
)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
INTERNAL_IPS = ["127.0.0.1"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_fsm",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "onestop.accounts",
    "onestop.calendar",
    "onestop.outbox",
    "procedures",
    "dossiers",
    "feedback",
    "onestop.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "onestop.bad_requests.RefuseNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "onestop.i18n.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "onestop.urls"
WSGI_APPLICATION = "onestop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "onestop.context_processors.portal",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------
# DATABASE_URL selects PostgreSQL (with psycopg's connection pool); the default is a
# SQLite file so that `make run` needs nothing installed.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'onestop.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps connections, not Django
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN", default=2),
        "max_size": env.int("DATABASE_POOL_MAX", default=20),
        # Seconds a request waits for a pooled connection before failing with a 503.
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=2.0),
    }
    # Seconds libpq waits for the server to answer a new connection (2 is its minimum).
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = env.int(
        "DATABASE_CONNECT_TIMEOUT", default=2
    )
else:
    # runserver answers each request in its own thread. WAL lets pages read while one
    # request writes; IMMEDIATE takes the write lock when a transaction begins, so that a
    # transaction never fails halfway when it first writes ("database is locked"), and the
    # busy timeout makes the others queue for that lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env.float("SQLITE_BUSY_TIMEOUT", default=20.0),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
    VAR_DIR.mkdir(exist_ok=True)  # the embedded default keeps its SQLite file here
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# An unreachable database answers a 503 at once instead of a 500 after every query's
# timeout (onestop/database_unavailable.py); right after SecurityMiddleware.
MIDDLEWARE.insert(1, "onestop.database_unavailable.DatabaseUnavailableMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
# Each role lands where its work is (dossiers/views/landing.py); a safe `next` wins.
LOGIN_REDIRECT_URL = "dossiers:landing"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language, time zone, formats ------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "onestop_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["onestop.formats"]

# --- Static files and uploads ----------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "static")
# Uploaded dossier documents are private: stored outside the web root, served only
# through views that check visibility. There is deliberately no MEDIA_URL route.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Cache, Celery, e-mail --------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
# A dead or unreachable Redis must cost a request milliseconds, not the kernel's TCP
# timeout; each caller decides what an error means (docs/operations.md).
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
                "socket_timeout": env.float("REDIS_SOCKET_TIMEOUT", default=0.5),
            },
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
# Without a broker, tasks run in-process so that the embedded default needs no worker.
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://"
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A broker that is down must fail a publish in a fraction of a second: the task waits in
# the outbox (onestop/outbox) and the periodic flush below queues it once the broker is back.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=1.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.1,
    "interval_max": 0.1,
}
TASK_OUTBOX_FLUSH_SECONDS = env.float("TASK_OUTBOX_FLUSH_SECONDS", default=60.0)
# A row not yet tried may still be queuing in its request: the flush leaves it this long.
TASK_OUTBOX_GRACE_SECONDS = env.int("TASK_OUTBOX_GRACE_SECONDS", default=60)
TASK_OUTBOX_KEEP_DAYS = env.int("TASK_OUTBOX_KEEP_DAYS", default=7)
CELERY_BEAT_SCHEDULE = {
    "flush-task-outbox": {
        "task": "onestop.outbox.flush_task_outbox",
        "schedule": TASK_OUTBOX_FLUSH_SECONDS,
    },
}

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if not env.str("EMAIL_URL", default="")
    else "django.core.mail.backends.smtp.EmailBackend",
)
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Một Cửa <no-reply@onestop.local>")

# --- API ---------------------------------------------------------------------------------
REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # A JSON body is one object of a sane depth (onestop.api_parsers).
    "DEFAULT_PARSER_CLASSES": [
        "onestop.api_parsers.JSONObjectParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "onestop.api_pagination.PortalPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "onestop.api_schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "onestop.api_errors.handle_api_exception",
    "DEFAULT_THROTTLE_RATES": {"login": "10/min", "tracking": "30/min"},
}
SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "Một Cửa API",
    "DESCRIPTION": "API of the one-stop administrative procedure portal.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "TimeUnitEnum": "procedures.models.TimeUnit",
        "ChannelEnum": "procedures.models.Channel",
        "LevelEnum": "procedures.models.Level",
    },
}

# --- Product settings ----------------------------------------------------------------------
PORTAL_NAME = env.str("PORTAL_NAME", default="Cổng Dịch vụ công Một Cửa")
PORTAL_PROVINCE = env.str("PORTAL_PROVINCE", default="Tỉnh Hà Nam Ninh")
PORTAL_HOTLINE = env.str("PORTAL_HOTLINE", default="1900 0000")
PORTAL_EMAIL = env.str("PORTAL_EMAIL", default="motcua@hanamninh.gov.vn")
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="onestop-demo")

# --- Working-day calendar (docs/calendar.md) ---------------------------------------------
# OFFICE_HOURS="07:30-11:30,13:30-17:00"; deadlines end at the close of the last period.
OFFICE_HOURS = [
    tuple(period.split("-", 1))
    for period in env.list("OFFICE_HOURS", default=["07:30-11:30", "13:30-17:00"])
]
INTAKE_CUTOFF = env.str("INTAKE_CUTOFF", default="15:00")
DEADLINE_ALERT_WINDOW_WORKING_DAYS = env.int("DEADLINE_ALERT_WINDOW_WORKING_DAYS", default=1)

# --- Security ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probed over plain HTTP inside the network
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# --- Sign-in protection (docs/operations.md) ---------------------------------------------
# Reverse proxies in front of the app that append the client to X-Forwarded-For; the header
# is ignored with 0, and only the entry the outermost trusted proxy wrote counts otherwise
# (onestop/client_address.py). Every rate limit and the sign-in lockout key on that address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# DRF's own reading of the header (None would believe it blindly); kept equal for safety.
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT

# django-axes locks sign-in (the page and POST /api/v1/auth/token/) for one account from one
# address after SIGN_IN_FAILURE_LIMIT wrong passwords, until SIGN_IN_LOCKOUT_MINUTES after
# the last one. Keyed on the pair so that one person's typos do not lock out a whole office
# behind one gateway address. Failures are kept in the database: no Redis needed.
INSTALLED_APPS.append("axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    "onestop.accounts.backends.SignInLockoutBackend",  # first: refuses a locked pair
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SIGN_IN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "onestop.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "onestop.accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True  # a successful sign-in forgets the earlier typos

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Content-Security-Policy (docs/adr/0010-content-security-policy.md) ---------------------
# One strict policy in every environment: scripts and styles only from the portal's own
# static files, never inline, never eval. An inline script that truly must stay carries
# the request's nonce ({{ request.csp_nonce }}); the header names a nonce only on pages
# that use one.
INSTALLED_APPS += ["csp"]  # its system checks refuse settings in the old 3.x format
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF],
        # Swagger UI and the admin draw small icons as data: URIs from their stylesheets.
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}

# --- Dossiers -------------------------------------------------------------------------------
DOSSIER_MAX_FILE_BYTES = env.int("DOSSIER_MAX_FILE_BYTES", default=10 * 1024 * 1024)
DOSSIER_MAX_TOTAL_BYTES = env.int("DOSSIER_MAX_TOTAL_BYTES", default=50 * 1024 * 1024)
# Bounds of the whole-file check (dossiers/filecheck.py): an A4 page scanned at 600 dpi is
# 35 million pixels; a PDF scan of a dossier item runs to tens of pages, not thousands.
DOSSIER_MAX_IMAGE_PIXELS = env.int("DOSSIER_MAX_IMAGE_PIXELS", default=50_000_000)
DOSSIER_MAX_PDF_PAGES = env.int("DOSSIER_MAX_PDF_PAGES", default=500)
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["DossierStateEnum"] = "dossiers.models.states.State"
# Dossier lists count at most this many matches (dossiers/pagination.py).
DOSSIER_LIST_COUNT_LIMIT = env.int("DOSSIER_LIST_COUNT_LIMIT", default=10_000)
