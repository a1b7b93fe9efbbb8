"""Version strings: 7.0.3 for a version, 2022.37 (year.week) for a weekly build."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from release_notes.choices import ReleaseKind

MAJOR_VERSION = re.compile(r"^\d{1,3}\.\d{1,3}\.\d{1,3}$")
WEEKLY_BUILD = re.compile(r"^(?P<year>20\d\d)\.(?P<week>\d\d)$")


def validate_version(value: str) -> None:
    """Either a version like 7.0.3 or a weekly build like 2022.37."""
    if MAJOR_VERSION.match(value) or _valid_weekly_build(value):
        return
    raise ValidationError(
        _(
            "'%(value)s' is geen geldig versienummer. Geef een versie zoals 7.0.3 "
            "of een wekelijkse build als jaar.week, zoals 2022.37."
        ),
        code="invalid_version",
        params={"value": value},
    )


def validate_version_for_kind(value: str, kind: str) -> None:
    """A weekly update carries a weekly build number, a new version an x.y.z number."""
    if kind == ReleaseKind.WEEKLY and not _valid_weekly_build(value):
        raise ValidationError(
            _(
                "Een wekelijkse update heeft een buildnummer als jaar.week, "
                "bv. 2022.37."
            ),
            code="weekly_version",
        )
    if kind == ReleaseKind.MAJOR and not MAJOR_VERSION.match(value):
        raise ValidationError(
            _("Een nieuwe versie heeft een versienummer als 7.0.3."),
            code="major_version",
        )


def _valid_weekly_build(value: str) -> bool:
    match = WEEKLY_BUILD.match(value)
    return bool(match) and 1 <= int(match["week"]) <= 53


def weekly_build(year: int, week: int) -> str:
    return f"{year}.{week:02d}"
