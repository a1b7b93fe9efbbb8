"""E-mail previews of an issue for editors: the compiled edition of a segment,
personalised for a sample subscriber of that segment (or for nobody)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.html import format_html

from newsletters import rendering
from newsletters.models import NewsletterIssuePage, Segment, Subscription

# Authored content in the admin's origin: no script, no forms, images from anywhere.
PREVIEW_POLICY = (
    "default-src 'none'; img-src * data:; style-src 'unsafe-inline'; "
    "font-src *; frame-ancestors 'self'; form-action 'none'; base-uri 'none'"
)


def sample_recipient(issue: NewsletterIssuePage, segment: Segment | None):
    """The first deliverable subscriber of the segment (or list), as a recipient."""
    subscriptions = Subscription.objects.deliverable().filter(
        newsletter=issue.newsletter
    )
    if segment is not None:
        subscriptions = subscriptions.in_segment(segment)
    sample = subscriptions.select_related("subscriber").order_by("pk").first()
    if sample is None:
        return rendering.Recipient(0, "voorbeeld@example.org", issue.newsletter.pk)
    return rendering.Recipient(
        sample.subscriber_id, sample.subscriber.email, sample.newsletter_id
    )


def email_html(issue: NewsletterIssuePage, segment: Segment | None = None) -> str:
    """The e-mail as a recipient of the segment would get it (compiled afresh: the
    preview shows unsaved and unpublished changes)."""
    edition = rendering.compile_edition(issue, segment)
    return rendering.personalise(edition, sample_recipient(issue, segment)).html


def email_preview_response(issue: NewsletterIssuePage, request) -> HttpResponse:
    segment_id = request.GET.get("segment", "")
    segment = None
    if segment_id.isdigit():
        segment = Segment.objects.filter(
            pk=int(segment_id), newsletter=issue.newsletter
        ).first()
    elif issue.pk:
        segment = issue.target_segments.first()
    try:
        response = HttpResponse(email_html(issue, segment))
    except rendering.UnsafeLinkError as error:
        # The editor sees why the issue cannot go out, in the preview frame.
        response = HttpResponse(
            format_html(
                '<p style="font:16px sans-serif;color:#b91c1c;padding:24px">{}</p>',
                str(error),
            ),
            status=422,
        )
    response["Content-Security-Policy"] = PREVIEW_POLICY
    return response
