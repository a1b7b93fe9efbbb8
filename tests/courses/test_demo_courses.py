from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import PageViewRestriction, Revision

from courses.models import CoursePage, LessonPage, TopicPage, WebinarPage


def load(scale: str = "small") -> str:
    out = StringIO()
    call_command("load_demo", scale=scale, stdout=out)
    return out.getvalue()


def test_the_small_demo_has_courses_for_a_few_services_and_the_restricted_areas(db):
    load()

    services = set(CoursePage.objects.live().values_list("url_path", flat=True))
    assert {path.split("/")[2] for path in services} >= {
        "wise",
        "e-boeken",
        "digitaal-podium",
        "over-het-leerplatform",
    }
    assert LessonPage.objects.filter(title="Het vernieuwde IBL in de praktijk").exists()
    assert TopicPage.objects.filter(title="Juni 2022").exists()
    assert WebinarPage.objects.filter(series="IBL").exists()
    for name in (
        "Cohorte Digitaal Leiderschap 2022-2023",
        "Deelnemers Connect & co. 2022",
        "Systeembeheerders Wise",
    ):
        assert PageViewRestriction.objects.filter(groups=Group.objects.get(name=name))
    practice = TopicPage.objects.get(title__startswith="Praktijkcases rond innovatie")
    assert not PageViewRestriction.objects.filter(
        page__path__in=[practice.path[:n] for n in range(4, len(practice.path) + 1, 4)]
    ).exists()


def test_demo_pages_are_live_published_and_have_a_revision(db):
    load()

    for page in CoursePage.objects.all()[:5]:
        assert page.live and page.first_published_at
        assert page.live_revision_id == page.latest_revision_id
        assert Revision.objects.get(pk=page.live_revision_id).object_id == str(page.pk)


def test_loading_the_courses_twice_changes_nothing(db):
    load()
    before = (CoursePage.objects.count(), Revision.objects.count())

    output = load()

    assert (CoursePage.objects.count(), Revision.objects.count()) == before
    assert "Leeraanbod: 0 nieuw" in output
