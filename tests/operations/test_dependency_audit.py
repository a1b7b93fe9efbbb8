"""The dependency audit fails on a known vulnerability and never reports packages
it could not check as clean. pip-audit's answers are given by a stand-in
executable (the edge: the registry's vulnerability data)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def audit(tmp_path, report: dict, **env) -> subprocess.CompletedProcess:
    stand_in = tmp_path / "pip-audit"
    stand_in.write_text(f"#!/bin/sh\ncat <<'JSON'\n{json.dumps(report)}\nJSON\n")
    stand_in.chmod(0o755)
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "audit_dependencies.py")],
        env=os.environ | {"PIP_AUDIT": str(stand_in)} | env,
        capture_output=True,
        text=True,
    )


def dependency(name, version="1.0", vulns=(), skip=None):
    entry = {"name": name, "version": version}
    if skip:
        entry["skip_reason"] = skip
    else:
        entry["vulns"] = list(vulns)
    return entry


def test_a_known_vulnerability_fails_the_audit_with_the_fixed_versions(tmp_path):
    vulnerability = {"id": "PYSEC-2025-1", "fix_versions": ["5.2.2"]}
    report = {
        "dependencies": [
            dependency("django", "5.2.1", [vulnerability]),
            dependency("wagtail", "8.0.1"),
        ]
    }

    done = audit(tmp_path, report)

    assert done.returncode == 1
    assert "KWETSBAAR django 5.2.1: PYSEC-2025-1 (opgelost in: 5.2.2)" in done.stdout


def test_packages_that_could_not_be_checked_are_said_so_and_not_called_clean(tmp_path):
    missing = "Dependency not found on PyPI and could not be audited: x (1.0)"
    report = {"dependencies": [
        dependency("django", skip=missing), dependency("wagtail", skip=missing),
        dependency("leerplatform", skip=missing),
    ]}  # fmt: skip

    done = audit(tmp_path, report)

    assert done.returncode == 0
    assert "2 van 2 pakketten NIET gecontroleerd" in done.stdout
    assert "OK" not in done.stdout
    assert audit(tmp_path, report, AUDIT_REQUIRED="1").returncode == 1


def test_a_clean_audit_says_how_many_packages_it_checked(tmp_path):
    report = {"dependencies": [dependency("django"), dependency("wagtail")]}

    done = audit(tmp_path, report)

    assert done.returncode == 0
    assert "audit: OK 2 pakketten gecontroleerd" in done.stdout
