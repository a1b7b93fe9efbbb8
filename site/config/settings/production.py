"""Production settings: refuses to start without real keys and an https address."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    NEWSLETTER_FINGERPRINT_KEY,
    SECRET_KEY,
    SITE_BASE_URL,
    env_bool,
    env_int,
)

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY ontbreekt of is te kort (minstens 50 tekens): zet de "
        "omgevingsvariabele SECRET_KEY voor de productie-instellingen."
    )

if len(NEWSLETTER_FINGERPRINT_KEY) < 32:
    raise ImproperlyConfigured(
        "NEWSLETTER_FINGERPRINT_KEY ontbreekt of is te kort (minstens 32 tekens): "
        "die sleutel vindt abonnees terug en mag nooit veranderen."
    )

DEBUG = False
STORAGES = {
    "default": STORAGES["default"],  # noqa: F405  (local disk or S3, see base)
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
if not SITE_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured(
        f"SITE_BASE_URL={SITE_BASE_URL!r}: in productie moet de site via https "
        "bereikbaar zijn."
    )
# Wagtail's live preview and the outbox viewer frame the site's own pages, which
# needs SAMEORIGIN rather than DENY; other origins stay refused.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
