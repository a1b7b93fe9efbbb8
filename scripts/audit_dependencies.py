#!/usr/bin/env python3
"""`make audit` (part of `make test`): known vulnerabilities in the installed
dependencies, by pip-audit against the package registry's vulnerability data.

- A vulnerability found: listed with its fix versions, exit 1 (raise the range in
  pyproject.toml).
- Packages pip-audit could not check (the registry gave no data for that version,
  or could not be reached): said plainly, with the count, never reported as clean.
  That is a warning (exit 0) unless AUDIT_REQUIRED=1, which makes it an error, for
  machines that do reach the registry's vulnerability data.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

OWN_PACKAGE = "leerplatform"


def main() -> int:
    pip_audit = os.environ.get("PIP_AUDIT") or Path(sys.executable).with_name(
        "pip-audit"
    )
    command = [str(pip_audit), "--format", "json", "--progress-spinner", "off"]
    done = subprocess.run(command, capture_output=True, text=True)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        print("audit: FOUT pip-audit gaf geen resultaat; kwetsbaarheden NIET "
              "gecontroleerd.")  # fmt: skip
        print(done.stderr.strip()[-2000:])
        return 1 if os.environ.get("AUDIT_REQUIRED") == "1" else 0

    dependencies = [
        d for d in report.get("dependencies", []) if d["name"] != OWN_PACKAGE
    ]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    unchecked = [d for d in dependencies if "skip_reason" in d]
    checked = len(dependencies) - len(unchecked)

    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "geen"
            print(f"audit: KWETSBAAR {dependency['name']} {dependency['version']}: "
                  f"{vuln['id']} (opgelost in: {fixes})")  # fmt: skip
    if vulnerable:
        print(f"audit: FOUT {len(vulnerable)} pakket(ten) met een gekende "
              "kwetsbaarheid: verhoog de versie in pyproject.toml.")  # fmt: skip
        return 1

    if unchecked:
        reasons = {d["skip_reason"].split(":")[0] for d in unchecked}
        print(f"audit: LET OP {len(unchecked)} van {len(dependencies)} pakketten "
              f"NIET gecontroleerd: {'; '.join(sorted(reasons))}.")  # fmt: skip
        print("audit:        De pakketbron gaf voor die versies geen "
              "kwetsbaarheidsgegevens; dit is geen bewijs dat ze veilig zijn. "
              "Zie docs/operations.md, 'Dependency audit'.")  # fmt: skip
        if os.environ.get("AUDIT_REQUIRED") == "1":
            return 1
        if checked:
            print(f"audit: {checked} pakketten gecontroleerd: geen gekende "
                  "kwetsbaarheid.")  # fmt: skip
        return 0

    print(f"audit: OK {checked} pakketten gecontroleerd: geen gekende kwetsbaarheid.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
