"""Admin views for editors: CSV import with a report, CSV export per list."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from newsletters.forms import ImportForm
from newsletters.importing import ImportFileError, export_rows, import_file
from newsletters.models import ImportRun, NewsletterList, Subscriber, Subscription

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


class ImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "newsletters/admin/import.html"
    form_class = ImportForm
    page_title = gettext_lazy("Abonnees importeren")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        _require(request, "newsletters.add_subscriber")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["runs"] = ImportRun.objects.select_related("created_by")[:10]
        return context

    def form_valid(self, form):
        uploaded = form.cleaned_data["file"]
        if uploaded.size > MAX_UPLOAD_BYTES:
            form.add_error("file", _("Het bestand is groter dan 10 MB."))
            return self.form_invalid(form)
        try:
            run = import_file(uploaded, user=self.request.user)
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "%(rows)d rijen gelezen: %(subscribers)d nieuwe abonnees, "
                "%(subscriptions)d nieuwe inschrijvingen, %(unchanged)d ongewijzigd, "
                "%(rejected)d geweigerd."
            )
            % {
                "rows": run.rows,
                "subscribers": run.subscribers_created,
                "subscriptions": run.subscriptions_created,
                "unchanged": run.unchanged,
                "rejected": run.rejected,
            },
        )
        return redirect("newsletters_admin:import")


def rejected_rows(request, pk: int):
    """The refused rows of one import run, as CSV with the reason per row."""
    _require(request, "newsletters.add_subscriber")
    run = get_object_or_404(ImportRun, pk=pk)
    response = HttpResponse(
        "\ufeff" + run.rejected_csv, content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="geweigerde-rijen-{run.pk}.csv"'
    )
    return response


class _Echo:
    def write(self, value):
        return value


def export_list(request, pk: int):
    """The deliverable subscribers of one list as CSV, streamed."""
    _require(request, "newsletters.view_subscription")
    newsletter = get_object_or_404(NewsletterList, pk=pk)
    writer = csv.writer(_Echo())
    rows = (writer.writerow(row) for row in export_rows(newsletter))
    response = StreamingHttpResponse(
        _prefixed("\ufeff", rows), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{newsletter.slug}-{stamp}.csv"'
    )
    return response


def _prefixed(first: str, rest):
    # The byte-order mark makes Excel read the file as UTF-8.
    yield first
    yield from rest


class ExportIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "newsletters/admin/export.html"
    page_title = gettext_lazy("Abonnees exporteren")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        _require(request, "newsletters.view_subscription")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deliverable = Q(
            subscriptions__status=Subscription.Status.CONFIRMED,
            subscriptions__subscriber__status=Subscriber.Status.ACTIVE,
        )
        context["newsletters"] = NewsletterList.objects.annotate(
            deliverable=Count("subscriptions", filter=deliverable)
        )
        return context


class NewIssueWithNewsView(WagtailAdminTemplateMixin, TemplateView):
    """ "Nieuwe editie met wat nieuw is": GET shows what a new draft would hold, the
    POST creates it (unpublished) and opens it in the editor for curating."""

    template_name = "newsletters/admin/new_issue_with_news.html"
    page_title = gettext_lazy("Nieuwe editie met wat nieuw is")

    def dispatch(self, request, *args, archive_id: int, **kwargs):
        from newsletters.models import NewsletterArchivePage

        self.archive = get_object_or_404(NewsletterArchivePage, pk=archive_id)
        if not self.archive.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from newsletters import content_sources

        newsletter = self.archive.newsletter
        since = content_sources.last_issue_at(newsletter)
        blocks = content_sources.news_blocks(newsletter, since)
        return super().get_context_data(**kwargs) | {
            "archive": self.archive,
            "since": since,
            "headings": [b["value"]["text"] for b in blocks if b["type"] == "heading"],
            "count": sum(b["type"] != "heading" for b in blocks),
        }

    def post(self, request, *args, **kwargs):
        from newsletters import content_sources

        issue = content_sources.new_issue_with_news(self.archive.newsletter,
                                                    request.user)  # fmt: skip
        messages.success(request, _("Concept aangemaakt: kies wat je houdt."))
        return redirect("wagtailadmin_pages:edit", issue.pk)
