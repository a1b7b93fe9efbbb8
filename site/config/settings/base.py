"""Settings shared by every environment; what differs comes from the environment."""

import os
from pathlib import Path

from csp.constants import NONE, SELF

from django.utils.translation import gettext_lazy as _

from config.env import (
    database_config,
    email_config,
    env_bool,
    env_int,
    env_list,
    env_str,
    media_storage_config,
)

SITE_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SITE_DIR.parent
VAR_DIR = Path(env_str("LEERPLATFORM_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
# Old keys stay valid for checking signatures (password-reset links, signed newsletter
# links) while a new SECRET_KEY signs everything new; see docs/operations.md.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
SITE_BASE_URL = env_str("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_BASE_URL])

INSTALLED_APPS = [
    # Site shell and the service registry (site/)
    "services",
    "accounts",
    "home",
    "news",
    "search",
    "outbox",
    "operations",
    "demo",
    "analytics",
    # Domain apps (repository root)
    "courses",
    "release_notes",
    "newsletters",
    "themes",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.WagtailUsersWithProfileConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # ESP backends and their bounce/complaint webhooks (newsletters)
    "anymail",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "operations.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireMfaForPublishersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "analytics.middleware.ResponseStatusMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "services.context_processors.services_navigation",
            ],
        },
    },
]

DATABASES = {"default": database_config(VAR_DIR / "leerplatform.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "leerplatform",
        }
    }
else:
    # Shared by the web server and the worker, unlike local memory, so rate limits
    # hold across processes without Redis.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "leerplatform_cache",
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

# django-allauth: e-mail is the login, verified before first use; the same answers
# for known and unknown addresses; failed attempts rate-limited on the shared cache.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Leerplatform] "
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.ProfileSignupForm"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Leerplatform"
# Publishers and senders must set up TOTP before they can use the admin.
MFA_REQUIRED_FOR_PUBLISHERS = env_bool("MFA_REQUIRED_FOR_PUBLISHERS", True)
# Permissions (besides publishing pages) that also require two-step verification.
MFA_REQUIRED_PERMISSIONS: list[str] = []

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploads on local disk, or in an S3-compatible bucket with MEDIA_S3_BUCKET.
STORAGES = {
    "default": media_storage_config(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: EMAIL_URL picks the transport; the local outbox by default, so nothing
# leaves the machine until an operator points it at an SMTP server.
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Leerplatform <leerplatform@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
globals().update(email_config(default="outbox:"))

# Celery: an embedded filesystem broker by default, so `make run` needs no service.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _folder in ("queue", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    # Tasks are short; an hour is far above any task's run time, so a task is
    # redelivered only when its worker really died.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ACKS_LATE = True
# Mass sending gets its own queue, so a large send never delays heartbeats,
# notifications or scheduled publishing; a worker can serve both (-Q celery,sending).
CELERY_TASK_ROUTES = {
    "newsletters.tasks.send_chunk_task": {"queue": "sending"},
    "newsletters.tasks.freeze_audience_task": {"queue": "sending"},
    "newsletters.tasks.send_test_task": {"queue": "sending"},
}
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "operations-heartbeat": {
        "task": "operations.tasks.record_heartbeat",
        "schedule": 60.0,
        "kwargs": {"process": "beat"},
    },
    "outbox-purge": {
        "task": "outbox.tasks.purge_outbox",
        "schedule": 24 * 3600.0,
    },
    # Release notes go public on their production date; outage banners are told.
    "release-notes-schedule": {
        "task": "release_notes.tasks.run_schedule",
        "schedule": 60.0,
    },
    # Newsletter sends: start scheduled runs, recover rows of dead workers.
    "newsletters-sending": {
        "task": "newsletters.tasks.sweep_sending_task",
        "schedule": 60.0,
    },
    # Hourly, so a beat that was down on the review day still starts it later.
    "newsletters-preference-review": {
        "task": "newsletters.tasks.preference_review_task",
        "schedule": 3600.0,
    },
    # Website indicators: buffered page views into the daily aggregates.
    "analytics-flush": {
        "task": "analytics.tasks.flush_page_views",
        "schedule": 60.0,
    },
    # Opens and clicks: buffered hits to events and counters, in batches.
    "newsletters-tracking-flush": {
        "task": "newsletters.tasks.flush_tracking_task",
        "schedule": 10.0,
    },
    "newsletters-delivery-tallies": {
        "task": "newsletters.tasks.refresh_delivery_tallies_task",
        "schedule": 600.0,
    },
    # Bounce messages (DSN) and complaints (ARF) in NEWSLETTER_BOUNCE_MAILBOX_URL.
    "newsletters-bounces": {
        "task": "newsletters.tasks.process_bounce_mailbox_task",
        "schedule": 600.0,
    },
}
# One beat per installation: each beat holds a lease in the shared cache and a
# second one waits on standby (operations/single_beat.py).
BEAT_LEASE_SECONDS = env_int("BEAT_LEASE_SECONDS", 60)
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 30)

