"""Machine opens and clicks told from people's, on synthetic traffic through the
real buffer and flush."""

import random
from datetime import timedelta

import pytest

from django.utils import timezone

from newsletters import buffering, classification, tracking
from newsletters.models import Delivery, MachineReasonCount, TrackedLink, TrackingEvent
from tests.newsletters.tracking_setup import sent_issue

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/131.0.0.0 Safari/537.36"
)
SAFARI = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Safari/605.1.15"
)
GMAIL_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)"  # noqa: E501
APPLE_MPP = "Mozilla/5.0"

MANY_LINKS = [
    {"type": "heading", "value": {"text": "Vijftien tips voor Wise"}},
    {
        "type": "text",
        "value": {
            "text": "".join(
                f'<p><a href="https://www.example.org/tip-{n}">Tip {n}</a></p>'
                for n in range(1, 16)
            )
        },
    },
]


def test_the_rules_name_their_reason():
    assert classification.classify_open(APPLE_MPP, "", 3600) == (
        classification.Verdict(True, "apple-mpp")
    )
    assert classification.classify_open(SAFARI, "17.58.1.0/24", 3600).machine
    assert classification.classify_open(GMAIL_PROXY, "", 2).reason == "at-delivery"
    assert not classification.classify_open(GMAIL_PROXY, "", 900).machine
    assert not classification.classify_open(CHROME, "81.82.83.0/24", 240).machine
    assert classification.classify_click(CHROME, True, 900, 1).reason == "head"
    assert classification.classify_click("python-requests/2.32", False, 900, 1).machine
    assert classification.classify_click(CHROME, False, 5, 1).reason == "at-delivery"
    assert classification.classify_click(CHROME, False, 900, 6).reason == "burst"
    assert not classification.classify_click(CHROME, False, 900, 1).machine


def _hit(expected, machine, kind, run, delivery, at, agent, network="", link=0,
         head=False):  # fmt: skip
    at = round(at, 3)
    token = tracking.TrackingToken(kind, run.pk, delivery.pk, link, 0)
    assert tracking.record_hit(token, agent, network, head, now=at)
    kind = "open" if kind == "o" else "klik"
    expected[(delivery.pk, kind, link, round(at, 3))] = machine


@pytest.mark.django_db
@pytest.mark.redis
def test_synthetic_traffic_flags_machines_and_leaves_people_alone(
    home_page, tracking_redis
):
    rng = random.Random(7)
    run, _messages = sent_issue(recipients=60, body=MANY_LINKS)
    links = list(TrackedLink.objects.filter(run=run).values_list("pk", flat=True))
    assert len(links) >= 15
    delivered_at = timezone.now() - timedelta(hours=3)
    Delivery.objects.filter(run=run).update(sent_at=delivered_at)
    t0 = delivered_at.timestamp()
    deliveries = list(Delivery.objects.filter(run=run).order_by("pk"))
    expected: dict[tuple, bool] = {}

    # Mail-privacy proxies fetch the pixel at delivery, for 25 recipients.
    for delivery in deliveries[:25]:
        agent, network = rng.choice(
            [
                (APPLE_MPP, "17.58.100.0/24"),
                (GMAIL_PROXY, "66.249.84.0/24"),
                (SAFARI, "17.142.3.0/24"),
            ]  # fmt: skip
        )
        _hit(expected, True, "o", run, delivery, t0 + rng.uniform(0.5, 4), agent,
             network)  # fmt: skip
    # Security gateways follow every link: 15 links in ten seconds, some at
    # delivery, most minutes later with a browser's user agent, one with HEAD.
    for number, delivery in enumerate(deliveries[25:33]):
        start = t0 + (rng.uniform(1, 20) if number < 3 else rng.uniform(300, 3000))
        for link in links[:15]:
            _hit(expected, True, "k", run, delivery, start + rng.uniform(0, 10),
                 CHROME, "52.100.1.0/24", link, head=number == 7)  # fmt: skip
    # People open minutes to hours later and click one or two links, reading in
    # between.
    for delivery in deliveries[25:]:
        opened = t0 + rng.uniform(300, 9000)
        _hit(expected, False, "o", run, delivery, opened, rng.choice([CHROME, SAFARI]),
             "81.82.83.0/24")  # fmt: skip
        if rng.random() < 0.6:
            clicked = opened + rng.uniform(20, 120)
            for link in rng.sample(links, rng.choice([1, 2])):
                _hit(expected, False, "k", run, delivery, clicked, CHROME,
                     "81.82.83.0/24", link)  # fmt: skip
                clicked += rng.uniform(30, 200)

    result = buffering.flush(settle=0)
    assert result.applied == len(expected)
    flagged = {
        (e.delivery_id, e.kind, e.link_id or 0, round(e.at.timestamp(), 3)): e.machine
        for e in TrackingEvent.objects.filter(run=run)
    }
    assert flagged.keys() == expected.keys()
    machines = [key for key, machine in expected.items() if machine]
    people = [key for key, machine in expected.items() if not machine]
    assert len(machines) > 100 and len(people) > 40
    caught = sum(flagged[key] for key in machines) / len(machines)
    wrongly = sum(flagged[key] for key in people) / len(people)
    assert caught >= 0.95, caught
    assert wrongly < 0.05, wrongly
    reasons = list(
        MachineReasonCount.objects.filter(run=run).values_list("reason", "count")
    )
    assert {"apple-mpp", "at-delivery", "burst", "head"} <= {r for r, _n in reasons}
    assert sum(count for _reason, count in reasons) == sum(flagged.values())
