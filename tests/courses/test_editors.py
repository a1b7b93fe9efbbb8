"""Editors per service, and the report of learning content nobody reviewed in a year."""

import datetime

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Page

from courses.staleness import stale_pages
from home.editor_groups import service_group_name
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    TopicPageFactory,
)
from tests.factories import ServiceFactory, ServicePageFactory, UserFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=500)


@pytest.fixture
def services(home_page):
    wise = ServicePageFactory(
        parent=home_page, service=ServiceFactory(name="Wise", slug="wise")
    )
    gopress = ServicePageFactory(
        parent=home_page, service=ServiceFactory(name="Gopress", slug="gopress")
    )
    return {
        "wise": LessonPageFactory(
            parent=CoursePageFactory(parent=wise, title="Uitlenen"),
            title="Uitlenen aan de balie",
        ),
        "gopress": LessonPageFactory(
            parent=CoursePageFactory(parent=gopress, title="Zoeken in Gopress"),
            title="Een artikel bewaren",
        ),
    }


def wise_editor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=service_group_name("Wise")))
    return user


def test_every_new_service_page_gets_its_own_editors_group(services):
    assert Group.objects.filter(name="Redactie Wise").exists()
    assert Group.objects.filter(name="Redactie Gopress").exists()


def test_an_editor_of_one_service_cannot_publish_in_another(services):
    editor = wise_editor()

    own = services["wise"].permissions_for_user(editor)
    other = services["gopress"].permissions_for_user(editor)

    assert own.can_edit() and own.can_publish()
    assert not other.can_edit() and not other.can_publish()


def test_the_admin_refuses_another_services_page_to_an_editor(client, services):
    client.force_login(wise_editor())

    assert client.get(f"/admin/pages/{services['wise'].pk}/edit/").status_code == 200
    other = services["gopress"]
    response = client.get(f"/admin/pages/{other.pk}/edit/")
    assert response.status_code in (302, 403)
    published_before = Page.objects.get(pk=other.pk).last_published_at
    client.post(
        f"/admin/pages/{other.pk}/edit/",
        {"title": "Overgenomen", "slug": other.slug, "action-publish": "1"},
    )
    other.refresh_from_db()
    assert other.title == "Een artikel bewaren"
    assert other.last_published_at == published_before


def age(page, when=LONG_AGO):
    Page.objects.filter(pk=page.pk).update(last_published_at=when)


def test_the_report_lists_an_editors_pages_not_reviewed_in_a_year(services, client):
    wise_lesson = services["wise"]
    age(wise_lesson)
    age(services["gopress"])
    fresh = TopicPageFactory(parent=wise_lesson, title="Vandaag gepubliceerd")
    editor = wise_editor()

    listed = list(stale_pages(editor))

    assert [page.pk for page in listed] == [wise_lesson.pk]
    assert listed[0].service_title == "Wise"
    client.force_login(editor)
    html = client.get("/admin/reports/verouderde-inhoud/").content.decode()
    assert "Uitlenen aan de balie" in html
    assert "Een artikel bewaren" not in html  # another service's page
    assert fresh.title not in html


def test_marking_a_page_reviewed_takes_it_off_the_report_for_a_year(services, client):
    lesson = services["wise"]
    age(lesson)
    editor = wise_editor()
    client.force_login(editor)

    response = client.post(
        f"/admin/verouderde-inhoud/{lesson.pk}/nagekeken/",
        {"next": "/admin/reports/verouderde-inhoud/"},
        follow=True,
    )

    assert response.status_code == 200
    assert "gemarkeerd als nagekeken" in response.content.decode()
    assert not stale_pages(editor).exists()
    a_year_on = timezone.localdate() + datetime.timedelta(days=366)
    assert stale_pages(editor, today=a_year_on).filter(pk=lesson.pk).exists()
    # Publishing an older revision later does not undo the review.
    lesson.refresh_from_db()
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert lesson.reviewed_at == timezone.localdate()


def test_nobody_marks_another_services_page_reviewed(services, client):
    client.force_login(wise_editor())
    other = services["gopress"]

    response = client.post(f"/admin/verouderde-inhoud/{other.pk}/nagekeken/")

    # Wagtail's admin answers a refused permission with a redirect and a message.
    assert response.status_code in (302, 403)
    assert response.get("Location", "") != "/admin/reports/verouderde-inhoud/"
    other.refresh_from_db()
    assert other.reviewed_at is None
    assert (
        client.get(f"/admin/verouderde-inhoud/{other.pk}/nagekeken/").status_code == 405
    )
