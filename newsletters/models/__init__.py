"""Models of the newsletters app, split by concern and re-exported here."""

from newsletters.models.deliveries import Delivery, SendRun
from newsletters.models.imports import ImportRun
from newsletters.models.indicators import Benchmark, IndicatorTarget
from newsletters.models.issues import (
    IssueStatus,
    NewsletterArchivePage,
    NewsletterIssuePage,
    NewslettersIndexPage,
)
from newsletters.models.lists import NewsletterList, Segment
from newsletters.models.subscribers import ConsentRecord, Subscriber, Subscription
from newsletters.models.tracking import (
    DeliveryTally,
    EventKind,
    MachineReasonCount,
    TrackedLink,
    TrackingCounter,
    TrackingEvent,
    TrackingFlush,
)

__all__ = [
    "DeliveryTally",
    "Benchmark",
    "EventKind",
    "IndicatorTarget",
    "MachineReasonCount",
    "TrackedLink",
    "TrackingCounter",
    "TrackingEvent",
    "TrackingFlush",
    "ConsentRecord",
    "Delivery",
    "ImportRun",
    "IssueStatus",
    "NewsletterArchivePage",
    "NewsletterIssuePage",
    "NewsletterList",
    "NewslettersIndexPage",
    "Segment",
    "SendRun",
    "Subscriber",
    "Subscription",
]
