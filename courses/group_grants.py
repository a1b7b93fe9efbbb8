"""Granting a group (a training cohort, an event's participants) to many users at
once from a CSV file of e-mail addresses."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
HEADER_NAMES = {"email", "e-mail", "e-mailadres", "emailadres", "mail", "adres"}


@dataclass
class GrantReport:
    """What a bulk grant did, for the editor who ran it."""

    granted: list[str] = field(default_factory=list)
    already_members: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)


def read_addresses(data: bytes) -> tuple[list[str], list[tuple[int, str]]]:
    """E-mail addresses from the first column of a CSV file, and the rows that hold
    none, by line number; a header row is skipped.

    Raises ValidationError for a file that is not a readable CSV text file.
    """
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Het bestand is groter dan 2 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("Dit is geen tekstbestand in UTF-8. Bewaar het als CSV (UTF-8).")
        ) from None
    if "\x00" in text:
        raise ValidationError(_("Dit is geen CSV-bestand."))
    if not text.strip():
        raise ValidationError(_("Het bestand is leeg."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    addresses: list[str] = []
    invalid: list[tuple[int, str]] = []
    try:
        for line, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            value = (row[0] if row else "").strip()
            if not value:
                continue
            if line == 1 and value.lower() in HEADER_NAMES:
                continue
            try:
                validate_email(value)
            except ValidationError:
                invalid.append((line, value))
            else:
                addresses.append(value.lower())
    except csv.Error as error:
        raise ValidationError(
            _("Het CSV-bestand is niet leesbaar: %(error)s") % {"error": error}
        ) from None
    if not addresses and not invalid:
        raise ValidationError(_("Het bestand bevat geen e-mailadressen."))
    return list(dict.fromkeys(addresses)), invalid


def grant_group(group: Group, data: bytes) -> GrantReport:
    """Add every known user whose address is in the CSV file to the group.

    Unknown addresses are reported, never created: access goes to people who
    registered themselves.
    """
    addresses, invalid = read_addresses(data)
    report = GrantReport(invalid=invalid)
    users = {
        user.email.lower(): user
        for user in get_user_model().objects.filter(email__in=addresses)
    }
    members = set(group.user_set.filter(pk__in=[u.pk for u in users.values()]))
    new_members = []
    for address in addresses:
        user = users.get(address)
        if user is None:
            report.unknown.append(address)
        elif user in members:
            report.already_members.append(address)
        else:
            new_members.append(user)
            report.granted.append(address)
    group.user_set.add(*new_members)
    return report
