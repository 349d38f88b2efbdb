"""SAR Hub settings.

One settings module, driven by the environment, that fails closed:
- DEBUG is off unless SARHUB_DEBUG=true;
- with DEBUG off, SECRET_KEY and ALLOWED_HOSTS must be set or start-up fails;
- demo mode (known passwords and demo second-factor codes) refuses to run with DEBUG off.
"""

from __future__ import annotations

from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("SARHUB_DEBUG", default=False)
DEMO_MODE = env.bool("SARHUB_DEMO_MODE", default=False)
TESTING = env.bool("SARHUB_TESTING", default=False)

if DEMO_MODE and not DEBUG:
    raise ImproperlyConfigured(
        "SARHUB_DEMO_MODE is only allowed with SARHUB_DEBUG=true: demo accounts use published passwords."
    )

if DEBUG:
    SECRET_KEY = env.str("SARHUB_SECRET_KEY", default="insecure-development-only-key-do-not-deploy")
else:
    SECRET_KEY = env.str("SARHUB_SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SARHUB_SECRET_KEY must be set to a random value of at least 50 characters.")

ALLOWED_HOSTS = env.list("SARHUB_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("SARHUB_ALLOWED_HOSTS must list the host names this service answers on.")
CSRF_TRUSTED_ORIGINS = env.list("SARHUB_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "sarhub.core.admin_site.SarhubAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django.contrib.sitemaps",
    "sarhub.core",
    "sarhub.audit",
    "sarhub.partnership",
    "sarhub.accounts",
    "sarhub.taxonomy",
    "sarhub.referrals",
    "sarhub.documents",
    "sarhub.reviews",
    "sarhub.events",
    "sarhub.publication",
    "sarhub.briefings",
    "sarhub.library",
    "sarhub.leadership",
    "sarhub.actions",
    "sarhub.api",
    "sarhub.insight",
    "sarhub.workspace",
]
if DEBUG:  # fictional demo and volume data: never installed in production
    INSTALLED_APPS.append("sarhub.demo")

MIDDLEWARE = [
    "sarhub.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before SessionLimitsMiddleware, which tells the person why their session ended.
    "django.contrib.messages.middleware.MessageMiddleware",
    "sarhub.accounts.middleware.SessionLimitsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "sarhub.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "sarhub.core.middleware.PrivateCacheMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "sarhub.workspace.context_processors.sarhub",
            ],
            "builtins": ["sarhub.core.templatetags.govuk", "sarhub.workspace.templatetags.workspace"],
        },
    }
]
FORM_RENDERER = "sarhub.core.forms.GovukFormRenderer"

# Databases: an embedded SQLite file by default; PostgreSQL through DATABASE_URL.
SQLITE_PATH = env.str("SARHUB_SQLITE_PATH", default=str(BASE_DIR / "var" / "sarhub.sqlite3"))
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL",
        default=f"sqlite:///{SQLITE_PATH}",
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
        ),
    }
# Keep each worker's connection between requests: opening one (and, for SQLite, running the PRAGMAs
# above) costs more than serving a cached public page.
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partnership.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

# Cyber Essentials: at least 12 characters, no maximum below 64, a common-password list,
# no composition rules.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "sarhub.accounts.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if TESTING and env.bool("SARHUB_FAST_HASHER", default=True)
    else ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
)
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour, not Django's three days

# Sessions: 30 minutes idle (the cookie and the stored session are renewed on each request),
# 10 hours absolute (enforced by SessionLimitsMiddleware).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_LIMIT = timedelta(hours=10)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "sarhub.core.views.csrf_failure"

