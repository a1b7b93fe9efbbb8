"""Release notes, known bugs and banners: Wise and the library websites in 2022.

Keyed by (product, version), (product, title) and message, so a second run
changes nothing. Bugs load first and the releases that fix them close them when
published, as they would for an editor. Loading sends no notifications.
"""

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail.models import Page

from demo.content.release_notes import (
    FIXED,
    IMPROVED,
    WEBSITE_RELEASES,
    WEEKLY_FIXES,
    WEEKLY_IMPROVEMENTS,
    WISE_701,
    WISE_702,
    WISE_703,
    WISE_PRE_RELEASE,
    Item,
    Release,
)
from demo.content.release_notes_bugs import BUGS, Bug
from demo.loaders.permissions import NEWSROOM_GROUP
from demo.loaders.results import LoadResult
from release_notes import notifications
from release_notes.models import Banner, KnownBug, ReleaseNote, ReleaseNoteItem
from release_notes.versions import weekly_build
from services.models import Service

WEEKLY_RELEASES = {"small": 4, "seed": 52, "large": 52}
OPEN_BUGS_SMALL = 6
PRE_RELEASE_LEAD = timedelta(days=21)
# Releases go live in the morning, before the libraries open.
PRODUCTION_TIME = time(7, 0)


def load_release_notes(scale_name: str) -> LoadResult:
    result = LoadResult()
    services = {s.slug: s for s in Service.objects.software_products()}
    releases = [r for r in _releases(scale_name) if r.service in services]
    with notifications.muted():
        bugs = _load_bugs(_bugs(scale_name, releases), releases, services, result)
        for release in releases:
            _load_release(release, services, bugs, result)
        _load_banners(services, result)
    _grant_newsroom()
    return result


def _releases(scale_name: str) -> list[Release]:
    today = timezone.localdate()
    pre_release = replace(WISE_PRE_RELEASE, production_date=today + PRE_RELEASE_LEAD)
    websites = WEBSITE_RELEASES if scale_name != "small" else WEBSITE_RELEASES[1::3]
    weeklies = _weekly_releases(WEEKLY_RELEASES[scale_name])
    return [WISE_701, WISE_702, WISE_703, *weeklies, *websites, pre_release]


