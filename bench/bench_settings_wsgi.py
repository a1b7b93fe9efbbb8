"""WSGI entry point of the tracking benchmark's server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
application = get_wsgi_application()
