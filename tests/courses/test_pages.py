import pytest

from django.core.exceptions import ValidationError

from courses.blocks import embed_player_url, parse_timestamp
from courses.models import CoursePage, LessonPage, TopicPage, WebinarPage
from home.models import ServicePage
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    TopicPageFactory,
    WebinarIndexPageFactory,
    WebinarPageFactory,
)

TOPIC_URL = "/wise/ibl-met-wise-nieuw/het-vernieuwde-ibl-in-de-praktijk/juni-2022/"


def test_a_topic_lives_at_its_nested_service_course_lesson_topic_address(
    client, ibl_course
):
    response = client.get(TOPIC_URL)

    assert response.status_code == 200
    assert "Juni 2022" in response.content.decode()


def test_an_unknown_lesson_or_topic_is_a_404(client, ibl_course):
    assert client.get("/wise/ibl-met-wise-nieuw/bestaat-niet/").status_code == 404
    assert client.get("/wise/ibl-met-wise-nieuw/kosten/niets/").status_code == 404


def test_a_draft_topic_is_not_served(client, ibl_course):
    TopicPage.objects.filter(slug="juni-2022").update(live=False)

    assert client.get(TOPIC_URL).status_code == 404


def test_the_tree_puts_courses_under_services_and_topics_under_lessons():
    assert CoursePage in ServicePage.allowed_subpage_models()
    assert LessonPage.allowed_parent_page_models() == [CoursePage]
    assert TopicPage.allowed_parent_page_models() == [LessonPage]
    assert TopicPage.allowed_subpage_models() == []
    assert WebinarPage not in ServicePage.allowed_subpage_models()


def test_a_course_page_states_audience_level_duration_and_its_lessons(
    client, ibl_course
):
    content = client.get("/wise/ibl-met-wise-nieuw/").content.decode()

    assert "Bibliotheken" in content
    assert "Basis" in content
    assert "ongeveer 45 minuten" in content
    assert "2 lessen, 3 onderwerpen" in content
    assert "Het vernieuwde IBL in de praktijk" in content


def test_the_service_page_shows_the_inhoudstafel_with_counts_and_time(
    client, ibl_course
):
    content = client.get("/wise/").content.decode()

    assert "Inhoudstafel" in content
    assert "1 cursus · 2 lessen · 3 onderwerpen" in content
    assert "IBL met Wise (nieuw)" in content
    # The practice lesson (10 min) with its two topics (5 min each)
    assert "20 min." in content


def test_a_large_inhoudstafel_is_paged_and_counts_the_whole_service(client, wise_page):
    from courses import service_section

    per_page = service_section.COURSES_PER_PAGE
    for n in range(per_page + 3):
        course = CoursePageFactory(
            parent=wise_page, title=f"Cursus {n:03d}", slug=f"cursus-{n:03d}"
        )
        lesson = LessonPageFactory(parent=course, title=f"Les van cursus {n:03d}")
        TopicPageFactory(parent=lesson, title=f"Onderwerp {n:03d}")

    first = client.get("/wise/").content.decode()
    second = client.get("/wise/", {"pagina": 2}).content.decode()
    nonsense = client.get("/wise/", {"pagina": "drie"}).content.decode()

    total = per_page + 3
    summary = f"{total} cursussen · {total} lessen · {total} onderwerpen"
    assert summary in first and summary in second
    assert (
        "Les van cursus 000" in first and f"Les van cursus {per_page:03d}" not in first
    )
    assert (
        f"Les van cursus {per_page:03d}" in second
        and "Les van cursus 000" not in second
    )
    assert f"Les van cursus {per_page + 2:03d}" in second
    assert 'href="?pagina=2"' in first
    assert "Les van cursus 000" in nonsense  # a bad page number shows the first


def test_a_topic_shows_breadcrumbs_and_the_previous_and_next_step(client, ibl_course):
    content = client.get(TOPIC_URL).content.decode()

    assert 'aria-label="Kruimelpad"' in content
    assert 'rel="prev"' in content and "Het vernieuwde IBL in de praktijk" in content
    assert 'rel="next"' in content and "Een aanvraag goedkeuren" in content


