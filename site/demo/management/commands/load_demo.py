"""``manage.py load_demo --scale small|seed|large``: realistic Dutch demo content.

Idempotent: everything is keyed by slug, name or e-mail address, and what exists is
left as it is, so a second run creates, changes and publishes nothing.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from demo.loaders.analytics import load_analytics
from demo.loaders.courses import load_courses
from demo.loaders.editor import EDITOR_EMAIL, editor_password, load_demo_editor
from demo.loaders.news import ensure_news_index, load_news
from demo.loaders.newsletter_issues import load_newsletter_issues
from demo.loaders.permissions import load_groups
from demo.loaders.release_notes import load_release_notes
from demo.loaders.services import load_service_pages, load_services
from demo.loaders.standard_pages import load_standard_pages
from demo.loaders.subscribers import load_subscribers
from demo.scales import DEFAULT_SCALE, SCALES
from home.models import HomePage

# Wagtail and the task runner log every page save; at hundreds of pages that
# drowns the progress lines.
CHATTY_LOGGERS = ("wagtail", "django_tasks")


@contextmanager
def _quiet(logger_names, enabled: bool):
    loggers = [logging.getLogger(name) for name in logger_names]
    levels = [logger.level for logger in loggers]
    if enabled:
        for logger in loggers:
            logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Laadt demo-inhoud: diensten met hun dienstpagina, nieuws, standaardpagina's, "
        "redactiegroepen en een demo-redacteur. Opnieuw uitvoeren verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=list(SCALES),
            default=DEFAULT_SCALE,
            help=(
                "small: alleen handgeschreven nieuws; seed: de echte schaal van 2022 "
                "(73 nieuwsberichten); large: tien keer seed. Standaard: "
                f"{DEFAULT_SCALE}."
            ),
        )

    def handle(self, *args, scale: str, verbosity: int = 1, **options):
        self.verbosity = verbosity
        self._check_migrated()
        chosen = SCALES[scale]
        # Each section reads the home page afresh: treebeard derives a new child's
        # tree path from the parent's in-memory child count.
        with _quiet(CHATTY_LOGGERS, enabled=verbosity < 2):
            self._section("Diensten", load_services)
            self._section(
                "Dienstpagina's", lambda: load_service_pages(self._home_page())
            )
            self._section(
                "Standaardpagina's", lambda: load_standard_pages(self._home_page())
            )
            with transaction.atomic():
                index, index_result = ensure_news_index(self._home_page())
            self._report("Nieuwsoverzicht", index_result)
            self._section(
                "Nieuwsberichten", lambda: load_news(index, chosen, self._progress)
            )
            self._section("Leeraanbod", lambda: load_courses(scale))
            self._section("Redactiegroepen", load_groups)
            self._section(
                "Release notes, gekende bugs en meldingen",
                lambda: load_release_notes(chosen.name),
            )
            self._section("Nieuwsbrieven", lambda: load_subscribers(chosen))
            self._section("Website-indicatoren", load_analytics)
            self._section(
                "Nieuwsbriefedities, verzendingen en metingen",
                lambda: load_newsletter_issues(self._home_page(), chosen.name),
            )
            with transaction.atomic():
                editor, _created = load_demo_editor()
        self._refresh_statistics()
        self._report_editor(editor)

    def _refresh_statistics(self) -> None:
        # After a bulk load PostgreSQL's planner still assumes near-empty tables
        # until autovacuum catches up, and picks plans that are 30x slower.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _check_migrated(self) -> None:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(
                "De database is nog niet (volledig) gemigreerd. Voer eerst "
                "'python manage.py migrate' uit en probeer dan opnieuw."
            )

    def _home_page(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            raise CommandError(
                "Er is geen startpagina. Die maakt de migratie home/0003 aan; "
                "controleer of 'python manage.py migrate' volledig is gelopen."
            )
        return home

    def _section(self, label: str, load) -> None:
        with transaction.atomic():
            result = load()
        self._report(label, result)

    def _report(self, label: str, result) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"{label}: {result}")

    def _progress(self, done: int, total: int) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  nieuwsberichten {done}/{total}")

    def _report_editor(self, editor) -> None:
        admin_url = f"{settings.SITE_BASE_URL}/admin/"
        # The hasher function, unlike User.check_password, never rewrites the hash.
        if check_password(editor_password(), editor.password):
            login = f"{EDITOR_EMAIL} / {editor_password()}"
        else:
            login = f"{EDITOR_EMAIL} (met het wachtwoord dat eerder werd ingesteld)"
        self.stdout.write(
            self.style.SUCCESS(f"Demo-redacteur: {login}  →  {admin_url}")
        )
