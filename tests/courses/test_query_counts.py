"""Course pages cost the same number of queries with 5 or with 50 children."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    TopicPageFactory,
)
from tests.factories import UserFactory

MAX_QUERIES = 15
# A signed-in learner also costs the session, the user and the two permission
# checks of Wagtail's user bar, whatever the page, plus the learner's own progress:
# reading what they completed and recording where they are (for "verder waar je was").
SIGNED_IN_OVERHEAD = 4 + 2


def queries_for(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def build_course(service_page, slug: str, children: int):
    """A course with ``children`` lessons; the first lesson has ``children`` topics."""
    course = CoursePageFactory(parent=service_page, slug=slug)
    lessons = [
        LessonPageFactory(parent=course, slug=f"les-{n}") for n in range(children)
    ]
    for n in range(children):
        TopicPageFactory(parent=lessons[0], slug=f"onderwerp-{n}")
    return course


URLS = {
    "service": "/wise/",
    "course": "/wise/{course}/",
    "lesson": "/wise/{course}/les-0/",
    "topic": "/wise/{course}/les-0/onderwerp-1/",
}


@pytest.fixture(params=["anonymous", "learner"])
def visitor(request, client, db):
    client.budget = MAX_QUERIES
    if request.param == "learner":
        client.force_login(UserFactory())
        client.budget += SIGNED_IN_OVERHEAD
    return client


@pytest.mark.parametrize("kind", list(URLS))
def test_course_pages_use_as_many_queries_with_50_children_as_with_5(
    visitor, wise_page, kind
):
    build_course(wise_page, "klein", 5)
    few = queries_for(visitor, URLS[kind].format(course="klein"))
    build_course(wise_page, "groot", 50)
    many = queries_for(visitor, URLS[kind].format(course="groot"))

    assert few == many
    assert many <= visitor.budget