SECURE_HTTPS = not DEBUG and env.bool("SARHUB_SECURE_HTTPS", default=True)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS and env.bool("SARHUB_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 63072000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
# Behind a reverse proxy, only the proxies listed here are believed about the client's address
# (X-Forwarded-For) and scheme; a request from anywhere else is taken at its own connection's address.
BEHIND_PROXY = env.bool("SARHUB_BEHIND_PROXY", default=False)
TRUSTED_PROXIES = env.list("SARHUB_TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
for _proxy in TRUSTED_PROXIES:
    try:
        ip_network(_proxy.strip(), strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"SARHUB_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network.") from _error
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: no inline script, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Lockout (django-axes): 10 failed sign-ins for one email address (whatever its case) from one client address
# lock that pair for 30 minutes, answered with HTTP 429 and the same page whether or not the account exists.
# The pair, not either part: a list of single keys would let anyone lock a colleague out by typing their email,
# or lock out everyone behind one proxy or gateway with made-up emails. An address that fails
# SIGN_IN_FAILURES_PER_ADDRESS times across any emails is refused on its own (sarhub/accounts/lockout.py).
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "sarhub.accounts.lockout.client_address"
AXES_USERNAME_CALLABLE = "sarhub.accounts.views.axes_username"
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "sarhub.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token", "token"]
SIGN_IN_FAILURES_PER_ADDRESS = env.int("SARHUB_SIGN_IN_FAILURES_PER_ADDRESS", default=100)

OTP_TOTP_ISSUER = env.str("SARHUB_TOTP_ISSUER", default="SAR Hub")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# The public referral form accepts at most this many submissions an hour from one address.
PUBLIC_REFERRALS_PER_HOUR = env.int("SARHUB_PUBLIC_REFERRALS_PER_HOUR", default=5)

# Scoping summaries are due this many working days (England and Wales) after they are asked for.
SCOPING_WORKING_DAYS = env.int("SARHUB_SCOPING_WORKING_DAYS", default=15)

# Chronologies and individual management reviews are due this many working days after they are asked for;
# agencies' comments on a draft report (the factual-accuracy round) this many.
REVIEW_REQUEST_WORKING_DAYS = env.int("SARHUB_REVIEW_REQUEST_WORKING_DAYS", default=20)
ACCURACY_WORKING_DAYS = env.int("SARHUB_ACCURACY_WORKING_DAYS", default=10)

# The independent chair's decision is expected within this many days of the referral.
DECISION_TARGET_DAYS = env.int("SARHUB_DECISION_TARGET_DAYS", default=28)

# Sensitive actions (bulk exports; later, approving publication) need a security code entered this recently.
STEP_UP_MAX_AGE = timedelta(minutes=5)

# Invitations to create an account expire within 72 hours.
INVITATION_VALID_FOR = timedelta(hours=env.int("SARHUB_INVITATION_HOURS", default=72))
if timedelta(hours=72) < INVITATION_VALID_FOR:
    raise ImproperlyConfigured("Invitations must expire within 72 hours.")

EMAIL_BACKEND = env.str(
    "SARHUB_EMAIL_BACKEND",
    default=(
        "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
    ),
)
EMAIL_HOST = env.str("SARHUB_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("SARHUB_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("SARHUB_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("SARHUB_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("SARHUB_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("SARHUB_FROM_EMAIL", default="SAR Hub <no-reply@sarhub.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address links in emails point at (no trailing slash).
SITE_URL = env.str("SARHUB_SITE_URL", default="http://127.0.0.1:8000")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env.str("SARHUB_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
# Uploaded documents: outside the web root, never served except through the authorised download view.
PRIVATE_MEDIA_ROOT = env.str("SARHUB_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private"))
UPLOAD_MAX_BYTES = env.int("SARHUB_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
UPLOAD_QUOTA_BYTES_PER_DAY = env.int("SARHUB_UPLOAD_QUOTA_BYTES_PER_DAY", default=500 * 1024 * 1024)
WHITENOISE_USE_FINDERS = DEBUG or TESTING

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_tokens": {"()": "sarhub.core.logging.RedactTokensFilter"},
        "request_id": {"()": "sarhub.core.logging.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact_tokens", "request_id"],
            "formatter": "plain",
        },
        # Error emails (sent only when ADMINS is set), with link tokens redacted from the whole report.
        "mail_admins": {
            "class": "sarhub.core.logging.RedactingAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "redact_tokens"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("SARHUB_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Replaces Django's default "django" handlers (whose error emails would not be redacted).
        "django": {"handlers": ["mail_admins"], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console", "mail_admins"], "level": "WARNING", "propagate": False},
        # axes logs the typed email address on each failure: personal data that the audit log records
        # without it. Only its errors are kept.
        "axes": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # PDF rendering reports every step at INFO; only its warnings are worth a line.
        "weasyprint": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# The Board's defaults, used until the business unit edits the Board record.
SARHUB_BOARD_DEFAULT_NAME = env.str("SARHUB_BOARD_NAME", default="Rotherham Safeguarding Adults Board")
