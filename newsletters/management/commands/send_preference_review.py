"""Start the yearly preference review by hand (beat starts it on its day anyway)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from newsletters import review


class Command(BaseCommand):
    help = (
        "Stuurt de jaarlijkse voorkeurencheck naar iedereen die op minstens één "
        "nieuwsbrief staat (één keer per jaar; een tweede keer verstuurt niets)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="jaar (standaard: dit jaar)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="toon alleen hoeveel mensen de mail zouden krijgen",
        )

    def handle(self, *args, year=None, dry_run=False, **options):
        this_year = timezone.localdate().year
        year = year or this_year
        if not this_year - 1 <= year <= this_year:
            raise CommandError(
                f"De voorkeurencheck kan alleen voor {this_year - 1} of {this_year}."
            )
        earlier = review.review_of(year)
        if earlier is not None:
            self.stdout.write(
                f"De voorkeurencheck van {year} is al gestart op "
                f"{timezone.localtime(earlier.created_at):%d-%m-%Y %H:%M} "
                f"({earlier.get_status_display()}); er wordt niets opnieuw verstuurd."
            )
            return
        size = review.audience_size()
        if dry_run:
            self.stdout.write(
                f"De voorkeurencheck van {year} zou naar {size} mensen gaan."
            )
            return
        run = review.start_review(year)
        self.stdout.write(
            self.style.SUCCESS(
                f"Voorkeurencheck van {year} gestart (verzending {run.pk}) voor "
                f"ongeveer {size} mensen; de workers versturen hem."
            )
        )
