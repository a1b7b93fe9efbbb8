"""factory_boy factories for courses, lessons, topics and webinars."""

import factory
import wagtail_factories

from courses.models import (
    CoursePage,
    LessonPage,
    TopicPage,
    WebinarIndexPage,
    WebinarPage,
)
from services.choices import Audience


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Cursus {n}")
    intro = factory.LazyAttribute(lambda o: f"<p>{o.title}: wat je leert.</p>")
    audience = Audience.LIBRARIES
    estimated_minutes = 45
    body = []


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Les {n}")
    estimated_minutes = 10
    body = []


class TopicPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TopicPage

    title = factory.Sequence(lambda n: f"Onderwerp {n}")
    estimated_minutes = 5
    body = []


class WebinarIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WebinarIndexPage

    title = "Webinars"
    slug = "webinars"


class WebinarPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WebinarPage

    title = factory.Sequence(lambda n: f"Webinar {n}")
    duration_minutes = 9
    series = "IBL"
    speakers = "An Peeters, Cultuurconnect"
