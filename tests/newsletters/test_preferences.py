from django.test import Client

from newsletters.headers import list_unsubscribe_headers
from newsletters.links import preferences_url
from newsletters.models import ConsentRecord, Subscriber, Subscription
from newsletters.tokens import mailbox_token
from services.choices import Werkveld
from tests.newsletters.factories import SubscriberFactory, SubscriptionFactory


def path_of(url: str) -> str:
    return url.removeprefix("http://testserver")


def subscribed_to(subscriber) -> set[str]:
    return set(
        subscriber.subscriptions.confirmed().values_list("newsletter__slug", flat=True)
    )


def two_lists_subscriber(lists) -> Subscriber:
    subscriber = SubscriberFactory(email="an@example.org")
    SubscriptionFactory(subscriber=subscriber, newsletter=lists["wise"])
    SubscriptionFactory(subscriber=subscriber, newsletter=lists["gopress"])
    return subscriber


def test_the_preference_centre_opens_from_a_signed_link_without_login(lists):
    subscriber = two_lists_subscriber(lists)

    response = Client().get(path_of(preferences_url(subscriber.pk)))

    html = response.content.decode()
    assert response.status_code == 200
    assert "an@example.org" in html
    assert f'value="{lists["wise"].pk}" id="lijst-wise" checked' in html
    assert f'value="{lists["connected"].pk}" id="lijst-connected" aria' in html
    assert 'name="robots" content="noindex"' in html
    assert "no-cache" in response["Cache-Control"]


def test_saving_preferences_switches_lists_and_says_what_changed(lists):
    subscriber = two_lists_subscriber(lists)
    path = path_of(preferences_url(subscriber.pk))
    client = Client()

    response = client.post(
        path,
        {
            "action": "save",
            "newsletters": [lists["wise"].pk, lists["connected"].pk],
            "werkveld": Werkveld.CULTURE_HOUSE,
            "name": "An Peeters",
            "organisation": "CC Brugge",
            "tracking_consent": "on",
        },
        follow=True,
    )

    html = response.content.decode()
    assert "Ingeschreven voor: Connected." in html
    assert "Afgemeld voor: Nieuwsbrief Gopress." in html
    assert "Werkveld gewijzigd naar: Kunst- of cultuurhuis en cultuurdienst." in html
    assert "Je geeft toestemming om openen en klikken te meten." in html
    subscriber.refresh_from_db()
    assert subscribed_to(subscriber) == {"wise", "connected"}
    assert subscriber.werkveld == Werkveld.CULTURE_HOUSE
    assert subscriber.tracking_consent
    gopress = subscriber.subscriptions.get(newsletter=lists["gopress"])
    assert gopress.unsubscribe_channel == Subscription.Channel.PREFERENCES
    actions = set(subscriber.consent_records.values_list("action", flat=True))
    assert actions == {"gewijzigd", "ingetrokken", "meten"}


def test_saving_unchanged_preferences_changes_nothing(lists):
    subscriber = two_lists_subscriber(lists)
    path = path_of(preferences_url(subscriber.pk))

    response = Client().post(
        path,
        {
            "action": "save",
            "newsletters": [lists["wise"].pk, lists["gopress"].pk],
            "werkveld": subscriber.werkveld,
            "name": subscriber.name,
            "organisation": subscriber.organisation,
        },
        follow=True,
    )

    assert "Er is niets gewijzigd." in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_unsubscribing_from_everything_ends_every_list(lists):
    subscriber = two_lists_subscriber(lists)
    path = path_of(preferences_url(subscriber.pk))

    response = Client().post(path, {"action": "unsubscribe_all"}, follow=True)

    assert "Je bent afgemeld voor alle nieuwsbrieven" in response.content.decode()
    assert subscribed_to(subscriber) == set()


def test_a_get_on_the_preference_centre_changes_nothing(lists):
    subscriber = two_lists_subscriber(lists)
    path = path_of(preferences_url(subscriber.pk))

    Client().get(path + "?action=unsubscribe_all&newsletters=")
    Client().head(path)

    assert subscribed_to(subscriber) == {"wise", "gopress"}


