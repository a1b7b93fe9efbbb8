"""Bad configuration stops the entry points with one clear line, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LONG_KEY = "k" * 64


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in (
            "DATABASE_URL",
            "SECRET_KEY",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_clear_line(result, fragment):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0]


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="config.settings.production")
    assert_one_clear_line(result, "SECRET_KEY")


def test_a_malformed_database_url_gives_one_line():
    result = manage("check", DATABASE_URL="mysql://root@localhost/leerplatform")
    assert_one_clear_line(result, "DATABASE_URL")


def test_an_unreachable_database_gives_one_line(tmp_path):
    result = manage(
        "migrate", DATABASE_URL="postgres://nobody@127.0.0.1:1/leerplatform"
    )
    assert_one_clear_line(result, "Database niet bereikbaar")


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=LONG_KEY + "-Zq8!xW3#",
        NEWSLETTER_FINGERPRINT_KEY="f" * 40,
        SITE_BASE_URL="https://leerplatform.example.org",
        ALLOWED_HOSTS="leerplatform.example.org",
        LEERPLATFORM_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_fingerprint_key():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=LONG_KEY,
        SITE_BASE_URL="https://leerplatform.example.org",
    )
    assert_one_clear_line(result, "NEWSLETTER_FINGERPRINT_KEY")
