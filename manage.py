#!/usr/bin/env python
"""Django's command-line utility for the Leerplatform."""

import os
import sys
from pathlib import Path

# site/ is a plain folder, not a package (``site`` is a standard-library module).
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main() -> None:
    from config.startup import describe_startup_error

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except Exception as exc:
        message = describe_startup_error(exc)
        if message is None:
            raise
        sys.stderr.write(message + "\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
