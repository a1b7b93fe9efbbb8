"""The Website-indicatoren admin page, its CSV export and the dashboard panel."""

import csv
import io
from datetime import date

import pytest

from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.utils import timezone

from wagtail import hooks

from analytics.models import PageKind, PageViewDay
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/website-indicatoren/"
HOOK = "indicator_dashboard_panels"


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.fixture
def editor():
    group = Group.objects.create(name="Lezers van indicatoren")
    group.permissions.add(
        _permission("wagtailadmin", "access_admin"),
        _permission("analytics", "view_indicators"),
    )
    user = UserFactory()
    user.groups.add(group)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def figures_this_year():
    year = timezone.localdate().year
    PageViewDay.objects.create(
        day=date(year, 1, 15), target="page:1", title="Leesplezier in Brugge",
        kind=PageKind.NEWS, audience="bibliotheken", is_inspiring=True,
        views=61_234, visitors=50_000,
    )  # fmt: skip
    return year


def test_editors_see_the_indicators_with_the_counter_and_the_chart(
    editor_client, figures_this_year
):
    response = editor_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kliks op inspirerende inhoud" in html
    assert "61.234" in html and "100.000" in html
    assert "<svg" in html and 'class="wi-chart__bar"' in html
    assert "Leesplezier in Brugge" in html
    assert "alleen binnen één dag" in html  # what can be known without cookies


def test_the_menu_shows_the_page_to_editors_with_the_permission(editor_client):
    assert URL in editor_client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert client.get(URL + "?formaat=csv").status_code == 302


def test_admin_users_without_the_permission_are_refused(client):
    group = Group.objects.create(name="Alleen admin")
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    user = UserFactory()
    user.groups.add(group)
    client.force_login(user)
    response = client.get(URL)
    # Wagtail answers a refused admin view by sending the user to the dashboard.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get(URL + "?formaat=csv")["Location"] == "/admin/"
    assert URL not in client.get("/admin/").content.decode()


def test_a_year_that_is_not_a_year_gives_a_dutch_message(editor_client):
    response = editor_client.get(URL + "?jaar=twintig", follow=True)
    assert response.status_code == 200
    assert (
        "&#x27;twintig&#x27; is geen jaar tussen 2000 en" in response.content.decode()
    )


def test_the_csv_export_has_the_figures_of_the_year(editor_client, figures_this_year):
    response = editor_client.get(URL, {"jaar": figures_this_year, "formaat": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        f"website-indicatoren-{figures_this_year}.csv"
        in response["Content-Disposition"]
    )
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0] == ["onderdeel", "item", "cijfer", "waarde"]
    assert ["inspirerende inhoud", str(figures_this_year), "weergaven", "61234"] in rows
    assert ["nieuws per doelgroep", "bibliotheken", "weergaven", "61234"] in rows
    assert ["per maand", f"{figures_this_year}-01", "weergaven inspirerende inhoud",
            "61234"] in rows  # fmt: skip


def test_the_dashboard_hook_returns_a_panel_that_renders(editor, figures_this_year):
    request = RequestFactory().get("/admin/indicatoren/")
    request.user = editor
    panels = [
        fn(request, figures_this_year)
        for fn in hooks.get_hooks("indicator_dashboard_panels")
    ]
    panels = [panel for panel in panels if panel is not None]
    assert len(panels) == 1
    html = panels[0].render_html(parent_context={"request": request})
    assert "61.234" in html
    assert f'href="{URL}?jaar={figures_this_year}"' in html


def test_the_dashboard_hook_shows_nothing_to_someone_without_permission(
    figures_this_year,
):
    request = RequestFactory().get("/admin/indicatoren/")
    request.user = UserFactory()
    panels = [
        fn(request, figures_this_year)
        for fn in hooks.get_hooks("indicator_dashboard_panels")
    ]
    assert panels == [None]
