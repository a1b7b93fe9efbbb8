import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.choices import Audience
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    ServiceFactory,
    ServicePageFactory,
    StandardPageFactory,
)


@pytest.fixture
def site_with_services(home_page):
    services = {
        "wise": ServiceFactory(
            name="Bibliotheeksysteem Wise", slug="wise", audience=Audience.LIBRARIES
        ),
        "digitaal-podium": ServiceFactory(
            name="Digitaal Podium",
            slug="digitaal-podium",
            audience=Audience.PERFORMING_ARTS,
        ),
        "mobiele-arcadehallen": ServiceFactory(
            name="Mobiele arcadehallen",
            slug="mobiele-arcadehallen",
            audience=Audience.BOTH,
        ),
    }
    for service in services.values():
        ServicePageFactory(parent=home_page, service=service)
    news_index = NewsIndexPageFactory(parent=home_page)
    wise_news = NewsPageFactory(
        parent=news_index, title="Wise 7.0.3 staat klaar", audience=Audience.LIBRARIES
    )
    wise_news.services.add(services["wise"])
    wise_news.save()
    NewsPageFactory(
        parent=news_index,
        title="Tixly-opleiding voor podiumhuizen",
        audience=Audience.PERFORMING_ARTS,
    )
    return services


def test_the_home_page_is_dutch_and_lists_every_service(client, site_with_services):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="nl' in content
    for service in site_with_services.values():
        assert service.name in content
        assert f'href="/{service.slug}/"' in content
    assert "Wise 7.0.3 staat klaar" in content


def test_every_service_has_a_landing_page(client, site_with_services):
    for service in site_with_services.values():
        response = client.get(f"/{service.slug}/")
        assert response.status_code == 200
        assert service.name in response.content.decode()


def test_the_service_page_shows_the_news_of_that_service(client, site_with_services):
    content = client.get("/wise/").content.decode()
    assert "Wise 7.0.3 staat klaar" in content
    assert "Tixly-opleiding" not in content


@pytest.mark.parametrize(
    ("path", "shown", "hidden"),
    [
        ("/bibliotheken/", "Bibliotheeksysteem Wise", "Digitaal Podium"),
        ("/podiumhuizen/", "Digitaal Podium", "Bibliotheeksysteem Wise"),
    ],
)
def test_each_audience_entry_shows_its_own_services(
    client, site_with_services, path, shown, hidden
):
    content = client.get(path).content.decode()
    assert shown in content
    assert "Mobiele arcadehallen" in content  # for both audiences
    assert hidden not in content


def test_news_can_be_filtered_by_service(client, site_with_services):
    content = client.get("/nieuws/?dienst=wise").content.decode()
    assert "Wise 7.0.3 staat klaar" in content
    assert "Tixly-opleiding" not in content


def test_a_standard_page_renders(client, home_page):
    StandardPageFactory(parent=home_page, title="Privacy", slug="privacy")
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert "Privacy" in response.content.decode()


def test_the_sitemap_lists_the_service_pages(client, site_with_services):
    content = client.get("/sitemap.xml").content.decode()
    assert "/wise/</loc>" in content


def test_the_home_page_query_count_does_not_grow_with_the_services(client, home_page):
    def count_queries():
        client.get("/")  # warm the per-process caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    for n in range(3):
        ServicePageFactory(parent=home_page, service=ServiceFactory(slug=f"a{n}"))
    few = count_queries()
    for n in range(12):
        ServicePageFactory(parent=home_page, service=ServiceFactory(slug=f"b{n}"))
    many = count_queries()
    assert few == many
    assert many <= 15


def test_an_unknown_page_gets_the_dutch_404(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert '<html lang="nl' in response.content.decode()


def test_a_visitor_can_switch_to_english(client, site_with_services):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    content = client.get("/").content.decode()
    assert '<html lang="en"' in content


def test_the_search_finds_a_service_page(client, site_with_services):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    response = client.get("/zoeken/", {"q": "Digitaal Podium"})
    assert response.status_code == 200
    assert "/digitaal-podium/" in response.content.decode()


def test_a_login_restricted_page_sends_visitors_to_the_allauth_login(client, home_page):
    from wagtail.models import PageViewRestriction

    page = StandardPageFactory(parent=home_page, title="Connect & co.", slug="connect")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/connect/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/connect/")


def test_the_admin_speaks_dutch(client, db):
    content = client.get("/admin/login/").content.decode()
    assert 'lang="nl' in content
    assert "Inloggen" in content or "Aanmelden" in content


def test_search_filters_by_type_and_audience(client, site_with_services):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    only_news = client.get("/zoeken/", {"q": "Wise", "type": "nieuws"}).content.decode()
    assert "Wise 7.0.3 staat klaar" in only_news
    assert only_news.count('class="results__type"') == 1  # not the service page

    podium = client.get("/zoeken/", {"q": "Tixly", "doelgroep": "podiumhuizen"})
    assert "Tixly-opleiding" in podium.content.decode()
    libraries = client.get("/zoeken/", {"q": "Tixly", "doelgroep": "bibliotheken"})
    assert "Tixly-opleiding" not in libraries.content.decode()
