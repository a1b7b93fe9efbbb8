from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured

from config.env import database_config, email_config, env_bool, redact


def test_without_database_url_the_embedded_sqlite_database_is_used(
    monkeypatch, tmp_path
):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_config(tmp_path / "var" / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(config["NAME"]).parent.is_dir()
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_a_postgres_url_configures_psycopg(monkeypatch, tmp_path):
    monkeypatch.setenv(
        "DATABASE_URL", "postgres://lp:geheim@db.local:5433/leerplatform"
    )
    config = database_config(tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == (
        "db.local",
        5433,
        "leerplatform",
    )


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("mysql://root@localhost/x", "wordt niet ondersteund"),
        ("postgres://lp@localhost:5432", "noemt geen database"),
        ("postgres://lp:geheim@localhost:notaport/x", "ongeldig"),
        ("nonsense", "wordt niet ondersteund"),
    ],
)
def test_a_bad_database_url_is_refused_in_one_line_without_the_password(
    monkeypatch, tmp_path, url, fragment
):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured) as error:
        database_config(tmp_path / "db.sqlite3")
    message = str(error.value)
    assert fragment in message
    assert "\n" not in message
    assert "geheim" not in message


def test_email_url_smtp_with_starttls_and_credentials(monkeypatch):
    monkeypatch.setenv(
        "EMAIL_URL", "smtp://post%40example.org:p%40ss@mail.local:587?tls=1"
    )
    config = email_config(default="outbox:")
    assert config == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.local",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "post@example.org",
        "EMAIL_HOST_PASSWORD": "p@ss",
        "EMAIL_USE_SSL": False,
        "EMAIL_USE_TLS": True,
    }


def test_email_url_defaults_to_the_local_outbox(monkeypatch):
    monkeypatch.delenv("EMAIL_URL", raising=False)
    assert email_config(default="outbox:") == {
        "EMAIL_BACKEND": "outbox.backends.OutboxEmailBackend"
    }


def test_smtps_means_implicit_tls_on_port_465(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtps://mail.local")
    config = email_config(default="outbox:")
    assert (config["EMAIL_PORT"], config["EMAIL_USE_SSL"]) == (465, True)


@pytest.mark.parametrize("url", ["pigeon://coop", "smtp://mail.local:99999", "smtp://"])
def test_a_bad_email_url_is_refused(monkeypatch, url):
    monkeypatch.setenv("EMAIL_URL", url)
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_config(default="outbox:")


def test_yes_no_variables_refuse_anything_else(monkeypatch):
    monkeypatch.setenv("REQUIRE_SERVICES", "misschien")
    with pytest.raises(ImproperlyConfigured, match="REQUIRE_SERVICES"):
        env_bool("REQUIRE_SERVICES")


def test_redact_hides_the_password_only():
    assert redact("postgres://lp:geheim@db:5432/x") == "postgres://lp:***@db:5432/x"
