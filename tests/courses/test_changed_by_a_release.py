"""A lesson that a public release note links says so to learners."""

import datetime

import pytest

from release_notes.choices import ReleaseStatus
from tests.courses.factories import CoursePageFactory, LessonPageFactory
from tests.factories import ServicePageFactory
from tests.release_notes.factories import (
    ReleaseNoteFactory,
    ReleaseNoteItemFactory,
    SoftwareProductFactory,
)
from tests.release_notes.helpers import publish


@pytest.fixture
def lesson(home_page):
    wise = ServicePageFactory(
        parent=home_page,
        service=SoftwareProductFactory(name="Bibliotheeksysteem Wise", slug="wise"),
    )
    course = CoursePageFactory(parent=wise, title="Reservaties", slug="reservaties")
    return LessonPageFactory(parent=course, title="De reservatiestrook", slug="strook")


def release_linking(lesson, production_date):
    note = ReleaseNoteFactory(
        service=lesson.get_parent().get_parent().specific.service,
        version="7.0.3",
        production_date=production_date,
    )
    ReleaseNoteItemFactory(
        release_note=note, text="Ophaaldatum op de reservatiestrook.", lesson=lesson
    )
    return publish(note)


def test_a_lesson_linked_by_a_public_release_shows_it_was_changed(client, lesson):
    note = release_linking(lesson, datetime.date(2022, 11, 21))
    assert note.status == ReleaseStatus.PUBLIC
    content = client.get("/wise/reservaties/strook/").content.decode()
    assert "Gewijzigd in release Bibliotheeksysteem Wise 7.0.3" in content
    assert note.get_absolute_url() in content


def test_a_pre_release_does_not_flag_the_lesson_yet(client, lesson):
    release_linking(lesson, datetime.date.today() + datetime.timedelta(days=30))
    content = client.get("/wise/reservaties/strook/").content.decode()
    assert "Gewijzigd in release" not in content


def test_a_lesson_without_release_notes_shows_no_flag(client, lesson):
    content = client.get("/wise/reservaties/strook/").content.decode()
    assert "Gewijzigd in release" not in content
