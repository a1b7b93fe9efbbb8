"""Models of the newsletters app, split by concern and re-exported here."""

from newsletters.models.imports import ImportRun
from newsletters.models.lists import NewsletterList, Segment
from newsletters.models.subscribers import ConsentRecord, Subscriber, Subscription

__all__ = [
    "ConsentRecord",
    "ImportRun",
    "NewsletterList",
    "Segment",
    "Subscriber",
    "Subscription",
]
