from io import StringIO

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max

from wagtail.models import GroupPagePermission, Page, PageLogEntry, Revision

from accounts.models import User
from demo.content.services import SERVICES
from demo.loaders.editor import DEFAULT_EDITOR_PASSWORD, EDITOR_EMAIL
from home.models import ServicePage, StandardPage
from news.models import NewsIndexPage, NewsPage
from services.models import Service


def load_demo(scale: str = "small") -> str:
    out = StringIO()
    call_command("load_demo", scale=scale, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Everything a second run must leave untouched."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "page_log_entries": PageLogEntry.objects.count(),
        "services": list(Service.objects.values_list("slug", "name", "summary")),
        "groups": Group.objects.count(),
        "group_page_permissions": GroupPagePermission.objects.count(),
        "users": User.objects.count(),
        "email_addresses": EmailAddress.objects.count(),
        "timestamps": Page.objects.aggregate(
            Max("latest_revision_created_at"), Max("last_published_at")
        ),
        "editor_password": User.objects.get(email=EDITOR_EMAIL).password,
    }


def contrast(colour_a: str, colour_b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in channels
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(colour_a), luminance(colour_b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture
def small_demo(db):
    return load_demo("small")


def test_small_scale_loads_fifteen_services_each_with_a_live_landing_page(
    small_demo, home_page
):
    assert Service.objects.count() == 15
    for service in Service.objects.all():
        page = ServicePage.objects.get(service=service)
        assert page.live
        assert page.slug == service.slug
        assert page.get_parent().specific == home_page
        assert page.first_published_at is not None
        assert page.revisions.count() == 1
        assert 2 <= len(page.body) <= 4


def test_small_scale_loads_the_news_index_standard_pages_and_a_dozen_news_items(
    small_demo,
):
    index = NewsIndexPage.objects.get(slug="nieuws", title="Nieuws")
    news = NewsPage.objects.child_of(index).live()
    assert 12 <= news.count() <= 13
    assert news.filter(services__isnull=False).distinct().exists()
    assert news.filter(is_inspiring=True).exists()
    assert set(StandardPage.objects.live().values_list("slug", flat=True)) == {
        "over-het-leerplatform",
        "privacy",
        "toegankelijkheid",
    }


def test_a_second_run_creates_changes_and_publishes_nothing(small_demo):
    before = snapshot()

    output = load_demo("small")

    assert snapshot() == before
    assert "0 nieuw" in output


def test_the_demo_editor_can_log_in_to_the_wagtail_admin(small_demo, client):
    assert client.login(email=EDITOR_EMAIL, password=DEFAULT_EDITOR_PASSWORD)

    response = client.get("/admin/")

    assert response.status_code == 200


def test_the_demo_editor_can_log_in_through_allauth_with_a_verified_address(
    small_demo, client
):
    address = EmailAddress.objects.get(email=EDITOR_EMAIL)
    assert address.verified and address.primary

    response = client.post(
        "/accounts/login/",
        {"login": EDITOR_EMAIL, "password": DEFAULT_EDITOR_PASSWORD},
    )

    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(address.user_id)


def test_the_demo_editor_may_add_change_and_publish_on_the_wise_service_page(
    small_demo,
):
    editor = User.objects.get(email=EDITOR_EMAIL)
    wise_page = ServicePage.objects.get(service__slug="wise")
    gopress_page = ServicePage.objects.get(service__slug="gopress")

    wise = wise_page.permissions_for_user(editor)
    assert wise.can_add_subpage() and wise.can_edit() and wise.can_publish()
    assert not gopress_page.permissions_for_user(editor).can_edit()
    news_index = NewsIndexPage.objects.get()
    assert news_index.permissions_for_user(editor).can_add_subpage()
    assert editor.has_perm("outbox.view_outboxmessage")
    assert editor.has_perm("services.change_service")


def test_every_service_has_its_own_editor_group(small_demo):
    for service in Service.objects.all():
        group = Group.objects.get(name=f"Redactie {service.name}")
        assert group.permissions.filter(codename="access_admin").exists()
        assert set(
            GroupPagePermission.objects.filter(group=group).values_list(
                "page__slug", "permission__codename"
            )
        ) == {
            (service.slug, "add_page"),
            (service.slug, "change_page"),
            (service.slug, "publish_page"),
        }


def test_a_second_run_keeps_a_password_the_editor_changed(small_demo):
    editor = User.objects.get(email=EDITOR_EMAIL)
    editor.set_password("een-eigen-wachtwoord")
    editor.save()

    output = load_demo("small")

    editor.refresh_from_db()
    assert editor.check_password("een-eigen-wachtwoord")
    assert DEFAULT_EDITOR_PASSWORD not in output


def test_the_summary_prints_the_editor_login_and_the_admin_address(small_demo):
    assert (
        f"{EDITOR_EMAIL} / {DEFAULT_EDITOR_PASSWORD}  →  http://testserver/admin/"
        in small_demo
    )


def test_an_unknown_scale_is_refused_with_a_clear_error(db):
    with pytest.raises(CommandError, match="invalid choice: 'huge'"):
        call_command("load_demo", "--scale", "huge", stdout=StringIO())
    assert not Service.objects.exists()


def test_an_unmigrated_database_is_refused_with_a_hint_to_migrate(db, monkeypatch):
    monkeypatch.setattr(
        MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)]
    )

    with pytest.raises(CommandError, match="manage.py migrate"):
        load_demo()
    assert not Service.objects.exists()


def test_brand_colours_are_distinct_and_readable_with_their_text_colour(db):
    colours = [service.brand_colour for service in SERVICES]
    assert len(set(colours)) == len(colours)
    for data in SERVICES:
        service = Service(brand_colour=data.brand_colour)
        assert contrast(service.brand_colour, service.brand_text_colour) >= 4.5


def test_seed_scale_makes_73_news_items_of_which_64_are_about_a_service(db):
    load_demo("seed")

    news = NewsPage.objects.live()
    assert news.count() == 73
    assert news.filter(services__isnull=False).distinct().count() == 64
    assert {item.date.year for item in news} == {2022}
    assert news.filter(first_published_at__year=2022).count() == 73
    assert not news.filter(live_revision__isnull=True).exists()


def test_seed_after_small_adds_only_the_missing_news(small_demo):
    small_count = NewsPage.objects.count()

    output = load_demo("seed")

    assert NewsPage.objects.count() == 73
    assert f"Nieuwsberichten: {73 - small_count} nieuw, {small_count}" in output
