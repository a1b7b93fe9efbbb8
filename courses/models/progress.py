"""What each learner completed and where they were last, kept on the server so that
progress follows them to every device."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CompletionQuerySet(models.QuerySet):
    def of(self, user):
        """Completions of one learner."""
        return self.filter(user=user)

    def in_course(self, course):
        """Completions of lessons and topics inside one course."""
        return self.filter(course=course)


class Completion(models.Model):
    """A lesson or topic that a learner marked complete."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("cursus"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("afgerond op"), default=timezone.now)

    objects = CompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("afgeronde stap")
        verbose_name_plural = _("afgeronde stappen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page"], name="courses_one_completion_per_page"
            )
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self):
        return f"{self.user} · {self.page_id}"


class LastVisitQuerySet(models.QuerySet):
    def of(self, user):
        """The courses one learner has started, most recently visited first."""
        return self.filter(user=user).order_by("-visited_at")


class LastVisit(models.Model):
    """The last lesson or topic a learner opened in a course: where to resume."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="course_visits",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("cursus"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    visited_at = models.DateTimeField(_("laatst bezocht"), default=timezone.now)

    objects = LastVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("laatste bezoek")
        verbose_name_plural = _("laatste bezoeken")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="courses_one_last_visit_per_course"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.course_id} → {self.page_id}"
