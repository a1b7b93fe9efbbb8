import os
import sys
from pathlib import Path

# site/ is a plain folder, not a package (``site`` is a standard-library module).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()
