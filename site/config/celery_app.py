"""The Celery application: ``celery -A config.celery_app worker`` (run from site/)."""

import os
import sys
from pathlib import Path

# site/ is a plain folder, not a package (``site`` is a standard-library module).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

from celery import Celery  # noqa: E402

app = Celery("leerplatform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
