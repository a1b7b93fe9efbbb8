"""Admin views for sending an issue: audience, test send, schedule, send, progress,
pause, resume, cancel, and the e-mail previews per segment and width.

Every action writes rows and enqueues tasks; nothing is sent from the request.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from newsletters import claims, indicators, previews, sending
from newsletters.models import (
    Delivery,
    IssueStatus,
    NewsletterIssuePage,
    Segment,
    SendRun,
    Subscription,
)
from newsletters.tasks import send_test_task

MAX_TEST_ADDRESSES = 10


class TestSendForm(forms.Form):
    addresses = forms.CharField(
        label=gettext_lazy("Adressen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Eén of meer adressen, gescheiden door komma's."),
    )
    segment = forms.ModelChoiceField(
        label=gettext_lazy("Editie"),
        queryset=Segment.objects.none(),
        required=False,
        empty_label=gettext_lazy("Zonder segment"),
    )

    def __init__(self, *args, segments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = segments or Segment.objects.none()

    def clean_addresses(self) -> list[str]:
        raw = self.cleaned_data["addresses"].replace(";", ",").replace("\n", ",")
        addresses = [a.strip() for a in raw.split(",") if a.strip()]
        if not addresses:
            raise forms.ValidationError(_("Geef minstens één adres."))
        if len(addresses) > MAX_TEST_ADDRESSES:
            raise forms.ValidationError(
                _("Hoogstens %(n)d adressen.") % {"n": MAX_TEST_ADDRESSES}
            )
        for address in addresses:
            validate_email(address)
        return addresses


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label=gettext_lazy("Verzenden op"),
        # The browser's own picker: no inline script on this screen.
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when <= timezone.now():
            raise forms.ValidationError(_("Kies een moment in de toekomst."))
        return when


def _issue_for(request, page_id: int) -> NewsletterIssuePage:
    issue = get_object_or_404(NewsletterIssuePage, pk=page_id)
    if not issue.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return issue


def audience_per_segment(issue: NewsletterIssuePage) -> list[tuple[str, int]]:
    """Who would receive the issue now, per targeted segment (or the whole list)."""
    deliverable = Subscription.objects.deliverable().filter(newsletter=issue.newsletter)
    segments = list(issue.target_segments.all())
    if not segments:
        return [(_("Hele lijst"), deliverable.count())]
    return [(segment.name, deliverable.in_segment(segment).count())
            for segment in segments]  # fmt: skip


def progress(run: SendRun | None) -> dict:
    """The state of a run for the progress panel."""
    if run is None:
        return {"status": IssueStatus.DRAFT, "status_label": IssueStatus.DRAFT.label}
    counts = claims.counts(run.pk)
    Status = Delivery.Status
    done = sum(counts[s] for s in Delivery.FINISHED)
    total = run.recipients or sum(counts.values())
    errors = (
        Delivery.objects.filter(run=run, status__in=[Status.FAILED, Status.BOUNCED])
        .exclude(last_error="")
        .select_related("subscriber")
        .order_by("-finished_at")[:20]
    )
    retrying = (
        Delivery.objects.filter(run=run, status=Status.QUEUED)
        .exclude(last_error="")
        .count()
    )
    return {
        "status": run.status,
        "status_label": run.get_status_display(),
        "status_reason": run.status_reason,
        "recipients": total,
        "queued": counts[Status.QUEUED] + counts[Status.CLAIMED],
        "in_flight": counts[Status.SENDING],
        "sent": counts[Status.SENT],
        "failed": counts[Status.FAILED],
        "bounced": counts[Status.BOUNCED],
        "skipped": counts[Status.SKIPPED],
        "retrying": retrying,
        "percent": round(100 * done / total) if total else 0,
        "errors": [
            {
                "address": str(row.subscriber),
                "status": row.get_status_display(),
                "error": row.last_error,
            }
            for row in errors
        ],  # fmt: skip
    }


class SendView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "newsletters/admin/send.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.issue = _issue_for(request, kwargs["page_id"])
        self.run = SendRun.objects.filter(issue=self.issue).first()
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Verzenden: %(title)s") % {"title": self.issue.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def _segments(self):
        return Segment.objects.filter(newsletter=self.issue.newsletter)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue, run = self.issue, self.run
        segments = list(issue.target_segments.all()) or [None]
        preview_url = reverse("newsletters_admin:email_preview", args=[issue.pk])
        context.update(
            issue=issue,
            run=run,
            progress=progress(run),
            audience=audience_per_segment(issue),
            previews=[
                (segment, f"{preview_url}?segment={segment.pk if segment else ''}")
                for segment in segments
            ],
            test_form=kwargs.get("test_form")
            or TestSendForm(segments=self._segments()),
            schedule_form=kwargs.get("schedule_form") or ScheduleForm(),
            can_start=run is None or run.status == IssueStatus.SCHEDULED,
            has_unpublished_changes=issue.has_unpublished_changes,
            progress_url=reverse("newsletters_admin:send_progress", args=[issue.pk]),
            results=indicators.issue_results(run),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        handler = getattr(self, f"do_{action}", None)
        if handler is None:
            return redirect(request.path)
        return handler(request)

    def do_test(self, request):
        form = TestSendForm(request.POST, segments=self._segments())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(test_form=form))
        segment = form.cleaned_data["segment"]
        addresses = form.cleaned_data["addresses"]
        send_test_task.delay(self.issue.pk, addresses, segment.pk if segment else None)
        messages.success(
            request,
            _("Testversie wordt verzonden naar %(addresses)s.")
            % {"addresses": ", ".join(addresses)},
        )
        return redirect(request.path)

    def do_send(self, request):
        try:
            sending.start_run(self.issue, user=request.user)
        except sending.SendError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("De verzending is gestart."))
        return redirect(request.path)

    def do_schedule(self, request):
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(schedule_form=form))
        try:
            run = sending.schedule_run(
                self.issue, form.cleaned_data["when"], user=request.user
            )
        except sending.SendError as error:
            messages.error(request, str(error))
        else:
            if run.status == IssueStatus.SCHEDULED:
                messages.success(request, _("De verzending is gepland."))
            else:
                messages.warning(request, _("Deze editie is al verzonden of bezig."))
        return redirect(request.path)

    def do_pause(self, request):
        reason = _("Gepauzeerd door een redacteur.")
        if self.run and sending.pause_run(self.run, reason):
            messages.success(request, _("De verzending is gepauzeerd."))
        return redirect(request.path)

    def do_resume(self, request):
        if self.run and sending.resume_run(self.run):
            messages.success(request, _("De verzending gaat verder."))
        return redirect(request.path)

    def do_cancel(self, request):
        if self.run and sending.cancel_run(self.run):
            messages.success(request, _("De verzending is geannuleerd."))
        return redirect(request.path)


def send_progress(request, page_id: int):
    """The progress panel's data, polled by ``send_progress.js``."""
    issue = _issue_for(request, page_id)
    run = SendRun.objects.filter(issue=issue).first()
    response = JsonResponse(progress(run))
    response["Cache-Control"] = "no-store"
    return response


def email_preview(request, page_id: int):
    """The e-mail of the latest version for a segment, for the preview frames."""
    issue = _issue_for(request, page_id)
    latest = issue.get_latest_revision_as_object()
    return previews.email_preview_response(latest, request)
