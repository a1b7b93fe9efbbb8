"""The editors' report of lessons to review after a release changed them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from release_notes.staleness import items_to_review


class LessonsToReviewView(ReportView):
    """Items of published release notes that link a lesson ('te herbekijken')."""

    page_title = _("Te herbekijken lessen")
    header_icon = "doc-full"
    index_url_name = "release_notes_lessons_to_review"
    index_results_url_name = "release_notes_lessons_to_review_results"
    any_permission_required = ["change"]
    list_export = [
        "lesson.title",
        "release_note",
        "release_note.production_date",
        "text",
    ]
    export_headings = {
        "lesson.title": _("Les"),
        "release_note": _("Release"),
        "release_note.production_date": _("Productiedatum"),
        "text": _("Wijziging"),
    }

    @property
    def columns(self):
        return [
            TitleColumn(
                "lesson",
                label=_("Les"),
                accessor="lesson.title",
                get_url=lambda item: reverse(
                    "wagtailadmin_pages:edit", args=[item.lesson_id]
                ),
            ),
            TitleColumn(
                "release_note",
                label=_("Release"),
                get_url=lambda item: reverse(
                    "wagtailsnippets_release_notes_releasenote:edit",
                    args=[item.release_note_id],
                ),
            ),
            DateColumn(
                "production_date",
                label=_("Productiedatum"),
                accessor="release_note.production_date",
            ),
            Column("kind", label=_("Soort"), accessor="get_kind_display"),
            Column("text", label=_("Wijziging")),
        ]

    def get_queryset(self):
        return items_to_review()