def test_the_focus_view_reads_a_topic_without_the_site_chrome(client, ibl_course):
    content = client.get(TOPIC_URL, {"focus": "1"}).content.decode()

    assert "Juni 2022" in content
    assert "site-header" not in content
    assert "site-footer" not in content
    assert "Focus verlaten" in content
    assert "?focus=1" in content  # next and previous stay in focus


def test_pages_carry_no_inline_scripts_or_styles(client, ibl_course):
    for url in ("/wise/", "/wise/ibl-met-wise-nieuw/", TOPIC_URL):
        content = client.get(url).content.decode()
        assert "<script>" not in content
        assert "style=" not in content


def test_the_webinar_overview_lists_webinars_with_their_total_hours(client, wise_page):
    index = WebinarIndexPageFactory(parent=wise_page)
    for n in range(4):
        WebinarPageFactory(parent=index, title=f"IBL deel {n}", duration_minutes=45)

    content = client.get("/wise/webinars/").content.decode()

    assert "4 webinars, samen 3,0 uur video" in content
    assert "IBL deel 3" in content
    assert "4 webinars, 3,0 uur video" in client.get("/wise/").content.decode()


def test_webinar_chapters_link_to_their_time_stamp(client, wise_page):
    index = WebinarIndexPageFactory(parent=wise_page)
    WebinarPageFactory(
        parent=index,
        slug="ibl",
        video_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        chapters=[
            {"type": "chapter", "value": {"start": "4:30", "title": "Goedkeuren"}}
        ],
    )

    content = client.get("/wise/webinars/ibl/", {"t": "270"}).content.decode()

    assert 'href="?t=270#video"' in content
    assert "youtube-nocookie.com/embed/aqz-KE-bpKQ?start=270" in content


def test_only_allow_listed_hosts_can_be_embedded():
    assert embed_player_url("https://youtu.be/aqz-KE-bpKQ").startswith(
        "https://www.youtube-nocookie.com/"
    )
    assert embed_player_url("https://vimeo.com/76979871").endswith("?dnt=1")
    assert embed_player_url("https://evil.example.org/video") is None
    assert embed_player_url("http://www.youtube.com/watch?v=aqz-KE-bpKQ") is None


def test_a_webinar_with_both_a_file_and_an_embed_is_refused(wise_page):
    webinar = WebinarPage(
        title="x", duration_minutes=5, video_url="https://vimeo.com/1"
    )
    webinar.video_document_id = 1

    with pytest.raises(ValidationError):
        webinar.clean()


def test_time_stamps_read_as_seconds():
    assert parse_timestamp("4:30") == 270
    assert parse_timestamp("1:02:15") == 3735
    with pytest.raises(ValueError):
        parse_timestamp("vier minuten")


def test_courses_for_an_audience_include_those_for_both(wise_page):
    CoursePageFactory(parent=wise_page, title="Bib", audience="bibliotheken")
    CoursePageFactory(parent=wise_page, title="Podium", audience="podiumhuizen")
    CoursePageFactory(parent=wise_page, title="Samen", audience="beide")

    titles = set(
        CoursePage.objects.for_audience("bibliotheken").values_list("title", flat=True)
    )

    assert titles == {"Bib", "Samen"}


def test_the_total_minutes_of_webinars_add_up(wise_page):
    index = WebinarIndexPageFactory(parent=wise_page)
    WebinarPageFactory(parent=index, duration_minutes=9, series="IBL")
    WebinarPageFactory(parent=index, duration_minutes=11, series="Catalografie")

    assert WebinarPage.objects.total_minutes() == 20
    assert WebinarPage.objects.in_series("IBL").total_minutes() == 9


def test_a_lesson_page_lists_under_its_course(ibl_course):
    lesson = LessonPageFactory(parent=ibl_course, title="Derde les")

    assert lesson.get_parent().specific == ibl_course
    assert lesson.url == "/wise/ibl-met-wise-nieuw/derde-les/"
