import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

from tests.factories import DEFAULT_PASSWORD, UserFactory


def verified(user):
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


@pytest.fixture
def publisher(home_page):
    group = Group.objects.create(name="Redactie Wise")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=home_page,
        permission=Permission.objects.get(codename="publish_page"),
    )
    user = verified(UserFactory(email="publicist@example.org"))
    user.groups.add(group)
    return user


@pytest.fixture
def reader(db):
    group = Group.objects.create(name="Lezers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = verified(UserFactory(email="lezer@example.org"))
    user.groups.add(group)
    return user


def test_the_admin_login_is_the_allauth_login(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'name="login"' in response.content.decode()
    assert client.get("/admin/").url.startswith("/admin/login/")


def test_logging_in_at_the_admin_login_lands_in_the_admin(client, reader):
    response = client.post(
        "/admin/login/", {"login": reader.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_failed_admin_logins_are_rate_limited(client, reader):
    for _ in range(5):
        client.post("/admin/login/", {"login": reader.email, "password": "fout"})
    response = client.post(
        "/admin/login/", {"login": reader.email, "password": DEFAULT_PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert "Te veel" in response.content.decode()


def test_a_publisher_without_an_authenticator_app_must_set_one_up(
    client, publisher, settings
):
    settings.MFA_REQUIRED_FOR_PUBLISHERS = True
    client.force_login(publisher)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/2fa/totp/activate/")
    assert client.get("/").status_code == 200  # the public site stays open


def test_a_publisher_with_an_authenticator_app_uses_the_admin(
    client, publisher, settings
):
    settings.MFA_REQUIRED_FOR_PUBLISHERS = True
    Authenticator.objects.create(
        user=publisher, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    client.force_login(publisher)
    assert client.get("/admin/").status_code == 200


def test_staff_who_cannot_publish_or_send_need_no_authenticator(
    client, reader, settings
):
    settings.MFA_REQUIRED_FOR_PUBLISHERS = True
    client.force_login(reader)
    assert client.get("/admin/").status_code == 200
