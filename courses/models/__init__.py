"""The models of the learning offer, split by concern and re-exported here."""

from courses.models.pages import (
    SERVICE_PATH_LENGTH,
    CoursePage,
    LessonPage,
    Level,
    TopicPage,
    course_of,
)
from courses.models.progress import Completion, LastVisit
from courses.models.webinars import WebinarIndexPage, WebinarPage

__all__ = [
    "SERVICE_PATH_LENGTH",
    "Completion",
    "CoursePage",
    "LastVisit",
    "LessonPage",
    "Level",
    "TopicPage",
    "WebinarIndexPage",
    "WebinarPage",
    "course_of",
]
