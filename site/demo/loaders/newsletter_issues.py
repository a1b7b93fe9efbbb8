"""Sent newsletter issues of 2022 with their deliveries, opens and clicks.

Every list gets its archive and the issues of ``demo.content.newsletter_issues``,
published and sent on their date. The audience of each send is the list's
confirmed subscriptions on that day (one ``INSERT … SELECT`` per send), and a year
of tracking is generated from it: people open and click at the rates the
organisation reported for 2022 (libraries 49.1 % / 20.3 %, arts and culture houses
36 % / 6.1 %, policy and other 43.9 % / 7.6 %), Apple's privacy proxy loads every
pixel at delivery, and security gateways follow every link. The generated hits go
through the real classifier; events (consenting subscribers only), counters and
reason counts are bulk-inserted, so the counters equal a recount of the events.

Idempotent: an issue whose page exists is skipped with everything that hangs off it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils.text import slugify

from demo.content.newsletter_issues import (
    IssueData,
    connected_issues,
    service_issues,
)
from demo.loaders.results import LoadResult
from newsletters import classification
from newsletters.models import (
    Delivery,
    EventKind,
    IssueStatus,
    MachineReasonCount,
    NewsletterArchivePage,
    NewsletterIssuePage,
    NewsletterList,
    NewslettersIndexPage,
    SendRun,
    Subscriber,
    TrackedLink,
    TrackingCounter,
    TrackingEvent,
)
from newsletters.rates import refresh_tallies
from services.choices import Werkveld

BRUSSELS = ZoneInfo("Europe/Brussels")
SEND_TIME = time(10, 0)
# Human rates by werkveld as reported for 2022: (open, click) in %.
RATES = {
    Werkveld.LIBRARY: (49.1, 20.3),
    Werkveld.CULTURE_HOUSE: (36.0, 6.1),
    Werkveld.POLICY_OTHER: (43.9, 7.6),
    "": (42.0, 9.0),
}
APPLE_SHARE = 20  # % of mailboxes behind Apple Mail Privacy Protection
GATEWAY_SHARE = 5  # % behind a security gateway that follows every link
CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/108.0"
OUTLOOK = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.15601)"
GATEWAY = "Mozilla/5.0 (compatible; Proofpoint URL Defense)"


def _sent_at(day) -> datetime:
    return datetime.combine(day, SEND_TIME, BRUSSELS)


def _index(home) -> NewslettersIndexPage:
    index = NewslettersIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=NewslettersIndexPage(title="Nieuwsbrieven", slug="nieuwsbrieven")
        )
    return index


def _archive(index, newsletter: NewsletterList) -> NewsletterArchivePage:
    archive = NewsletterArchivePage.objects.filter(newsletter=newsletter).first()
    if archive is None:
        index.refresh_from_db()
        archive = index.add_child(
            instance=NewsletterArchivePage(
                title=f"Archief {newsletter.name}",
                slug=newsletter.slug,
                newsletter=newsletter,
                intro=f"Alle verzonden edities van {newsletter.name}.",
            )
        )
    return archive


def _body(data: IssueData) -> list[dict]:
    items = "".join(
        f'<li><a href="{url}">{label}</a></li>' for label, url in data.links[1:]
    )
    body = [
        {"type": "text", "value": {"text": f"<p>{data.intro}</p>"}},
        {"type": "button", "value": {"label": data.links[0][0], "page": None,
                                     "url": data.links[0][1]}},
    ]  # fmt: skip
    if items:
        body += [
            {"type": "divider", "value": {}},
            {"type": "heading", "value": {"text": "Ook in deze editie"}},
            {"type": "text", "value": {"text": f"<ul>{items}</ul>"}},
        ]
    return body


def _create_issue(archive, newsletter, data: IssueData, segments) -> tuple:
    sent = _sent_at(data.sent_on)
    archive.refresh_from_db()
    issue = NewsletterIssuePage(
        title=data.title,
        slug=f"{data.sent_on:%Y-%m-%d}-{slugify(data.title)[:50]}".rstrip("-"),
        subject=data.title,
        preheader=data.intro[:150],
        body=_body(data),
        live=True,
        first_published_at=sent - timedelta(hours=1),
        last_published_at=sent - timedelta(hours=1),
    )
    if segments:
        issue.target_segments.set(segments)
    archive.add_child(instance=issue)
    revision = issue.save_revision(clean=False)
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(
        live_revision=revision, has_unpublished_changes=False
    )
    run = SendRun.objects.create(
        issue=issue, newsletter=newsletter, revision=revision,
        status=IssueStatus.SENT, audience_frozen=True, started_at=sent,
        finished_at=sent + timedelta(minutes=12), last_activity_at=sent,
    )  # fmt: skip
    return issue, run


def _freeze(run: SendRun, segments) -> int:
    """The deliveries of a send: every confirmed subscription on its day, one in
    167 bounced; one statement."""
    by_werkveld = {segment.werkveld: segment.pk for segment in segments}
    cases = " ".join(
        f"WHEN '{werkveld}' THEN {pk}" for werkveld, pk in by_werkveld.items()
    )
    segment_sql = f"CASE p.werkveld {cases} ELSE NULL END" if cases else "NULL"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO newsletters_delivery (run_id, subscriber_id, segment_id,
                status, attempts, last_error, sent_at, finished_at, claim_token,
                worker, bounce_kind, bounced_at, bounce_detail)
            SELECT %s, s.subscriber_id, {segment_sql},
                CASE WHEN (s.subscriber_id * 7919 + %s) %% 167 = 0
                     THEN 'bounce' ELSE 'verzonden' END,
                1, '', %s, %s, '', '',
                CASE WHEN (s.subscriber_id * 7919 + %s) %% 167 = 0
                     THEN 'hard' ELSE '' END,
                CASE WHEN (s.subscriber_id * 7919 + %s) %% 167 = 0
                     THEN %s END,
                ''
            FROM newsletters_subscription s
            JOIN newsletters_subscriber p ON p.id = s.subscriber_id
            WHERE s.newsletter_id = %s AND s.status = 'bevestigd'
              AND s.confirmed_at <= %s AND p.status = 'actief'
            """,  # noqa: S608 - ids and choice values of our own, no input
            [run.pk, run.pk, run.started_at, run.finished_at, run.pk, run.pk,
             run.finished_at, run.newsletter_id, run.started_at],
        )  # fmt: skip
        return cursor.rowcount