def _weekly_releases(count: int) -> list[Release]:
    """The Monday updates of 2022, skipping the weeks of a new version."""
    majors = (WISE_701, WISE_702, WISE_703)
    major_weeks = {release.production_date.isocalendar().week for release in majors}
    releases = []
    monday = date(2022, 1, 3)
    while monday.year == 2022:
        week = monday.isocalendar().week
        if week not in major_weeks:
            releases.append(_weekly_release(monday, week))
        monday += timedelta(days=7)
    # Spread a smaller scale over the year rather than taking January only.
    step = max(len(releases) // count, 1)
    return releases[::step][:count]


def _weekly_release(monday: date, week: int) -> Release:
    test_day = monday - timedelta(days=5)
    fixes = [
        WEEKLY_FIXES[(week * 5 + i) % len(WEEKLY_FIXES)] for i in range(2 + week % 3)
    ]
    items = [
        Item(FIXED, text, f"HKA-{21000 + week * 17 + i}")
        for i, text in enumerate(fixes)
    ]
    if week % 4 == 0:
        items.append(
            Item(IMPROVED, WEEKLY_IMPROVEMENTS[week // 4 % len(WEEKLY_IMPROVEMENTS)])
        )
    return Release(
        "wise",
        weekly_build(2022, week),
        "wekelijks",
        monday,
        "Wekelijkse update met vooral oplossingen voor incidenten van prioriteit 2 "
        f"en 3, sinds woensdag {test_day:%d/%m} getest op de testomgeving.",
        items,
    )


def _bugs(scale_name: str, releases: list[Release]) -> list[Bug]:
    if scale_name != "small":
        return BUGS
    fixed_keys = {item.bug for release in releases for item in release.items}
    open_bugs = [bug for bug in BUGS if bug.key not in fixed_keys]
    return [bug for bug in BUGS if bug.key and bug.key in fixed_keys] + open_bugs[
        :OPEN_BUGS_SMALL
    ]


def _load_bugs(
    bugs: list[Bug], releases: list[Release], services: dict, result: LoadResult
) -> dict[str, KnownBug]:
    today = timezone.localdate()
    fixed_on = {
        item.bug: release.production_date
        for release in releases
        for item in release.items
        if item.bug
    }
    by_key = {}
    for data in bugs:
        service = services.get(data.service)
        if service is None:
            continue
        bug = KnownBug.objects.filter(service=service, title=data.title).first()
        if bug:
            result.existing += 1
        else:
            if data.key in fixed_on:
                reported_on = fixed_on[data.key] - timedelta(
                    days=14 + data.reported_days_ago % 60
                )
            else:
                reported_on = today - timedelta(days=data.reported_days_ago)
            bug = KnownBug.objects.create(
                service=service,
                title=data.title,
                symptoms=f"<p>{data.symptoms}</p>",
                impact=data.impact,
                status=data.status,
                workaround=f"<p>{data.workaround}</p>" if data.workaround else "",
                planned_fix_date=(
                    today + timedelta(days=data.fix_in_days)
                    if data.fix_in_days is not None
                    else None
                ),
                planned_release=data.planned_release,
                reported_on=reported_on,
                ticket=data.ticket,
                live=False,
            )
            bug.save_revision().publish()
            result.created += 1
        if data.key:
            by_key[data.key] = bug
    return by_key


def _load_release(
    release: Release, services: dict, bugs: dict[str, KnownBug], result: LoadResult
) -> None:
    service = services[release.service]
    if ReleaseNote.objects.filter(service=service, version=release.version).exists():
        result.existing += 1
        return
    is_pre_release = release.production_date > timezone.localdate()
    note = ReleaseNote.objects.create(
        service=service,
        version=release.version,
        kind=release.kind,
        production_date=release.production_date,
        component=release.component,
        summary=release.summary,
        share_ahead=is_pre_release,
        live=False,
    )
    for position, item in enumerate(release.items):
        ReleaseNoteItem.objects.create(
            release_note=note,
            sort_order=position,
            kind=item.kind,
            text=item.text,
            ticket=item.ticket,
            known_bug=bugs.get(item.bug) if item.bug else None,
            lesson=lessons_about(item.lesson, service) if item.lesson else None,
        )
    note.save_revision().publish()
    if not is_pre_release:
        # Backdate to the production morning, so the feeds read like 2022.
        went_public = timezone.make_aware(
            datetime.combine(release.production_date, PRODUCTION_TIME)
        )
        ReleaseNote.objects.filter(pk=note.pk).update(made_public_at=went_public)
    result.created += 1


def _load_banners(services: dict, result: LoadResult) -> None:
    wise = services.get("wise")
    past_outage = (
        "Wise is niet bereikbaar door een storing bij de leverancier. We houden je "
        "hier op de hoogte."
    )
    if Banner.objects.filter(message=past_outage).exists():
        result.existing += 1
    else:
        start = timezone.make_aware(datetime(2022, 10, 12, 8, 40))
        Banner.objects.create(
            service=wise,
            severity="storing",
            message=past_outage,
            starts_at=start,
            ends_at=start + timedelta(hours=1, minutes=35),
        )
        result.created += 1

    if Banner.objects.filter(service=wise, severity="onderhoud").exists():
        result.existing += 1
        return
    now = timezone.localtime()
    sunday = now.date() + timedelta(days=(6 - now.weekday()) or 7)
    if (sunday - now.date()).days < 2:
        sunday += timedelta(days=7)
    Banner.objects.create(
        service=wise,
        severity="onderhoud",
        message=(
            f"Gepland onderhoud: op zondag {sunday:%d/%m} is Wise tussen 7 en 9 uur "
            "niet bereikbaar."
        ),
        starts_at=now,
        ends_at=timezone.make_aware(datetime.combine(sunday, time(9, 0))),
    )
    result.created += 1


def _grant_newsroom() -> None:
    """The newsroom writes release notes, known bugs and banners."""
    newsroom = Group.objects.filter(name=NEWSROOM_GROUP).first()
    if newsroom is None:
        return
    newsroom.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="release_notes",
            content_type__model__in=["releasenote", "knownbug", "banner"],
        )
    )


def lessons_about(hint: str, service: Service) -> Page | None:
    """A live page under the service's landing page whose title has the hint."""
    landing = getattr(service, "landing_page", None)
    if landing is None:
        return None
    return (
        Page.objects.live()
        .descendant_of(landing)
        .filter(title__icontains=hint)
        .order_by("path")
        .first()
    )
