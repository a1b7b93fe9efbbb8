"""What went wrong in the background: sends with failed or retried recipients, per
run, and Celery tasks that failed or were retried. Read by the admin page
"Fouten in de achtergrond"."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from newsletters.models import Delivery, SendRun
from operations.models import TaskProblem

ERRORS_PER_RUN = 50

Status = Delivery.Status


@dataclass
class RunProblems:
    run: SendRun
    failed: int
    bounced: int
    retrying: int
    deliveries: list[Delivery] = field(default_factory=list)


def runs_with_problems(limit: int = 20) -> list[RunProblems]:
    """The latest runs that have failed, bounced or retrying recipients, with the
    counts and the latest of those recipients and their errors."""
    problems = Delivery.objects.problems()
    runs = (
        SendRun.objects.filter(pk__in=problems.values("run_id"))
        .select_related("issue", "newsletter")
        .annotate(
            failed=Count("deliveries", filter=Q(deliveries__status=Status.FAILED)),
            bounced=Count("deliveries", filter=Q(deliveries__status=Status.BOUNCED)),
            retrying=Count(
                "deliveries",
                filter=Q(deliveries__status=Status.QUEUED, deliveries__attempts__gt=0),
            ),
        )
        .order_by("-created_at")[:limit]
    )
    result = []
    for run in runs:
        deliveries = list(
            problems.filter(run=run)
            .select_related("subscriber")
            .order_by("-finished_at", "-id")[:ERRORS_PER_RUN]
        )
        result.append(
            RunProblems(run, run.failed, run.bounced, run.retrying, deliveries)
        )
    return result


def recent_task_problems(limit: int = 100) -> list[TaskProblem]:
    """The latest task failures and retries."""
    return list(TaskProblem.objects.recent()[:limit])
