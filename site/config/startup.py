"""Turn configuration errors at start-up into one line a person can act on."""

from __future__ import annotations


def describe_startup_error(exc: BaseException) -> str | None:
    """One line for an error a person can fix by configuration, else ``None``."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db import OperationalError

    if isinstance(exc, ImproperlyConfigured):
        return f"Configuratiefout: {exc}"
    if isinstance(exc, OperationalError):
        from config.env import env_str, redact

        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        url = redact(env_str("DATABASE_URL", "sqlite (standaard)"))
        return f"Database niet bereikbaar (DATABASE_URL={url}): {reason}"
    return None