def test_the_list_headers_carry_https_and_mailto_one_click_and_the_list_id(lists):
    subscription = SubscriptionFactory(newsletter=lists["wise"])

    headers = list_unsubscribe_headers(subscription)

    https, mailto = [
        part.strip().strip("<>") for part in headers["List-Unsubscribe"].split(",")
    ]
    assert https.startswith("http://testserver/nieuwsbrieven/afmelden/")
    token = mailbox_token(subscription.subscriber_id, subscription.newsletter_id)
    assert mailto == f"mailto:afmelden+{token}@example.org?subject=afmelden%20{token}"
    assert len(f"afmelden+{token}") <= 64
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Id"] == '"Nieuwsbrief Wise" <wise.nieuwsbrieven.example.org>'


def test_one_click_post_without_cookies_unsubscribes_that_list_only(lists):
    subscriber = two_lists_subscriber(lists)
    wise = subscriber.subscriptions.get(newsletter=lists["wise"])
    https = list_unsubscribe_headers(wise)["List-Unsubscribe"].split(",")[0]
    path = path_of(https.strip("<> "))
    # What a mail provider sends: no cookies, no CSRF token, just the body.
    provider = Client(enforce_csrf_checks=True)

    response = provider.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not response.cookies
    assert subscribed_to(subscriber) == {"gopress"}
    wise.refresh_from_db()
    assert wise.unsubscribe_channel == Subscription.Channel.ONE_CLICK
    # Sent twice (providers retry): still fine, still only that list.
    assert provider.post(
        path, "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    ).status_code == 200  # fmt: skip
    assert subscribed_to(subscriber) == {"gopress"}


def test_a_get_on_the_unsubscribe_link_shows_a_button_and_changes_nothing(lists):
    subscriber = two_lists_subscriber(lists)
    wise = subscriber.subscriptions.get(newsletter=lists["wise"])
    path = path_of(list_unsubscribe_headers(wise)["List-Unsubscribe"].split(">")[0][1:])

    response = Client().get(path)
    Client().head(path)

    assert response.status_code == 200
    assert "Afmelden voor Nieuwsbrief Wise" in response.content.decode()
    assert subscribed_to(subscriber) == {"wise", "gopress"}

    page = Client(enforce_csrf_checks=True).post(path)
    assert "Je bent afgemeld voor Nieuwsbrief Wise." in page.content.decode()
    assert subscribed_to(subscriber) == {"gopress"}


def test_a_tampered_unsubscribe_link_changes_nothing(lists):
    subscriber = two_lists_subscriber(lists)
    wise = subscriber.subscriptions.get(newsletter=lists["wise"])
    path = path_of(list_unsubscribe_headers(wise)["List-Unsubscribe"].split(">")[0][1:])
    tampered = path.replace("/afmelden/", "/afmelden/x")

    response = Client().post(
        tampered,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert subscribed_to(subscriber) == {"wise", "gopress"}


def test_a_logged_in_user_manages_newsletters_on_the_profile(client, lists):
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    user = UserFactory(email="lid@example.org")
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    client.force_login(user)

    page = client.get("/accounts/profiel/")
    assert "Mijn nieuwsbrieven" in page.content.decode()
    response = client.post(
        "/nieuwsbrieven/profiel/",
        {"newsletters": [lists["wise"].pk, lists["connected"].pk]},
        follow=True,
    )

    assert "Ingeschreven voor:" in response.content.decode()
    subscriber = Subscriber.objects.get(email="lid@example.org")
    assert subscribed_to(subscriber) == {"wise", "connected"}
    assert subscriber.werkveld == user.werkveld
    html = client.get("/accounts/profiel/").content.decode()
    assert f'value="{lists["wise"].pk}" id="profiel-lijst-wise" checked' in html


def test_an_unverified_account_address_cannot_manage_newsletters(client, lists):
    from tests.factories import UserFactory

    user = UserFactory(email="nieuw@example.org")
    client.force_login(user)

    html = client.get("/accounts/profiel/").content.decode()
    client.post("/nieuwsbrieven/profiel/", {"newsletters": [lists["wise"].pk]})

    assert "Bevestig eerst" in html
    assert not Subscriber.objects.exists()
