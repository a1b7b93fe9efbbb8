import re

import pytest
from allauth.account.models import EmailAddress

from django.core import mail

from accounts.models import User
from services.choices import Werkveld
from tests.factories import DEFAULT_PASSWORD, UserFactory

SIGNUP = {
    "email": "lotte@example.org",
    "password1": "een-sterk-wachtwoord-42",
    "password2": "een-sterk-wachtwoord-42",
    "first_name": "Lotte",
    "last_name": "Claes",
    "organisation": "Bibliotheek Brugge",
    "werkveld": Werkveld.LIBRARY,
}


def confirmation_link(message) -> str:
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


def test_signing_up_stores_the_profile_and_asks_to_verify_the_address(client, db):
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="lotte@example.org")
    assert (user.organisation, user.werkveld) == ("Bibliotheek Brugge", "bibliotheek")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("[Leerplatform]")
    assert not EmailAddress.objects.get(email="lotte@example.org").verified


def test_an_unverified_address_cannot_log_in_until_confirmed_by_post(client, db):
    client.post("/accounts/signup/", SIGNUP)
    client.logout()
    login = client.post(
        "/accounts/login/",
        {"login": SIGNUP["email"], "password": SIGNUP["password1"]},
    )
    assert login.url.endswith("/accounts/confirm-email/")

    link = confirmation_link(mail.outbox[-1]).replace("http://testserver", "")
    assert client.get(link).status_code == 200  # a GET only shows the button
    assert not EmailAddress.objects.get(email=SIGNUP["email"]).verified
    client.post(link)
    assert EmailAddress.objects.get(email=SIGNUP["email"]).verified


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, db):
    UserFactory(email="bekend@example.org")
    known = client.post("/accounts/password/reset/", {"email": "bekend@example.org"})
    unknown = client.post(
        "/accounts/password/reset/", {"email": "onbekend@example.org"}
    )
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


def test_signing_up_with_a_taken_address_does_not_reveal_it(client, db):
    UserFactory(email=SIGNUP["email"])
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302  # same as a new address: "check your mail"
    assert User.objects.filter(email=SIGNUP["email"]).count() == 1


def test_repeated_failed_logins_lock_the_account_for_a_while(client, db):
    UserFactory(email="an@example.org")
    for _ in range(5):
        client.post("/accounts/login/", {"login": "an@example.org", "password": "fout"})
    right_password = client.post(
        "/accounts/login/", {"login": "an@example.org", "password": DEFAULT_PASSWORD}
    )
    assert right_password.status_code == 200  # the form again, not a redirect
    assert "_auth_user_id" not in client.session
    assert "Te veel" in right_password.content.decode()


@pytest.mark.redis
def test_the_lockout_is_kept_in_redis_so_every_web_process_sees_it(
    client, db, settings
):
    import uuid

    import redis

    from tests.conftest import redis_url

    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(),
            "KEY_PREFIX": prefix,
        }
    }
    server = redis.Redis.from_url(redis_url())
    try:
        UserFactory(email="an@example.org")
        for _ in range(5):
            client.post(
                "/accounts/login/", {"login": "an@example.org", "password": "fout"}
            )
        assert server.keys(f"{prefix}:*")  # the counters live in Redis
        response = client.post(
            "/accounts/login/",
            {"login": "an@example.org", "password": DEFAULT_PASSWORD},
        )
        assert "Te veel" in response.content.decode()
    finally:
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)


def test_a_member_edits_their_profile(client, db):
    user = UserFactory()
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    client.login(email=user.email, password=DEFAULT_PASSWORD)
    response = client.post(
        "/accounts/profiel/",
        {
            "first_name": "An",
            "last_name": "Peeters",
            "organisation": "Cultuurcentrum Hasselt",
            "werkveld": Werkveld.CULTURE_HOUSE,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.werkveld == Werkveld.CULTURE_HOUSE


def test_the_profile_needs_a_login(client, db):
    response = client.get("/accounts/profiel/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/admin/login/"]
)
def test_login_pages_answer(client, db, path):
    assert client.get(path).status_code == 200


def test_a_too_short_password_is_refused_in_dutch(client, db):
    response = client.post(
        "/accounts/signup/",
        {"email": "kort@example.org", "password1": "kort", "password2": "kort"},
    )
    content = response.content.decode()
    assert "Dit wachtwoord is te kort" in content
    assert "too short" not in content
