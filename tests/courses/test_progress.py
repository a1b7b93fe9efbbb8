import pytest

from courses.models import Completion, LastVisit, LessonPage, TopicPage
from tests.courses.factories import CoursePageFactory, LessonPageFactory
from tests.factories import UserFactory

TOPIC_URL = "/wise/ibl-met-wise-nieuw/het-vernieuwde-ibl-in-de-praktijk/juni-2022/"


@pytest.fixture
def learner(client, db):
    user = UserFactory()
    client.force_login(user)
    return user


def page(slug):
    return (
        LessonPage.objects.filter(slug=slug).first()
        or TopicPage.objects.filter(slug=slug).get()
    )


def complete(client, slug, **extra):
    return client.post(f"/mijn-leertraject/afronden/{page(slug).pk}/", **extra)


def test_marking_a_topic_complete_without_javascript_saves_it_and_goes_to_the_next_step(
    client, learner, ibl_course
):
    response = complete(client, "juni-2022")

    assert response.status_code == 302
    assert response.url == (
        "/wise/ibl-met-wise-nieuw/het-vernieuwde-ibl-in-de-praktijk/goedkeuren/"
    )
    assert Completion.objects.filter(user=learner, page=page("juni-2022")).exists()


def test_the_progress_bar_counts_completed_lessons_and_topics(
    client, learner, ibl_course
):
    complete(client, "het-vernieuwde-ibl-in-de-praktijk")
    complete(client, "juni-2022")

    content = client.get("/wise/ibl-met-wise-nieuw/").content.decode()

    assert 'value="40"' in content
    assert "2 van 5 stappen afgerond (40%)" in content


def test_the_script_gets_the_saved_progress_and_the_next_address_as_json(
    client, learner, ibl_course
):
    response = complete(client, "juni-2022", headers={"accept": "application/json"})

    assert response.json() == {
        "completed": True,
        "done": 1,
        "total": 5,
        "percent": 20,
        "label": "1 van 5 stappen afgerond (20%)",
        "next_url": "/wise/ibl-met-wise-nieuw/het-vernieuwde-ibl-in-de-praktijk/"
        "goedkeuren/",
    }


def test_completing_twice_keeps_one_completion_and_undo_removes_it(
    client, learner, ibl_course
):
    complete(client, "juni-2022")
    complete(client, "juni-2022")
    assert Completion.objects.count() == 1

    complete(client, "juni-2022", data={"action": "undo"})

    assert Completion.objects.count() == 0


def test_marking_complete_needs_a_post_and_a_login(client, ibl_course):
    url = f"/mijn-leertraject/afronden/{page('juni-2022').pk}/"

    assert client.post(url).url.startswith("/accounts/login/")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 405


def test_a_course_itself_cannot_be_marked_complete(client, learner, ibl_course):
    response = client.post(f"/mijn-leertraject/afronden/{ibl_course.pk}/")

    assert response.status_code == 404


def test_the_resume_link_points_at_the_exact_last_page_visited(
    client, learner, ibl_course
):
    client.get(TOPIC_URL)
    client.get("/wise/ibl-met-wise-nieuw/kosten/factuur/")

    content = client.get("/wise/ibl-met-wise-nieuw/").content.decode()

    assert "Verder waar je was: Een factuur maken" in content
    visit = LastVisit.objects.get(user=learner)
    assert visit.page_id == page("factuur").pk


def test_the_dashboard_shows_started_and_completed_courses_and_where_to_resume(
    client, learner, ibl_course, wise_page
):
    short = CoursePageFactory(parent=wise_page, title="Kort", slug="kort")
    only = LessonPageFactory(parent=short, title="Enige les", slug="enige-les")
    client.get(TOPIC_URL)
    client.post(f"/mijn-leertraject/afronden/{only.pk}/")

    content = client.get("/mijn-leertraject/").content.decode()

    assert "Mijn leertraject" in content
    assert "Verder waar je was" in content
    assert f'href="{TOPIC_URL}" data-resume-link' in content
    bezig, afgerond = content.split('id="afgerond"')
    assert "IBL met Wise (nieuw)" in bezig
    assert "Kort" in afgerond and "Certificaat" in afgerond


def test_the_dashboard_needs_a_login(client, db):
    assert client.get("/mijn-leertraject/").url.startswith("/accounts/login/")


def test_the_certificate_is_printable_with_the_completion_date_once_everything_is_done(
    client, learner, ibl_course
):
    certificate = f"/mijn-leertraject/certificaat/{ibl_course.pk}/"
    assert client.get(certificate).status_code == 404

    for step in [*LessonPage.objects.all(), *TopicPage.objects.all()]:
        client.post(f"/mijn-leertraject/afronden/{step.pk}/")
    completion = Completion.objects.latest("completed_at").completed_at

    content = client.get(certificate).content.decode()

    assert "Certificaat" in content
    assert "IBL met Wise (nieuw)" in content
    assert "data-print" in content
    day = completion.astimezone().day
    assert f"op {day} " in content


def test_in_a_linear_course_the_next_lesson_opens_when_the_previous_is_complete(
    client, learner, ibl_course
):
    ibl_course.linear_progression = True
    ibl_course.save()
    second = "/wise/ibl-met-wise-nieuw/kosten/"

    locked = client.get(second)
    assert locked.status_code == 403
    assert "Nog niet open" in locked.content.decode()
    assert complete(client, "factuur").status_code == 403

    for slug in ("het-vernieuwde-ibl-in-de-praktijk", "juni-2022", "goedkeuren"):
        complete(client, slug)

    assert client.get(second).status_code == 200


def test_progress_is_kept_per_learner(client, learner, ibl_course):
    complete(client, "juni-2022")
    other = UserFactory()
    client.force_login(other)

    content = client.get("/wise/ibl-met-wise-nieuw/").content.decode()

    assert "0 van 5 stappen afgerond" in content
