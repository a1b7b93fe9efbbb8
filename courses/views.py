"""Learner views: mark a step complete, the "Mijn leertraject" dashboard and the
completion certificate."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wagtail.models import Page

from courses.models import CoursePage, LessonPage, TopicPage, course_of
from courses.navigation import build_outline
from courses.progress import (
    completion_date,
    learning_path,
    mark_complete,
    mark_incomplete,
)
from courses.visibility import is_hidden


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def complete(request, page_id: int):
    """Mark a lesson or topic complete (or not), then go on to the next step.

    The progress is saved before the answer leaves, so the next page a learner opens
    (on any device) already shows it.
    """
    page = get_object_or_404(Page.objects.live(), pk=page_id).specific
    if not isinstance(page, LessonPage | TopicPage) or is_hidden(page, request):
        raise Http404
    course = course_of(page)
    if course is None or not course.live:
        raise Http404
    outline = build_outline(course, request)
    if outline.is_locked(page.pk):
        return HttpResponseForbidden(_("Deze les is nog niet open."))

    undo = request.POST.get("action") == "undo"
    if undo:
        mark_incomplete(request.user, page)
    else:
        mark_complete(request.user, course, page)
    outline = build_outline(course, request)
    following = None if undo else outline.next(page.pk)
    target = following.url if following else page.get_url(request)

    if _wants_json(request):
        return JsonResponse(
            {
                "completed": not undo,
                "done": outline.completed,
                "total": outline.total,
                "percent": outline.percent,
                "label": _("%(done)s van %(total)s stappen afgerond (%(percent)s%%)")
                % {
                    "done": outline.completed,
                    "total": outline.total,
                    "percent": outline.percent,
                },
                "next_url": target,
            }
        )
    return redirect(target)


@login_required
@require_safe
def dashboard(request):
    """Mijn leertraject: started and completed courses, each with where to resume."""
    rows = learning_path(request)
    return render(
        request,
        "courses/dashboard.html",
        {
            "in_progress": [row for row in rows if not row.is_complete],
            "completed": [row for row in rows if row.is_complete],
            "resume": next((row for row in rows if row.resume), None),
        },
    )


@login_required
@require_safe
def certificate(request, course_id: int):
    """A printable certificate, only for a course the learner has finished."""
    course = get_object_or_404(CoursePage.objects.visible_to(request), pk=course_id)
    outline = build_outline(course, request)
    if not outline.is_complete:
        raise Http404
    return render(
        request,
        "courses/certificate.html",
        {
            "course": course,
            "outline": outline,
            "completed_at": completion_date(request.user, course),
            "learner": request.user,
        },
    )
