"""Settings for the pytest suite: the database from DATABASE_URL (SQLite by default)."""

from .base import *  # noqa: F403
from .base import env_str

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = env_str("CELERY_TASK_ALWAYS_EAGER", "1") == "1"
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "memory://")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = SITE_BASE_URL = "http://testserver"  # noqa: F405
# Tests that are about two-step verification turn it on themselves.
MFA_REQUIRED_FOR_PUBLISHERS = False

# A test that starts a real worker points its mail at an SMTP sink; every other
# test keeps the in-memory backend.
if env_str("TEST_EMAIL_URL"):
    from .base import email_config

    globals().update(email_config(default=env_str("TEST_EMAIL_URL")))

# Tests that run several workers share one real cache (the global send rate
# limit and the single-beat lock live there), as production does with Redis.
if env_str("TEST_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("TEST_CACHE_URL"),
            "KEY_PREFIX": env_str("TEST_CACHE_PREFIX", "leerplatform-test"),
        }
    }

# Live-server threads would otherwise keep their connections open after the tests,
# and PostgreSQL refuses to drop a test database that is still in use.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
