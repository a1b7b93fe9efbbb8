import pytest

from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    TopicPageFactory,
)
from tests.factories import ServiceFactory, ServicePageFactory


@pytest.fixture
def wise_page(home_page):
    service = ServiceFactory(name="Bibliotheeksysteem Wise", slug="wise")
    return ServicePageFactory(parent=home_page, service=service)


@pytest.fixture
def ibl_course(wise_page):
    """IBL met Wise: two lessons, the first with two topics, the second with one."""
    course = CoursePageFactory(
        parent=wise_page, title="IBL met Wise (nieuw)", slug="ibl-met-wise-nieuw"
    )
    practice = LessonPageFactory(
        parent=course,
        title="Het vernieuwde IBL in de praktijk",
        slug="het-vernieuwde-ibl-in-de-praktijk",
    )
    TopicPageFactory(parent=practice, title="Juni 2022", slug="juni-2022")
    TopicPageFactory(
        parent=practice, title="Een aanvraag goedkeuren", slug="goedkeuren"
    )
    costs = LessonPageFactory(parent=course, title="Kosten en facturen", slug="kosten")
    TopicPageFactory(parent=costs, title="Een factuur maken", slug="factuur")
    return course
