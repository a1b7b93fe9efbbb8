"""Settings of the throwaway Django project that runs django-newsletter for
``bench/sending.py``: SQLite in the bench folder, SMTP to the bench's sink, and
django-newsletter's own throttling switched off so it sends as fast as it can."""

import os
from pathlib import Path

VAR = Path(os.environ["DN_BENCH_VAR"])
SECRET_KEY = "bench-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
SITE_ID = 1
ROOT_URLCONF = "urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "sorl.thumbnail",
    "newsletter",
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR / "dn.sqlite3"}
}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": []},
    }
]
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["DN_BENCH_SMTP_PORT"])
DEFAULT_FROM_EMAIL = "nieuwsbrieven@example.org"
NEWSLETTER_THUMBNAIL = "sorl-thumbnail"  # only used for article images (none here)
NEWSLETTER_USE_HTTPS = True
NEWSLETTER_EMAIL_DELAY = 0
NEWSLETTER_BATCH_SIZE = 0
NEWSLETTER_BATCH_DELAY = 0
