"""MJML compile time of one edition against per-recipient personalisation.

Builds a realistic issue (headings, rich text, buttons, two-column blocks,
dividers) in a throwaway test database, then times:

- compiling the edition (Django templates + MJML + link placeholders), the work
  done once per issue and segment;
- personalising it for one recipient (placeholder substitution, signed
  unsubscribe and preference links, list headers, and, as every sent issue has
  them, a signed click link per link and the open pixel), the work done per
  message;
- building the complete message for one recipient as the SMTP path does (bytes),
  and, for comparison, through Django's EmailMessage (the path of other backends).

The target (../shared/DESIGN.md): personalisation at least 50x faster than a compile.

    .venv/bin/python bench/mjml_personalisation.py [--compiles 20] [--recipients 5000]

Uses DATABASE_URL when set (a test database is created next to it and dropped),
SQLite in memory otherwise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def body(blocks: int) -> list[dict]:
    text = (
        "<p>Vanaf maart verleng je reservaties <b>in één klik</b>. Bibliotheken die "
        "het uitprobeerden, zien minder telefoontjes aan de balie. Lees hoe je het "
        'aanzet in de <a href="https://www.example.org/handleiding?stap=2">'
        'handleiding</a> of bekijk de <a href="/nieuws/">nieuwsberichten</a>.</p>'
        "<ul><li>Verlengen in de app</li><li>Meldingen per e-mail</li>"
        "<li>Nieuwe filters in de catalogus</li></ul>"
    )
    column = {"image": None, "alt_text": "", "heading": "Tip van Bibliotheek Gent",
              "text": text, "link_label": "Lees het verhaal",
              "url": "https://www.example.org/verhalen/gent"}  # fmt: skip
    result = []
    for n in range(blocks):
        result += [
            {"type": "heading", "value": {"text": f"Nieuw in Wise, deel {n + 1}"}},
            {"type": "text", "value": {"text": text}},
            {"type": "button", "value": {"label": "Naar de release notes",
             "page": None, "url": f"https://www.example.org/release-notes/{n}"}},
            {"type": "columns", "value": {"left": column, "right": column}},
            {"type": "divider", "value": {}},
        ]  # fmt: skip
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compiles", type=int, default=20)
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--blocks", type=int, default=4)
    options = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        run(options)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(options) -> None:
    from newsletters import rendering, tracking
    from tests.newsletters.factories import NewsletterListFactory, make_issue

    newsletter = NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise")
    issue = make_issue(newsletter, body=body(options.blocks))

    compiles = []
    for _ in range(options.compiles):
        started = time.perf_counter()
        edition = rendering.compile_edition(issue)
        compiles.append(time.perf_counter() - started)

    recipients = [
        rendering.Recipient(n + 1, f"lezer{n}@example.org", newsletter.pk, n + 1)
        for n in range(options.recipients)
    ]
    # Link ids as a send stores them; no run is needed to sign tokens for them.
    tracker = tracking.MessageTracker(1, list(range(1, len(edition.links) + 1)))
    started = time.perf_counter()
    for recipient in recipients:
        rendering.personalise(edition, recipient, tracker=tracker)
    personalise = (time.perf_counter() - started) / len(recipients)

    started = time.perf_counter()
    for recipient in recipients:
        rendering.message_bytes(
            edition, recipient, "<bench@example.org>", tracker=tracker
        )
    full = (time.perf_counter() - started) / len(recipients)

    django_sample = recipients[: max(1, len(recipients) // 10)]
    started = time.perf_counter()
    for recipient in django_sample:
        rendering.build_message(edition, recipient).message().as_bytes()
    django_full = (time.perf_counter() - started) / len(django_sample)

    compile_time = statistics.median(compiles)
    size = len(rendering.message_bytes(edition, recipients[0], "<b@example.org>"))
    print(f"message size (SMTP bytes)           {size / 1024:8.1f} KB,"
          f" {len(edition.links)} tracked links")  # fmt: skip
    print(f"MJML compile, median of {options.compiles:<4}        "
          f"{compile_time * 1000:8.2f} ms")  # fmt: skip
    print(f"personalisation per recipient       {personalise * 1000:8.3f} ms")
    print(f"complete message per recipient      {full * 1000:8.3f} ms  (SMTP path)")
    print(f"  same through Django's EmailMessage {django_full * 1000:7.3f} ms")
    print(f"ratio compile / personalisation     {compile_time / personalise:8.0f}x"
          "  (target >= 50x)")  # fmt: skip
    print(f"ratio compile / complete message    {compile_time / full:8.0f}x")


if __name__ == "__main__":
    main()
