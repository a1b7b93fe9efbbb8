import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.choices import Audience
from services.models import Service
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    TopicPageFactory,
    WebinarIndexPageFactory,
    WebinarPageFactory,
)
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    ServiceFactory,
    ServicePageFactory,
)


@pytest.fixture
def catalogue(home_page, wise_page):
    podium = ServicePageFactory(
        parent=home_page,
        service=ServiceFactory(
            name="Digitaal Podium", slug="digitaal-podium", audience="podiumhuizen"
        ),
    )
    course = CoursePageFactory(parent=wise_page, title="Catalografie in Wise")
    lesson = LessonPageFactory(parent=course, title="Catalogeerfouten vermijden")
    TopicPageFactory(parent=lesson, title="Veelvoorkomende catalogeerfouten")
    webinars = WebinarIndexPageFactory(parent=wise_page)
    WebinarPageFactory(parent=webinars, title="Catalogeerfouten in de praktijk")
    CoursePageFactory(
        parent=podium, title="Catalogeerfouten in Tixly", audience="podiumhuizen"
    )
    call_command("update_index", verbosity=0)


def search(client, **params):
    return client.get("/zoeken/", params).content.decode()


def test_search_finds_courses_lessons_topics_and_webinars(client, catalogue):
    content = search(client, q="catalogeerfouten")

    for title in (
        "Catalogeerfouten vermijden",
        "Veelvoorkomende catalogeerfouten",
        "Catalogeerfouten in de praktijk",
    ):
        assert title.split()[0] in content
    assert "Les (1)" in content
    assert "Onderwerp (1)" in content
    assert "Webinar (1)" in content


def test_facets_count_per_service_audience_and_type(client, catalogue):
    content = search(client, q="catalogeerfouten")

    assert "Bibliotheeksysteem Wise (3)" in content
    assert "Digitaal Podium (1)" in content
    assert "Podiumhuizen (1)" in content


def test_a_facet_counts_with_the_other_filters_applied(client, catalogue):
    content = search(client, q="catalogeerfouten", dienst="wise")

    assert "Cursus (" not in content  # the only matching course is Digitaal Podium's
    assert "Webinar (1)" in content
    assert "Digitaal Podium (1)" in content  # still offered as an alternative


def test_search_filters_by_type(client, catalogue):
    content = search(client, q="catalogeerfouten", type="webinar")

    assert "1 resultaat" in content
    assert "Catalogeerfouten in de praktijk" in content.replace("<mark>", "").replace(
        "</mark>", ""
    )


def test_no_results_with_filters_suggests_searching_without_them(client, catalogue):
    content = search(client, q="tixly", dienst="wise")

    assert "0 resultaten" in content
    assert "zonder filters is er 1 resultaat" in content


def test_no_results_at_all_gets_a_helpful_page(client, catalogue):
    content = search(client, q="xyzzy")

    assert "Controleer de spelling" in content


def test_matching_words_are_highlighted_in_the_snippets(client, catalogue):
    assert "<mark>Catalografie</mark> in Wise" in search(client, q="catalografie")


@pytest.mark.postgres
def test_dutch_stemming_finds_plurals_on_postgresql(client, catalogue):
    content = search(client, q="catalogeerfout")

    assert "Veelvoorkomende" in content


def test_search_uses_as_many_queries_with_50_courses_as_with_5(client, wise_page):
    def count():
        client.get("/zoeken/", {"q": "handleiding"})
        with CaptureQueriesContext(connection) as queries:
            client.get("/zoeken/", {"q": "handleiding"})
        return len(queries)

    for n in range(5):
        CoursePageFactory(parent=wise_page, title=f"Handleiding {n}", slug=f"a{n}")
    call_command("update_index", verbosity=0)
    few = count()
    for n in range(45):
        CoursePageFactory(parent=wise_page, title=f"Handleiding b{n}", slug=f"b{n}")
    call_command("update_index", verbosity=0)
    many = count()

    assert few == many
    assert many <= 15


def test_an_unfiltered_search_takes_its_result_count_from_the_facets(client, wise_page):
    for n in range(12):
        CoursePageFactory(parent=wise_page, title=f"Handleiding {n}", slug=f"h{n}")
    call_command("update_index", verbosity=0)

    with CaptureQueriesContext(connection) as queries:
        first = search(client, q="handleiding")
    second = search(client, q="handleiding", pagina=2)
    filtered = search(client, q="handleiding", type="cursus")

    for content in (first, second, filtered):
        assert "12 resultaten" in content
    assert first.count('class="results__item"') == 10
    assert second.count('class="results__item"') == 2
    assert not any(query["sql"].startswith("SELECT COUNT(*)") for query in queries)


def test_news_counts_under_every_service_it_is_tagged_with_and_once_in_all(
    client, catalogue, home_page
):
    """The service and audience filters show news by its tags: the facets count it
    the same way, so each number is what choosing it shows."""
    wise = Service.objects.get(slug="wise")
    podium = Service.objects.get(slug="digitaal-podium")
    news = NewsIndexPageFactory(parent=home_page)
    both = NewsPageFactory(parent=news, title="Catalogeerfouten, een overzicht",
                           audience=Audience.PERFORMING_ARTS)  # fmt: skip
    both.services.set([wise, podium])
    both.save_revision().publish()
    call_command("update_index", verbosity=0)

    everything = search(client, q="catalogeerfouten")
    assert "5 resultaten" in everything  # the news page once
    assert "Bibliotheeksysteem Wise (4)" in everything
    assert "Digitaal Podium (2)" in everything
    assert "Nieuws (1)" in everything

    for dienst, count in (("wise", 4), ("digitaal-podium", 2)):
        shown = search(client, q="catalogeerfouten", dienst=dienst)
        assert f"{count} resultaten" in shown

    # Meant for performing-arts houses, but tagged with a library service: the
    # libraries filter shows it, so it counts there too.
    libraries = search(client, q="catalogeerfouten", doelgroep=Audience.LIBRARIES)
    assert "Bibliotheken (4)" in libraries
    assert "4 resultaten" in libraries
