"""Kozomol's Django settings. Everything deployment-specific comes from the
environment through :mod:`kozomol.lib.env`; nothing secret has a default."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from kozomol.lib.env import (
    database_config,
    env_bool,
    env_dir,
    env_int,
    env_list,
    env_secret,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_dir("KOZOMOL_DATA_DIR", "./var")
MEDIA_ROOT = DATA_DIR / "media"
KEYS_DIR = DATA_DIR / "keys"
STATIC_ROOT = DATA_DIR / "static"
for _dir in (MEDIA_ROOT, KEYS_DIR, STATIC_ROOT):
    _dir.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env_secret("KOZOMOL_SECRET_KEY", generate_into=DATA_DIR / "secret_key")
DEBUG = env_bool("KOZOMOL_DEBUG", default=False)
ALLOWED_HOSTS = env_list("KOZOMOL_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = (
    env_list("KOZOMOL_CSRF_TRUSTED_ORIGINS", []) if env_str("KOZOMOL_CSRF_TRUSTED_ORIGINS") else []
)

INSTALLED_APPS = [
    "kozomol.core",
    "kozomol.accounts",
    "kozomol.audit",
    "kozomol.places",
    "kozomol.campaigns",
    "kozomol.questionnaires",
    "kozomol.submissions",
    "kozomol.coding",
    "kozomol.search",
    "kozomol.autocoding",
    "kozomol.cases",
    "kozomol.directory",
    "kozomol.analytics",
    "kozomol.findings",
    "kozomol.reports",
    "kozomol.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kozomol.core.faults.DatabaseUnavailableMiddleware",  # outside every middleware that reads the DB
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kozomol.accounts.middleware.RequireTwoFactorMiddleware",
    "kozomol.core.middleware.SecurityHeadersMiddleware",
    "kozomol.core.middleware.AuditRequestMiddleware",
]

ROOT_URLCONF = "kozomol.urls"
WSGI_APPLICATION = "kozomol.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kozomol.core.context_processors.kozomol",
            ],
        },
    },
]

DATABASES = {"default": database_config("KOZOMOL_DATABASE_URL", DATA_DIR / "kozomol.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("ky", _("Kyrgyz")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "kozomol_language"
USE_I18N = True
TIME_ZONE = "Asia/Bishkek"
USE_TZ = True

STATIC_URL = "/static/"
MEDIA_URL = "/media-not-served/"  # uploads are served only through views that check access
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "kozomol.core.storage.StaticStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True  # serve app static files even before collectstatic

TASKS = {
    "default": {
        "BACKEND": env_str("KOZOMOL_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

MAILERS = {
    # The console backend prints mail (password resets) where the server runs;
    # a deployment sets KOZOMOL_EMAIL_BACKEND to an SMTP backend.
    "default": {
        "BACKEND": env_str("KOZOMOL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    },
}
DEFAULT_FROM_EMAIL = env_str("KOZOMOL_FROM_EMAIL", "kozomol@localhost")

SESSION_COOKIE_AGE = env_int("KOZOMOL_SESSION_SECONDS", 8 * 3600, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env_bool("KOZOMOL_SECURE_COOKIES", default=not DEBUG and env_bool("KOZOMOL_HTTPS"))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("KOZOMOL_HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KOZOMOL_LOG_LEVEL", "WARNING")},
}

# Set by the test settings: the browser tests may not be skipped.
KOZOMOL_REQUIRE_BROWSER = env_bool("KOZOMOL_REQUIRE_BROWSER", default=False)

# Login hardening (issue: trust). Lockout counts failures in a sliding window.
# Personal data of closed appeals is erased this many days after closing, unless the case's campaign
# sets its own period (cases.retention).
KOZOMOL_APPEAL_RETENTION_DAYS = env_int("KOZOMOL_APPEAL_RETENTION_DAYS", 3 * 365, minimum=1)
KOZOMOL_LOCKOUT_MINUTES = env_int("KOZOMOL_LOCKOUT_MINUTES", 15, minimum=1)
KOZOMOL_LOCKOUT_PER_ACCOUNT = env_int("KOZOMOL_LOCKOUT_PER_ACCOUNT", 5, minimum=1)
KOZOMOL_LOCKOUT_PER_ADDRESS = env_int("KOZOMOL_LOCKOUT_PER_ADDRESS", 30, minimum=1)
# Roles that can read personal data (admin, coordinator, caseworker) must use TOTP.
KOZOMOL_REQUIRE_2FA = env_bool("KOZOMOL_REQUIRE_2FA", default=True)

# Believe X-Forwarded-For (client addresses for the audit log, lockout and rate limits)
# only behind the deployment's own reverse proxy.
KOZOMOL_TRUST_PROXY = env_bool("KOZOMOL_TRUST_PROXY", default=env_bool("KOZOMOL_HTTPS"))
