"""Settings of the tracking benchmark: the development settings without debug,
with the no-op views of ``bench_urls`` beside the site's."""

from config.settings.dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