# Newsletters. Addresses are found by a keyed hash; the key is separate from
# SECRET_KEY so that rotating SECRET_KEY never loses subscribers or lifts a
# suppression (production requires it).
NEWSLETTER_FINGERPRINT_KEY = env_str("NEWSLETTER_FINGERPRINT_KEY")
NEWSLETTER_UNSUBSCRIBE_ADDRESS = env_str("NEWSLETTER_UNSUBSCRIBE_ADDRESS")
NEWSLETTER_UNSUBSCRIBE_MAILBOX_URL = env_str("NEWSLETTER_UNSUBSCRIBE_MAILBOX_URL")
# Only behind a proxy that sets X-Forwarded-For itself; else clients could pick
# their own address and escape the per-client rate limit.
NEWSLETTER_TRUST_X_FORWARDED_FOR = env_bool("NEWSLETTER_TRUST_X_FORWARDED_FOR", False)
# Messages per second for all workers together (0 = no limit): the receiving
# servers, not our workers, decide how fast a list can go out without greylisting.
NEWSLETTER_SEND_RATE = env_int("NEWSLETTER_SEND_RATE", 200)
NEWSLETTER_CHUNK_SIZE = env_int("NEWSLETTER_CHUNK_SIZE", 200)
NEWSLETTER_PARALLEL_CHUNKS = env_int("NEWSLETTER_PARALLEL_CHUNKS", 4)
# The yearly "are these still the newsletters you want?" mail to every subscriber.
NEWSLETTER_REVIEW_MONTH = env_int("NEWSLETTER_REVIEW_MONTH", 1)
NEWSLETTER_REVIEW_DAY = env_int("NEWSLETTER_REVIEW_DAY", 15)
# Open and click tracking. Hits are buffered in Redis (REDIS_URL unless set apart);
# tokens are signed with their own key (SECRET_KEY by default), and old keys stay
# accepted for verification so that links already sent keep working after rotation.
NEWSLETTER_TRACKING_REDIS_URL = env_str("NEWSLETTER_TRACKING_REDIS_URL", REDIS_URL)
NEWSLETTER_TRACKING_KEY = env_str("NEWSLETTER_TRACKING_KEY")
NEWSLETTER_TRACKING_KEY_FALLBACKS = [
    key for key in env_str("NEWSLETTER_TRACKING_KEY_FALLBACKS").split(",") if key
]
NEWSLETTER_TRACKING_MAX_AGE_DAYS = env_int("NEWSLETTER_TRACKING_MAX_AGE_DAYS", 400)
NEWSLETTER_TRACKING_PREFIX = env_str(
    "NEWSLETTER_TRACKING_PREFIX", "leerplatform:tracking"
)
# Newsletter backends and bounces. NEWSLETTER_EMAIL_BACKEND picks the backend that
# sends issues (default: EMAIL_BACKEND), e.g. anymail.backends.mailgun.EmailBackend;
# anymail's settings come from ANYMAIL_* variables (ANYMAIL_MAILGUN_API_KEY,
# ANYMAIL_WEBHOOK_SECRET, ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY, …).
NEWSLETTER_EMAIL_BACKEND = env_str("NEWSLETTER_EMAIL_BACKEND")
ANYMAIL = {
    _name.removeprefix("ANYMAIL_"): _value
    for _name, _value in os.environ.items()
    if _name.startswith("ANYMAIL_")
}
# VERP: the envelope sender becomes bounces+<delivery reference>@domain.
NEWSLETTER_BOUNCE_ADDRESS = env_str("NEWSLETTER_BOUNCE_ADDRESS")
NEWSLETTER_BOUNCE_MAILBOX_URL = env_str("NEWSLETTER_BOUNCE_MAILBOX_URL")
NEWSLETTER_SOFT_BOUNCE_LIMIT = env_int("NEWSLETTER_SOFT_BOUNCE_LIMIT", 3)
# DKIM: a PEM private key (the key itself or a path to it), its selector and domain.
NEWSLETTER_DKIM_PRIVATE_KEY = env_str("NEWSLETTER_DKIM_PRIVATE_KEY")
NEWSLETTER_DKIM_SELECTOR = env_str("NEWSLETTER_DKIM_SELECTOR")
NEWSLETTER_DKIM_DOMAIN = env_str("NEWSLETTER_DKIM_DOMAIN")
# Release notes and known bugs notify their lists through the newsletter pipeline.
RELEASE_NOTES_NOTIFICATION_SENDER = "newsletters.notifications.release_notes_sender"

WAGTAIL_SITE_NAME = "Leerplatform"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth owns password resets
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl-be", "Nederlands"), ("en", "English")]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILDOCS_EXTENSIONS = [
    *["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "zip"],
    *["mp4", "webm"],  # webinar recordings served from the site itself
]
# Large enough for a two-hour recorded session.
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 1024) * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No avatars fetched from a third party: the admin leaks nothing about its users.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "operations.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
        "json": {"()": "operations.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_str("LOG_FORMAT", "plain"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# The public site runs no inline script or style, so the policy can be strict. The
# Wagtail admin relies on inline scripts and is left to its own protections.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *env_list("CSP_FRAME_HOSTS", [])],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

REQUIRE_SERVICES = env_bool("REQUIRE_SERVICES", False)

# Website indicators (site/analytics): hits are buffered in this Redis; without one
# nothing is counted. X-Forwarded-For only behind a proxy that sets it itself.
ANALYTICS_REDIS_URL = env_str("ANALYTICS_REDIS_URL", REDIS_URL or "")
ANALYTICS_TRUST_X_FORWARDED_FOR = env_bool("ANALYTICS_TRUST_X_FORWARDED_FOR", False)

# Optional error reporting (config/error_reporting.py): off unless SENTRY_DSN is set.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    from config.error_reporting import configure as _configure_error_reporting

    _configure_error_reporting(
        SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE"),
    )
