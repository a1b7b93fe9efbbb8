"""The Celery app for sending tests' worker subprocesses: the site's app with every
task on the test's own queue, so tasks that tasks enqueue stay there (whatever
routing the settings give the sending tasks in production)."""

import os

from django.conf import settings

from config.celery_app import app

app.conf.task_default_queue = os.environ["NEWSLETTER_TEST_QUEUE"]
app.conf.task_routes = {}
# Retries in seconds rather than minutes, so a fault test can wait for them.
if "NEWSLETTER_TEST_RETRY_BASE_SECONDS" in os.environ:
    settings.NEWSLETTER_RETRY_BASE_SECONDS = int(
        os.environ["NEWSLETTER_TEST_RETRY_BASE_SECONDS"]
    )

__all__ = ["app"]
