"""Importing subscribers from CSV, and exporting a list as CSV.

An import only adds: new subscribers and new confirmed subscriptions for rows that
state where the consent came from. It never resubscribes someone who unsubscribed,
never touches a suppressed address, and never changes a known subscriber's details,
so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsletters.addresses import address_fingerprint, normalise_address
from newsletters.models import (
    ConsentRecord,
    ImportRun,
    NewsletterList,
    Subscriber,
    Subscription,
)
from services.choices import Werkveld

COLUMNS = [
    "e-mail",
    "naam",
    "organisatie",
    "werkveld",
    "lijsten",
    "toestemming_bron",
    "toestemming_datum",
]
# Headers as people write them in a spreadsheet, mapped to the columns above.
ALIASES = {
    "email": "e-mail",
    "e-mailadres": "e-mail",
    "emailadres": "e-mail",
    "name": "naam",
    "organisation": "organisatie",
    "organization": "organisatie",
    "lists": "lijsten",
    "lijst": "lijsten",
    "consent_source": "toestemming_bron",
    "consent source": "toestemming_bron",
    "toestemming bron": "toestemming_bron",
    "consent_date": "toestemming_datum",
    "consent date": "toestemming_datum",
    "toestemming datum": "toestemming_datum",
}
MAX_ROWS = 100_000
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, missing columns, too big)."""


@dataclass
class ImportReport:
    rows: int = 0
    subscribers_created: int = 0
    subscriptions_created: int = 0
    unchanged: int = 0
    rejected: list[tuple[dict, str]] = field(default_factory=list)

    def rejected_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["rij", *COLUMNS, "reden"])
        for row, reason in self.rejected:
            cells = [row.get("_line", ""), *(row.get(c, "") for c in COLUMNS), reason]
            writer.writerow([safe_cell(cell) for cell in cells])
        return buffer.getvalue()


def safe_cell(value) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _decode(data: bytes) -> str:
    # Spreadsheets in Belgium save as UTF-8 (with a BOM) or as Windows-1252.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("Het bestand is geen tekstbestand (CSV)."))


