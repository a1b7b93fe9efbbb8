"""Pre-filling an issue from the site: courses and release notes register content
sources with newsletters; the editor's action creates a curatable draft."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from newsletters import content_sources
from newsletters.models import IssueStatus, NewsletterIssuePage, SendRun
from release_notes.choices import BugStatus, ReleaseStatus
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    WebinarIndexPageFactory,
    WebinarPageFactory,
)
from tests.factories import ServicePageFactory, UserFactory
from tests.newsletters.factories import NewsletterListFactory, archive_for, make_issue
from tests.release_notes.factories import (
    KnownBugFactory,
    ReleaseNoteFactory,
    SoftwareProductFactory,
)
from tests.release_notes.helpers import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def wise(home_page):
    service = SoftwareProductFactory(name="Wise", slug="wise")
    page = ServicePageFactory(parent=home_page, service=service)
    newsletter = NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise",
                                       service=service)  # fmt: skip
    archive_for(newsletter, home_page)
    return service, page, newsletter


def test_sources_of_courses_and_release_notes_are_registered_without_an_import():
    keys = [source.key for source in content_sources.registered()]
    assert keys == ["lessons", "webinars", "release_notes", "solved_bugs"]


def test_a_new_issue_holds_what_is_new_since_the_last_one_and_nothing_hidden(wise):
    service, page, newsletter = wise
    course = CoursePageFactory(parent=page, title="IBL met Wise")
    old = LessonPageFactory(parent=course, title="Oude les")
    new = LessonPageFactory(parent=course, title="Reservaties in één klik")
    secret = LessonPageFactory(parent=course, title="Alleen voor systeembeheerders")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    # Published now, as publishing a revision in the admin records it.
    type(new).objects.filter(pk__in=[new.pk, secret.pk]).update(
        first_published_at=timezone.now()
    )
    webinars = WebinarIndexPageFactory(parent=page)
    WebinarPageFactory(parent=webinars, title="IBL-webinar juni",
                       date=timezone.localdate())  # fmt: skip
    note = publish(ReleaseNoteFactory(service=service, version="7.0.3"))
    ReleaseNoteFactory._meta.model.objects.filter(pk=note.pk).update(
        status=ReleaseStatus.PUBLIC
    )
    publish(KnownBugFactory(service=service, title="Verlengen geeft een fout",
                            status=BugStatus.SOLVED))  # fmt: skip
    publish(KnownBugFactory(service=service, title="Nog open"))
    # The previous issue went out yesterday; the old lesson was there before it.
    yesterday = timezone.now() - datetime.timedelta(days=1)
    previous = make_issue(newsletter)
    SendRun.objects.create(issue=previous, newsletter=newsletter,
                           status=IssueStatus.SENT, started_at=yesterday)  # fmt: skip
    type(old).objects.filter(pk=old.pk).update(
        first_published_at=yesterday - datetime.timedelta(days=5)
    )
    editor = UserFactory(is_superuser=True)

    issue = content_sources.new_issue_with_news(newsletter, editor)

    assert not issue.live and issue.get_parent().specific.newsletter == newsletter
    blocks = [(block.block_type, block.value) for block in issue.body]
    headings = [value["text"] for kind, value in blocks if kind == "heading"]
    assert headings == ["Nieuwe lessen", "Nieuwe webinars", "Release notes",
                        "Opgeloste gekende bugs"]  # fmt: skip
    teasers = [value["page"].title for kind, value in blocks if kind == "teaser"]
    assert teasers == ["Reservaties in één klik", "IBL-webinar juni"]
    texts = " ".join(str(value["text"]) for kind, value in blocks if kind == "text")
    assert "7.0.3" in texts and "Verlengen geeft een fout" in texts
    assert "http://testserver/release-notes/wise/7.0.3/" in texts
    assert "Nog open" not in texts and "Oude les" not in texts
    assert "systeembeheerders" not in texts + " ".join(teasers)


def test_the_editor_action_shows_the_news_and_its_post_creates_the_draft(wise, client):
    _service, page, newsletter = wise
    lesson = LessonPageFactory(parent=CoursePageFactory(parent=page), title="Les")
    type(lesson).objects.filter(pk=lesson.pk).update(first_published_at=timezone.now())
    client.force_login(UserFactory(is_superuser=True))
    archive = archive_for(newsletter)
    url = reverse("newsletters_admin:new_issue_with_news", args=[archive.pk])

    page_view = client.get(url)
    assert page_view.status_code == 200
    assert "Nieuwe lessen" in page_view.content.decode()
    assert not NewsletterIssuePage.objects.exists(), "a GET creates nothing"
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[archive.pk]))
    assert "Nieuwe editie met wat nieuw is" in edit.content.decode()

    response = client.post(url)

    issue = NewsletterIssuePage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[issue.pk])
    assert [b.block_type for b in issue.body] == ["heading", "teaser"]


def test_someone_without_rights_on_the_archive_cannot_create_an_issue(wise, client):
    _service, _page, newsletter = wise
    client.force_login(UserFactory(is_staff=True))
    url = reverse("newsletters_admin:new_issue_with_news",
                  args=[archive_for(newsletter).pk])  # fmt: skip
    assert client.post(url).status_code in (302, 403)
    assert not NewsletterIssuePage.objects.exists()
