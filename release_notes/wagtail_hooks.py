"""Admin wiring: release notes, known bugs and banners, the review report, warnings."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from release_notes import publishing
from release_notes.models import Banner, KnownBug, ReleaseNote
from release_notes.reports import LessonsToReviewView


class ReleaseNoteViewSet(SnippetViewSet):
    model = ReleaseNote
    icon = "list-ul"
    menu_label = _("Release notes")
    list_display = [
        "__str__",
        "get_kind_display",
        DateColumn("production_date", label=_("Productiedatum")),
        Column("status", label=_("Zichtbaarheid"), accessor="get_status_display"),
        LiveStatusTagColumn(),
    ]
    list_filter = ["service", "kind", "status", "live"]
    search_fields = ["version", "summary", "component"]
    ordering = ["-production_date", "-pk"]


class KnownBugViewSet(SnippetViewSet):
    model = KnownBug
    icon = "warning"
    menu_label = _("Gekende bugs")
    list_display = [
        "title",
        "service",
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("impact", label=_("Impact"), accessor="get_impact_display"),
        DateColumn("reported_on", label=_("Gemeld")),
        LiveStatusTagColumn(),
    ]
    list_filter = ["service", "status", "impact", "live"]
    search_fields = ["title", "symptoms", "ticket"]
    ordering = ["-reported_on", "-pk"]


class BannerViewSet(SnippetViewSet):
    model = Banner
    icon = "warning"
    menu_label = _("Meldingen")
    list_display = [
        "message",
        Column("severity", label=_("Soort"), accessor="get_severity_display"),
        "service",
        DateColumn("starts_at", label=_("Begin")),
        DateColumn("ends_at", label=_("Einde")),
    ]
    list_filter = ["severity", "service"]
    ordering = ["-starts_at"]


class ReleasesAndBugsGroup(SnippetViewSetGroup):
    menu_label = _("Releases en bugs")
    menu_icon = "list-ul"
    menu_order = 220
    items = (ReleaseNoteViewSet, KnownBugViewSet, BannerViewSet)


register_snippet(ReleasesAndBugsGroup)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        publishing.MADE_PUBLIC_ACTION,
        _("Openbaar maken"),
        _("Openbaar gemaakt op de productiedatum"),
    )
    actions.register_action(
        publishing.SOLVED_BY_RELEASE_ACTION,
        _("Opgelost door een release"),
        _("Opgelost door een openbare release"),
    )


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def warn_about_late_pre_release(request, instance):
    if isinstance(instance, ReleaseNote):
        # The form's values, which may still be a draft: warn before publishing too.
        warning = publishing.pre_release_warning(instance)
        if warning:
            messages.warning(request, warning)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/te-herbekijken-lessen/",
            LessonsToReviewView.as_view(),
            name="release_notes_lessons_to_review",
        ),
        path(
            "reports/te-herbekijken-lessen/results/",
            LessonsToReviewView.as_view(results_only=True),
            name="release_notes_lessons_to_review_results",
        ),
    ]


class LessonsToReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("release_notes.change_releasenote")


@hooks.register("register_reports_menu_item")
def register_lessons_to_review_menu_item():
    return LessonsToReviewMenuItem(
        _("Te herbekijken lessen"),
        reverse("release_notes_lessons_to_review"),
        name="lessons-to-review",
        icon_name="doc-full",
        order=1000,
    )
