"""Failed sends and retries, and Celery task failures, are visible in the admin."""

import pytest
from celery import shared_task

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from newsletters.models import Delivery, SendRun
from newsletters.tasks import freeze_audience_task
from operations.models import TaskProblem
from tests.factories import UserFactory
from tests.newsletters.factories import NewsletterListFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

URL = "/admin/werking/fouten/"


@shared_task(bind=True, max_retries=1, name="tests.operations.flaky_task")
def flaky_task(self, lesson_id):
    """Always fails: retried once, then given up."""
    raise self.retry(exc=ConnectionError("mailserver weg"), countdown=0)


def test_a_failing_task_is_recorded_with_its_error_arguments_and_traceback():
    freeze_audience_task.apply(args=(987654,))

    problem = TaskProblem.objects.get()
    assert problem.kind == TaskProblem.Kind.FAILURE
    assert problem.task_name == "newsletters.tasks.freeze_audience_task"
    assert problem.exception.startswith("DoesNotExist: SendRun matching query")
    assert "987654" in problem.arguments
    assert "freeze_audience" in problem.traceback
    assert problem.task_id


def test_a_retried_task_is_recorded_as_a_retry_and_then_as_a_failure():
    flaky_task.apply(args=(42,))

    kinds = list(
        TaskProblem.objects.order_by("occurred_at", "pk").values_list("kind", flat=True)
    )
    assert kinds[0] == TaskProblem.Kind.RETRY
    assert kinds[-1] == TaskProblem.Kind.FAILURE
    assert all("mailserver weg" in p.exception for p in TaskProblem.objects.all())


def a_run_with_problems():
    newsletter = NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise")
    run = SendRun.objects.create(newsletter=newsletter, subject="Storing Wise",
                                 status="verzenden", recipients=4)  # fmt: skip
    now = timezone.now()
    rows = [
        ("geweigerd@example.org", Delivery.Status.BOUNCED, 1, "550 5.1.1 onbekend"),
        ("mislukt@example.org", Delivery.Status.FAILED, 8, "451 4.7.1 te druk"),
        ("grijs@example.org", Delivery.Status.QUEUED, 2, "451 4.7.1 greylisted"),
        ("goed@example.org", Delivery.Status.SENT, 1, ""),
    ]
    for email, status, attempts, error in rows:
        Delivery.objects.create(
            run=run, subscriber=SubscriberFactory(email=email), status=status,
            attempts=attempts, last_error=error, worker="worker1@mail-02",
            retry_after=now if status == Delivery.Status.QUEUED else None,
            finished_at=None if status == Delivery.Status.QUEUED else now,
        )  # fmt: skip
    return run


def test_the_admin_page_lists_failed_bounced_and_retrying_recipients_per_run_and_task_failures(  # noqa: E501
    client,
):
    run = a_run_with_problems()
    TaskProblem.objects.create(kind=TaskProblem.Kind.FAILURE,
                               task_name="release_notes.tasks.run_schedule",
                               exception="OperationalError: database weg",
                               traceback="Traceback …")  # fmt: skip
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-run="{run.pk}"' in page
    shown = [
        *("geweigerd@example.org", "550 5.1.1 onbekend", "mislukt@example.org"),
        *("grijs@example.org", "451 4.7.1 greylisted", "worker1@mail-02"),
        *("release_notes.tasks.run_schedule", "OperationalError: database weg"),
    ]
    for text in shown:
        assert text in page, text
    assert "goed@example.org" not in page
    assert "mislukt: 1" in page and "bounce): 1" in page and "poging: 1" in page


def test_the_page_says_so_when_nothing_went_wrong(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    page = client.get(URL).content.decode()

    assert "Geen verzending met mislukte" in page
    assert "Geen mislukte of opnieuw geprobeerde taken." in page


def admin_access():
    return Permission.objects.get(
        codename="access_admin", content_type__app_label="wagtailadmin"
    )


def test_editors_without_the_permission_cannot_see_the_page_or_its_menu_item(client):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(admin_access())
    client.force_login(editor)

    # Wagtail answers a refused admin page with a redirect to the dashboard.
    refused = client.get(URL)
    assert (refused.status_code, refused.url) == (302, "/admin/")
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_operators_with_the_permission_see_it_in_the_reports_menu(client):
    operator = UserFactory(is_staff=True)
    operator.user_permissions.add(
        admin_access(), Permission.objects.get(codename="view_taskproblem")
    )
    client.force_login(operator)

    assert client.get(URL).status_code == 200
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()
