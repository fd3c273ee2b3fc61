"""Interview Advisor settings: one file, every deployment choice read from the environment."""

import os
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Seconds a write waits for the database's lock before the visitor is asked to retry (503,
# with Retry-After: DATABASE_RETRY_AFTER seconds); advisor/middleware.py.
# 4 seconds, so that with the request's own work the answer comes within 5 (issue: "a 503
# within 5 seconds").
DATABASE_BUSY_TIMEOUT = 4
DATABASE_RETRY_AFTER = 5


def database_from_url(url: str) -> dict:
    """Turn `sqlite:////abs/path.sqlite3` or `postgres://user:pass@host:port/name` into settings."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:// then the path: four slashes in all for an absolute path.
        path = unquote(parts.path).removeprefix("/")
        if parts.netloc or not path.startswith("/") or path == "/":
            raise ImproperlyConfigured(
                f"DATABASE_URL {url!r}: use sqlite:////absolute/path.sqlite3 (four slashes)."
            )
        return {
            "ENGINE": "advisor.sqlite",  # Django's, knowing SQLite has JSON
            "NAME": path,
            # Writers queue for the lock instead of failing with "database is locked", but
            # for no more than 5 seconds: then the visitor is told to retry (503).
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": DATABASE_BUSY_TIMEOUT,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    if parts.scheme in {"postgres", "postgresql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL {url!r} names no database.")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            # A write waiting for a lock gives up as SQLite's does, and the visitor gets a 503.
            "OPTIONS": {"options": f"-c lock_timeout={DATABASE_BUSY_TIMEOUT * 1000}"},
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL {url!r}: the scheme must be sqlite:// or postgres://."
    )


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random string, or set DEBUG=1 for development."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "advisor",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
]

MIDDLEWARE = [
    # First, so that it also sees a database failure in any middleware below.
    "advisor.middleware.database_unavailable",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "advisor.middleware.user_time_zone",
    "advisor.middleware.idle_session_expiry",
    "advisor.middleware.private_pages_not_cached",
    # Before anything reads the body (CSRF reads the form), after the headers are set.
    "advisor.middleware.request_size_limit",
    # Outside the view's transaction (AtomicWrites), so it counts a write once committed.
    "advisor.middleware.writes_recount_overview",
    # After CSRF, whose check must come before the view's transaction.
    "advisor.middleware.AtomicWrites",
    # Last, as django-axes asks: it turns a lockout into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "advisor.urls"
WSGI_APPLICATION = "advisor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # The site's templates without their indentation (template_loaders.py), then the
            # apps' (admin) as they are; cached, as Django does by default.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "advisor.template_loaders.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
    # The content of the round page and its checklist (advisor/jinja.py); every other
    # template is Django's.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "advisor.jinja.environment"},
    },
]

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "advisor.User"
# The address throttle and django-axes first, so a locked-out address or (account, address)
# pair is refused before the password is checked.
AUTHENTICATION_BACKENDS = [
    "advisor.security.AddressThrottleBackend",
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "board"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail: SMTP to EMAIL_HOST when set; otherwise the console in development and the machine's
# own mail server (localhost:25) in production, where printed emails would go nowhere.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Interview Advisor <noreply@localhost>")
# The site's address in emails' links (no request to take it from): required in production,
# where `check --deploy` reports it missing (advisor/checks.py).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if os.environ.get("EMAIL_HOST") or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(
                    os.environ.get("EMAIL_PORT", "587" if os.environ.get("EMAIL_HOST") else "25")
                ),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=bool(os.environ.get("EMAIL_HOST"))),
                # A mail server that stops answering fails the send instead of holding it (and
                # send_reminders' record of it) for ever.
                "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Any request body over MAX_UPLOAD_BYTES is refused with 413 before it is read
# (advisor/middleware.py); form fields and the JSON importer keep their smaller caps inside it.
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The JSON a file import reads, once a .json.gz is uncompressed: an account at its quotas
# exports about 22 MB (docs/data-format.md). Importing takes about ten times that in memory.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(32 * 1024 * 1024)))

# What one account may hold (advisor/quotas.py): forms and the import refuse to go past it.
QUOTA_PIPELINES = int(os.environ.get("QUOTA_PIPELINES", "2000"))
QUOTA_PEOPLE = int(os.environ.get("QUOTA_PEOPLE", "5000"))
QUOTA_ROUNDS = int(os.environ.get("QUOTA_ROUNDS", "20000"))
QUOTA_TOUCHES = int(os.environ.get("QUOTA_TOUCHES", "50000"))

# Sign-in hardening (django-axes): 5 failed sign-ins for one account from one address refuse
# that pair for 15 minutes. A success resets only its own pair, so signing in to one's own
# account between guesses gains nothing, and no one can lock the owner out of other addresses.
# Completing a password reset lifts the account's lock (advisor/security.py).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Guessing many accounts from one address: this many failed sign-ins from an address, whatever
# the names, within AXES_COOLOFF_TIME refuse its sign-ins; successes do not reset the count.
SIGN_IN_FAILURES_PER_ADDRESS = int(os.environ.get("SIGN_IN_FAILURES_PER_ADDRESS", "20"))
AXES_LOCKOUT_CALLABLE = "advisor.security.locked_out"
AXES_CLIENT_IP_CALLABLE = "advisor.security.client_ip"
# Sign-ups and password-reset emails per address per hour (advisor/security.py).
RATE_LIMIT_PER_HOUR = int(os.environ.get("RATE_LIMIT_PER_HOUR", "10"))

# The rate limits and the address throttle count in the cache, so it must be one for every
# process and server: Redis when REDIS_URL is set, else a table in the database (made by
# `migrate`). Development keeps one process, and the tests need no database, so memory serves.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "advisor_cache",
        }
    }
# What a round page loads from the database, kept in each process's memory under the user's
# data version (views.kept_round_page_data): nothing shared to keep in step, since a write
# moves the version in the database for every process.
CACHES["round_pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "round-pages",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 200},
}

# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto and X-Forwarded-For
# (see docs/security.md); never set it when clients reach the site directly, as they could
# then pretend to come from any address.
BEHIND_PROXY = env_bool("BEHIND_PROXY")
if "SECURE_PROXY_SSL_HEADER" in os.environ:
    # The old name of BEHIND_PROXY, read as before until deployments have moved.
    warnings.warn(
        "SECURE_PROXY_SSL_HEADER is deprecated: set BEHIND_PROXY=1 instead.",
        FutureWarning,  # shown by default, unlike DeprecationWarning
        stacklevel=1,
    )
    BEHIND_PROXY = BEHIND_PROXY or env_bool("SECURE_PROXY_SSL_HEADER")

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(14 * 24 * 3600)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# A strict policy: no inline script or style anywhere, so nothing injected can run.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if not DEBUG:
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Everything goes to standard error. Django's own console handler shows its errors only with
# DEBUG; in production "errors" writes them with the traceback, the path and the user id, never
# the request's body (advisor.middleware.RequestContext).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "advisor.middleware.RequestContext"}},
    "formatters": {
        "errors": {
            "format": "%(levelname)s %(name)s: %(message)s [path %(path)s, user %(user_id)s]"
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "errors": {
            "class": "logging.StreamHandler",
            "filters": ["request_context"],
            "formatter": "errors",
        },
    },
    "loggers": {
        "axes": {"handlers": ["console"], "level": "WARNING"},
        "advisor": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        # Unhandled exceptions (500s, and the database failures answered with 503).
        "django.request": {"handlers": [] if DEBUG else ["errors"], "level": "ERROR"},
        # Failed password-reset emails.
        "django.contrib.auth": {"handlers": [] if DEBUG else ["errors"], "level": "ERROR"},
    },
}
