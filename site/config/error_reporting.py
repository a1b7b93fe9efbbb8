"""Optional error reporting: with ``SENTRY_DSN`` set, unhandled errors of the web
processes and failed Celery tasks are sent to that Sentry (or compatible, e.g.
GlitchTip) server. Without it nothing is initialised and nothing leaves the machine.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def configure(dsn: str, environment: str, release: str = "") -> bool:
    """Initialise sentry-sdk for ``dsn``; False (and nothing done) when it is empty."""
    if not dsn:
        return False
    parts = urlsplit(dsn)
    if parts.scheme not in ("http", "https") or not parts.username or not parts.path:
        raise ImproperlyConfigured(
            "SENTRY_DSN is geen geldige DSN (verwacht https://sleutel@host/project)."
        )
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        # Learners' and subscribers' data stay here: no cookies, users, bodies
        # or IP addresses in reports, and no performance tracing.
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=0,
    )
    return True