class _Tally:
    """Events of one send turned into rows, counters and reason counts, exactly as
    the flush would."""

    def __init__(self, run: SendRun):
        self.run = run
        self.counters: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        self.reasons: dict[tuple, int] = defaultdict(int)
        self.seen: set[tuple] = set()
        self.events: list[TrackingEvent] = []

    def add(self, delivery_id, segment_key, consent, kind, link_id, at, verdict):
        day = at.astimezone(BRUSSELS).date()
        scopes = [0] if kind == EventKind.OPEN else [0, link_id]
        for scope in scopes:
            counts = self.counters[(self.run.pk, self.run.newsletter_id, segment_key,
                                    scope, kind, day)]  # fmt: skip
            counts[0] += 1
            for index, cls in ((2, "raw"), (3, "human")):
                if cls == "human" and verdict.machine:
                    continue
                if cls == "human":
                    counts[1] += 1
                key = (delivery_id, kind, scope, cls)
                if key not in self.seen:
                    self.seen.add(key)
                    counts[index] += 1
        if verdict.machine:
            self.reasons[(self.run.pk, kind, verdict.reason)] += 1
        if consent:
            self.events.append(
                TrackingEvent(
                    run_id=self.run.pk, delivery_id=delivery_id,
                    segment_key=segment_key, link_id=link_id or None, kind=kind,
                    at=at, machine=verdict.machine, reason=verdict.reason,
                )
            )  # fmt: skip

    def save(self) -> None:
        TrackingEvent.objects.bulk_create(self.events, batch_size=5000)
        TrackingCounter.objects.bulk_create(
            [
                TrackingCounter(run_id=run_id, newsletter_id=newsletter_id,
                                segment_key=segment_key, link_key=link_key, kind=kind,
                                day=day, raw=c[0], human=c[1], unique_raw=c[2],
                                unique_human=c[3])
                for (run_id, newsletter_id, segment_key, link_key, kind, day), c
                in self.counters.items()
            ],
            batch_size=5000,
        )  # fmt: skip
        MachineReasonCount.objects.bulk_create(
            [
                MachineReasonCount(run_id=r, kind=k, reason=reason, count=n)
                for (r, k, reason), n in self.reasons.items()
            ]  # fmt: skip
        )


def _record(tally, sent, delivery_id, segment_key, consent, kind, at, link=0,
            agent=CHROME, network="81.82.83.0/24", burst=1, head=False):  # fmt: skip
    after = (at - sent).total_seconds()
    if kind == EventKind.OPEN:
        verdict = classification.classify_open(agent, network, after)
    else:
        verdict = classification.classify_click(agent, head, after, burst)
    tally.add(delivery_id, segment_key, consent, kind, link, at, verdict)


