"""Reading configuration from the environment, with errors a person can act on.

Every setting that differs between machines comes from an environment variable (see
README). A malformed value raises ``ImproperlyConfigured`` with one line naming the
variable; ``manage.py`` and the WSGI/Celery entry points print that line and stop.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

SUPPORTED_DATABASES = ("sqlite", "postgres", "postgresql", "pgsql")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on", "ja"):
        return True
    if value in ("0", "false", "no", "off", "nee"):
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is geen geldige ja/nee-waarde (1 of 0)."
    )


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is geen geheel getal.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env_str(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def redact(url: str) -> str:
    """Return ``url`` with any password replaced, for error messages and logs."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


def database_config(default_sqlite_path: Path) -> dict:
    """The ``DATABASES['default']`` entry for ``DATABASE_URL`` (SQLite when unset)."""
    url = env_str("DATABASE_URL")
    if not url:
        default_sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{default_sqlite_path}"
    scheme = urlsplit(url).scheme.split("+")[0]
    if scheme not in SUPPORTED_DATABASES:
        raise ImproperlyConfigured(
            f"DATABASE_URL={redact(url)!r} wordt niet ondersteund: "
            "gebruik postgres://gebruiker@host:5432/naam of sqlite:///pad.sqlite3."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several unrelated types
        raise ImproperlyConfigured(
            f"DATABASE_URL={redact(url)!r} is ongeldig: {exc}"
        ) from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # The embedded default is shared by the web server and the Celery worker:
        # WAL and immediate transactions keep concurrent writers from failing.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    elif not config.get("NAME"):
        raise ImproperlyConfigured(
            f"DATABASE_URL={redact(url)!r} noemt geen database (…/naam op het einde)."
        )
    return config


EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "submission": "django.core.mail.backends.smtp.EmailBackend",
    "outbox": "outbox.backends.OutboxEmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}


def email_config(default: str) -> dict:
    """Django e-mail settings for ``EMAIL_URL``.

    ``smtp://user:pass@host:25``, ``smtp://host:587?tls=1``, ``smtps://host:465``
    (implicit TLS), ``outbox:`` (the admin's local outbox), ``console:``, ``locmem:``.
    """
    url = env_str("EMAIL_URL", default)
    parts = urlsplit(url)
    backend = EMAIL_BACKENDS.get(parts.scheme)
    if backend is None:
        raise ImproperlyConfigured(
            f"EMAIL_URL={redact(url)!r}: onbekend schema {parts.scheme!r}; "
            f"kies uit {', '.join(sorted(EMAIL_BACKENDS))}."
        )
    config = {"EMAIL_BACKEND": backend}
    if parts.scheme in ("smtp", "smtps", "submission"):
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(
                f"EMAIL_URL={redact(url)!r} heeft een ongeldige poort."
            ) from None
        if not parts.hostname:
            raise ImproperlyConfigured(f"EMAIL_URL={redact(url)!r} noemt geen host.")
        default_port = {"smtps": 465, "submission": 587}.get(parts.scheme, 25)
        config.update(
            EMAIL_HOST=parts.hostname,
            EMAIL_PORT=port or default_port,
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=parts.scheme == "smtps" or options.get("ssl") == "1",
            EMAIL_USE_TLS=parts.scheme == "submission" or options.get("tls") == "1",
        )
    return config


def media_storage_config() -> dict:
    """The ``default`` entry of ``STORAGES``: uploads on local disk in ``MEDIA_ROOT``,
    or, with ``MEDIA_S3_BUCKET`` set, in an S3-compatible bucket (AWS, MinIO, Ceph,
    …; ``MEDIA_S3_ENDPOINT_URL`` for anything but AWS)."""
    bucket = env_str("MEDIA_S3_BUCKET")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    endpoint = env_str("MEDIA_S3_ENDPOINT_URL")
    if endpoint and urlsplit(endpoint).scheme not in ("http", "https"):
        raise ImproperlyConfigured(
            f"MEDIA_S3_ENDPOINT_URL={endpoint!r} moet met http:// of https:// beginnen."
        )
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": env_str("MEDIA_S3_REGION") or None,
        # Empty: boto3 finds credentials itself (instance role, ~/.aws).
        "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY") or None,
        "location": env_str("MEDIA_S3_PREFIX"),
        "custom_domain": env_str("MEDIA_S3_CUSTOM_DOMAIN") or None,
        # A private bucket: links to uploads are signed and expire, so restricted
        # documents cannot be passed around for ever.
        "querystring_auth": env_bool("MEDIA_S3_SIGNED_URLS", True),
        "querystring_expire": env_int("MEDIA_S3_URL_SECONDS", 3600),
        "default_acl": None,
        "file_overwrite": False,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