def read_rows(text: str) -> Iterator[dict]:
    """The rows of a CSV text as dictionaries keyed by the standard columns."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(_("Het bestand is leeg.")) from None
    columns = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    missing = {"e-mail", "lijsten", "toestemming_bron"} - set(columns)
    if missing:
        raise ImportFileError(
            _("Deze kolommen ontbreken: %(columns)s.")
            % {"columns": ", ".join(sorted(missing))}
        )
    for line, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        row = dict.fromkeys(COLUMNS, "")
        for column, value in zip(columns, values, strict=False):
            if column in row:
                row[column] = value.strip()
        row["_line"] = line
        yield row


def _werkveld(value: str) -> str | None:
    if not value:
        return ""
    wanted = value.strip().lower()
    for choice in Werkveld:
        if wanted in (choice.value, str(choice.label).lower()):
            return choice.value
    return None


def _consent_date(value: str) -> datetime | None:
    for date_format in DATE_FORMATS:
        try:
            day = datetime.strptime(value, date_format).date()
        except ValueError:
            continue
        return timezone.make_aware(datetime.combine(day, time(12)))
    return None


@dataclass
class _ValidRow:
    email: str
    fingerprint: str
    newsletters: list[NewsletterList]
    werkveld: str
    name: str
    organisation: str
    consent_source: str
    consented_at: datetime
    raw: dict


def _validate(row: dict, lists_by_slug: dict[str, NewsletterList]):
    """A ``_ValidRow`` or the reason the row is refused."""
    email = normalise_address(row["e-mail"])
    try:
        validate_email(email)
    except ValidationError:
        return _("ongeldig e-mailadres")
    if not row["toestemming_bron"]:
        return _("geen bron van toestemming: zonder toestemming importeren we niets")
    consented_at = _consent_date(row["toestemming_datum"])
    if consented_at is None:
        return _("ongeldige of ontbrekende toestemmingsdatum (jjjj-mm-dd)")
    if consented_at.date() > date.today():
        return _("toestemmingsdatum in de toekomst")
    slugs = [s.strip().lower() for s in row["lijsten"].replace(",", "|").split("|")]
    slugs = [s for s in slugs if s]
    if not slugs:
        return _("geen lijst opgegeven")
    unknown = [s for s in slugs if s not in lists_by_slug]
    if unknown:
        return _("onbekende lijst: %(slugs)s") % {"slugs": ", ".join(unknown)}
    werkveld = _werkveld(row["werkveld"])
    if werkveld is None:
        return _("onbekend werkveld: %(value)s") % {"value": row["werkveld"]}
    return _ValidRow(
        email=email,
        fingerprint=address_fingerprint(email),
        newsletters=[lists_by_slug[s] for s in dict.fromkeys(slugs)],
        werkveld=werkveld,
        name=row["naam"][:150],
        organisation=row["organisatie"][:200],
        consent_source=row["toestemming_bron"][:300],
        consented_at=consented_at,
        raw=row,
    )


def _suppression_reason(subscriber: Subscriber) -> str:
    return _(
        "adres geblokkeerd (%(reason)s): alleen opnieuw via een eigen inschrijving "
        "met bevestiging"
    ) % {"reason": subscriber.get_suppression_reason_display().lower()}


@transaction.atomic
def import_rows(rows: Iterable[dict]) -> ImportReport:
    """Import validated rows; every refused row is reported with its reason."""
    report = ImportReport()
    lists_by_slug = {n.slug: n for n in NewsletterList.objects.all()}
    valid: list[_ValidRow] = []
    seen: set[str] = set()
    for row in rows:
        report.rows += 1
        if report.rows > MAX_ROWS:
            raise ImportFileError(
                _("Meer dan %(max)d rijen: splits het bestand.") % {"max": MAX_ROWS}
            )
        result = _validate(row, lists_by_slug)
        if isinstance(result, str):
            report.rejected.append((row, result))
        elif result.fingerprint in seen:
            report.rejected.append((row, _("dubbel adres in dit bestand")))
        else:
            seen.add(result.fingerprint)
            valid.append(result)

    known = {
        subscriber.email_fingerprint: subscriber
        for subscriber in Subscriber.objects.select_for_update().filter(
            email_fingerprint__in=[v.fingerprint for v in valid]
        )
    }
    existing = {
        (subscription.subscriber_id, subscription.newsletter_id): subscription
        for subscription in Subscription.objects.filter(
            subscriber__in=list(known.values())
        )
    }
    for item in valid:
        subscriber = known.get(item.fingerprint)
        if subscriber is not None and subscriber.is_suppressed:
            report.rejected.append((item.raw, _suppression_reason(subscriber)))
            continue
        if subscriber is not None:
            ended = [
                n
                for n in item.newsletters
                if (subscriber.pk, n.pk) in existing
                and existing[subscriber.pk, n.pk].status
                == Subscription.Status.UNSUBSCRIBED
            ]
            if ended:
                report.rejected.append(
                    (
                        item.raw,
                        _(
                            "afgemeld voor %(lists)s: alleen opnieuw via een eigen "
                            "inschrijving"
                        )
                        % {"lists": ", ".join(n.slug for n in ended)},
                    )
                )
                continue
        _apply(item, subscriber, existing, report)
    return report


def _apply(item: _ValidRow, subscriber, existing, report: ImportReport) -> None:
    if subscriber is None:
        subscriber = Subscriber.objects.create(
            email=item.email,
            name=item.name,
            organisation=item.organisation,
            werkveld=item.werkveld,
            created_at=item.consented_at,
        )
        report.subscribers_created += 1
    added = []
    for newsletter in item.newsletters:
        subscription = existing.get((subscriber.pk, newsletter.pk))
        if subscription is None:
            Subscription.objects.create(
                subscriber=subscriber,
                newsletter=newsletter,
                source=Subscription.Source.IMPORT,
                status=Subscription.Status.CONFIRMED,
                created_at=item.consented_at,
                confirmed_at=item.consented_at,
            )
            added.append(newsletter)
        elif subscription.status == Subscription.Status.PENDING:
            # The file states consent given elsewhere; that completes the opt-in.
            subscription.confirm(item.consented_at)
            added.append(newsletter)
    if not added:
        report.unchanged += 1
        return
    report.subscriptions_created += len(added)
    ConsentRecord.objects.create(
        subscriber=subscriber,
        action=ConsentRecord.Action.IMPORTED,
        consented_at=item.consented_at,
        newsletters=sorted(n.slug for n in added),
        source=Subscription.Source.IMPORT,
        source_detail=item.consent_source,
    )


def import_file(uploaded, user=None) -> ImportRun:
    """Import an uploaded CSV file and keep a record of the run."""
    data = uploaded.read()
    report = import_rows(read_rows(_decode(data)))
    return ImportRun.objects.create(
        created_by=user,
        filename=getattr(uploaded, "name", "")[:255],
        file_sha256=hashlib.sha256(data).hexdigest(),
        rows=report.rows,
        subscribers_created=report.subscribers_created,
        subscriptions_created=report.subscriptions_created,
        unchanged=report.unchanged,
        rejected=len(report.rejected),
        rejected_csv=report.rejected_csv() if report.rejected else "",
    )


def export_rows(newsletter: NewsletterList) -> Iterator[list[str]]:
    """The deliverable subscribers of a list, in the import's column layout."""
    yield COLUMNS
    subscriptions = (
        Subscription.objects.deliverable()
        .filter(newsletter=newsletter)
        .select_related("subscriber")
        .order_by("id")
    )
    for subscription in subscriptions.iterator(chunk_size=2000):
        subscriber = subscription.subscriber
        confirmed = subscription.confirmed_at or subscription.created_at
        row = [
            subscriber.email,
            subscriber.name,
            subscriber.organisation,
            subscriber.werkveld,
            newsletter.slug,
            subscription.get_source_display(),
            timezone.localtime(confirmed).date().isoformat(),
        ]
        yield [safe_cell(cell) for cell in row]