def _track(run: SendRun, links: list[int], people: dict[int, tuple[str, bool]]):
    """A year's worth of behaviour for one send, classified by the real rules."""
    rng = random.Random(f"tracking-{run.pk}-{run.started_at:%Y%m%d}")
    month = run.started_at.astimezone(BRUSSELS).month
    mood = rng.uniform(0.9, 1.1) * (0.9 if month in (7, 8) else 1.0)
    tally = _Tally(run)
    sent = run.started_at.astimezone(UTC)
    rows = Delivery.objects.filter(run=run, status=Delivery.Status.SENT).values_list(
        "pk", "subscriber_id", "segment_id"
    )
    for delivery_id, subscriber_id, segment_id in rows:
        werkveld, consent = people.get(subscriber_id, ("", False))
        open_rate, click_rate = RATES.get(werkveld, RATES[""])
        segment_key = segment_id or 0
        mailbox = subscriber_id * 2654435761 % 100

        add = partial(_record, tally, sent, delivery_id, segment_key, consent)

        if mailbox < APPLE_SHARE:
            add(EventKind.OPEN, sent + timedelta(seconds=rng.uniform(1, 6)),
                agent="Mozilla/5.0", network="17.58.63.0/24")  # fmt: skip
        elif mailbox < APPLE_SHARE + GATEWAY_SHARE and links:
            # Some gateways say who they are; others pass for a browser and give
            # themselves away by their timing: at delivery, or all links at once.
            agent = GATEWAY if mailbox % 2 else CHROME
            late = mailbox % 3 == 0
            start = sent + timedelta(
                seconds=rng.uniform(900, 7200) if late else rng.uniform(2, 40)
            )
            add(EventKind.OPEN, start, agent=agent, network="52.100.9.0/24")
            for link in links:
                add(EventKind.CLICK, start + timedelta(seconds=rng.uniform(0, 8)),
                    link, agent, "52.100.9.0/24", burst=len(links),
                    head=agent == GATEWAY and rng.random() < 0.3)  # fmt: skip
        if rng.random() * 100 >= open_rate * mood:
            continue
        opened = sent + timedelta(minutes=rng.lognormvariate(4.6, 1.3) + 2)
        add(EventKind.OPEN, opened, agent=rng.choice([CHROME, OUTLOOK]))
        if rng.random() < 0.35:
            add(EventKind.OPEN, opened + timedelta(hours=rng.uniform(2, 72)))
        if links and rng.random() * open_rate < click_rate * mood:
            clicked = opened + timedelta(seconds=rng.uniform(40, 600))
            for link in rng.sample(links, min(len(links), rng.choice([1, 1, 2, 3]))):
                add(EventKind.CLICK, clicked, link)
                clicked += timedelta(seconds=rng.uniform(45, 400))
    tally.save()
    return len(tally.events)


def _for_scale(issues: list[IssueData], scale: str, connected: bool) -> list:
    # ``small`` is for a quick look: Connected once a month, two issues per
    # service list; ``seed`` and ``large`` send what the organisation sent.
    if scale != "small":
        return issues
    return issues[::3] if connected else issues[:2]


def load_newsletter_issues(home, scale: str = "seed") -> LoadResult:
    """Archives, the sent issues of 2022 and their deliveries and tracking."""
    result = LoadResult()
    lists = list(
        NewsletterList.objects.exclude(kind=NewsletterList.Kind.NOTIFICATION)
        .select_related("service")
        .prefetch_related("segments")
    )
    if not lists:
        return result
    index = _index(home)
    people = {
        pk: (werkveld, consent)
        for pk, werkveld, consent in Subscriber.objects.values_list(
            "pk", "werkveld", "tracking_consent"
        )
    }
    for newsletter in lists:
        archive = _archive(index, newsletter)
        if newsletter.kind == NewsletterList.Kind.CONNECTED:
            issues, segments = connected_issues(), list(newsletter.segments.all())
        else:
            name = newsletter.service.name if newsletter.service else newsletter.name
            issues, segments = service_issues(newsletter.slug, name), []
        issues = _for_scale(issues, scale, bool(segments))
        existing = set(
            NewsletterIssuePage.objects.child_of(archive).values_list("slug", flat=True)
        )
        for data in issues:
            slug = f"{data.sent_on:%Y-%m-%d}-{slugify(data.title)[:50]}".rstrip("-")
            if slug in existing:
                result.existing += 1
                continue
            _issue, run = _create_issue(archive, newsletter, data, segments)
            recipients = _freeze(run, segments)
            SendRun.objects.filter(pk=run.pk).update(recipients=recipients)
            TrackedLink.objects.bulk_create(
                [
                    TrackedLink(run=run, url=url, position=position)
                    for position, (_label, url) in enumerate(data.links)
                ]  # fmt: skip
            )
            link_ids = list(
                TrackedLink.objects.filter(run=run)
                .order_by("position")
                .values_list("pk", flat=True)
            )
            result.created += 1 + recipients + _track(run, link_ids, people)
            refresh_tallies([run.pk])
    return result
