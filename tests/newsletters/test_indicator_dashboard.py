"""The indicator dashboard in the admin: targets judged in words and colour,
trends as inline SVG, the year report and its exports, and extra panels."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest

from django.utils import timezone
from django.utils.html import format_html

from wagtail import hooks

from newsletters import buffering, indicators
from newsletters.models import Benchmark, Delivery, IndicatorTarget
from services.choices import Werkveld
from tests.factories import UserFactory
from tests.newsletters.factories import NewsletterListFactory, SegmentFactory
from tests.newsletters.test_classification import APPLE_MPP, CHROME
from tests.newsletters.tracking_setup import click_urls, pixel_path, sent_issue

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


@pytest.fixture
def connected_year(client, home_page, tracking_redis):
    """Connected's library edition sent to ten: six open (two through Apple's
    proxy), two click."""
    connected = NewsletterListFactory(name="Connected", slug="connected",
                                      kind="connected")  # fmt: skip
    library = SegmentFactory(newsletter=connected, name="Bibliotheek",
                             werkveld=Werkveld.LIBRARY)  # fmt: skip
    run, messages = sent_issue(connected, recipients=10, segments=[library],
                               werkveld=Werkveld.LIBRARY)  # fmt: skip
    Delivery.objects.filter(run=run).update(sent_at=timezone.now() - timedelta(hours=1))
    for number, message in enumerate(list(messages.values())[:6]):
        client.get(
            pixel_path(message), HTTP_USER_AGENT=APPLE_MPP if number < 2 else CHROME
        )
        if number in (3, 4):
            url = click_urls(message)[1].removeprefix("http://testserver")
            client.get(url, HTTP_USER_AGENT=CHROME)
    buffering.flush(settle=0)
    year = timezone.localtime(run.started_at).year
    IndicatorTarget.objects.create(
        name="Nieuwsbrief bibliotheken", year=year, list_kind="connected",
        werkvelden=["bibliotheek"], subscribers=8, open_rate=Decimal("40"),
        click_rate=Decimal("25"),
    )  # fmt: skip
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return run, year


def test_the_targets_are_preloaded_with_the_organisations_and_the_benchmark():
    library = IndicatorTarget.objects.get(name="Nieuwsbrief bibliotheken", year=2022)
    assert (library.subscribers, library.open_rate, library.click_rate) == (
        2000, Decimal("40.0"), Decimal("20.0"))  # fmt: skip
    centres = IndicatorTarget.objects.get(year=2022, subscribers=1800)
    assert (centres.open_rate, centres.click_rate) == (Decimal("25.0"), Decimal("8.0"))
    benchmark = Benchmark.objects.for_year(2026)
    assert (benchmark.open_rate, benchmark.click_rate) == (
        Decimal("30.0"),
        Decimal("3.0"),
    )
    # A target holds until a later year replaces it.
    assert {t.name for t in IndicatorTarget.objects.for_year(2030)} == {
        library.name, centres.name}  # fmt: skip


def test_a_judgement_says_in_words_what_its_colour_says():
    assert indicators.judge(41.0, Decimal("40")).label == "Doel gehaald"
    assert indicators.judge(37.0, Decimal("40")).level == "bijna"
    assert indicators.judge(20.0, Decimal("40")).label == "Doel niet gehaald"
    assert indicators.judge(None, Decimal("40")).level == "geen"


def test_the_dashboard_judges_human_rates_and_shows_the_raw_ones_beside(
    client, connected_year
):
    run, year = connected_year
    response = client.get(f"/admin/nieuwsbrieven/indicatoren/?jaar={year}")
    assert response.status_code == 200
    html = response.content.decode()
    # 10 subscribers against 8: reached. 4 human openers of 10: 40 %, reached;
    # raw 60 %. 2 clickers of 10: 20 % against 25 %: not reached.
    assert "Doel gehaald" in html and "Doel niet gehaald" in html
    assert "ruw 60.0%" in html or "ruw 60,0%" in html
    # Two targets in force (this year's for libraries, 2023's for the centres),
    # each with an open-rate, a click-rate and a subscriber chart.
    assert html.count('class="nl-chart"') == 6
    assert "Apple Mail Privacy Protection" in html
    assert "Connected" in html and "Bibliotheek" in html


def test_the_year_report_exports_as_csv_and_xlsx(client, connected_year):
    from openpyxl import load_workbook

    _run, year = connected_year
    response = client.get(f"/admin/nieuwsbrieven/indicatoren/{year}.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")),
                           delimiter=";"))  # fmt: skip
    assert rows[0][0] == "Nieuwsbrief" and "Openratio mensen (%)" in rows[0]
    library = next(r for r in rows if r[1] == "Bibliotheek")
    assert library[2] == "10" and library[6] == "40,0" and library[7] == "60,0"
    response = client.get(f"/admin/nieuwsbrieven/indicatoren/{year}.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == rows[0]
    assert [values[2][2], values[2][3] - 10] == [10, 0]


def test_other_apps_add_panels_through_the_hook(client, connected_year):
    _run, year = connected_year
    seen = []

    class Panel:
        def render_html(self, parent_context=None):
            return format_html("<p>Websitecijfers voor {}</p>", year)

    def panel(request, year):
        seen.append((request.user.is_authenticated, year))
        return Panel()

    with (
        hooks.register_temporarily("indicator_dashboard_panels", panel),
        hooks.register_temporarily("indicator_dashboard_panels", lambda r, y: None),
    ):
        response = client.get(f"/admin/nieuwsbrieven/indicatoren/?jaar={year}")
    assert f"Websitecijfers voor {year}" in response.content.decode()
    assert seen == [(True, year)]


def test_the_dashboard_is_for_editors_with_the_permission_only(client, db):
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/admin/nieuwsbrieven/indicatoren/")
    assert response.status_code in (302, 403)
    assert client.get("/admin/nieuwsbrieven/indicatoren/2022.csv").status_code in (
        302, 403)  # fmt: skip


def test_an_unknown_year_falls_back_to_a_year_with_data(client, connected_year):
    _run, year = connected_year
    response = client.get("/admin/nieuwsbrieven/indicatoren/?jaar=abc")
    assert response.status_code == 200
    assert f"Indicatoren {year}" in response.content.decode()


def test_the_send_page_of_an_issue_shows_its_rates_per_segment_and_link(
    client, connected_year
):
    run, _year = connected_year
    response = client.get(f"/admin/nieuwsbrieven/edities/{run.issue_id}/verzenden/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kliks per link" in html
    assert "https://www.example.org/" in html
    assert "Apple Mail Privacy Protection" in html
    # Four human openers of ten delivered, six counting Apple's proxy.
    assert "40,0% / 60,0%" in html or "40.0% / 60.0%" in html
