import json

from django.test import Client

from newsletters.importing import import_rows, read_rows
from newsletters.links import erase_url, export_url, preferences_url
from newsletters.models import ConsentRecord, Subscriber, Subscription
from tests.newsletters.factories import SubscriberFactory, SubscriptionFactory
from tests.newsletters.links import link_in


def path_of(url: str) -> str:
    return url.removeprefix("http://testserver")


def test_asking_for_an_export_mails_a_link_that_downloads_json(
    lists, outbox, django_capture_on_commit_callbacks
):
    subscription = SubscriptionFactory(newsletter=lists["wise"])
    subscriber = subscription.subscriber
    client = Client()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(path_of(preferences_url(subscriber.pk)), {"action": "export"})
    (message,) = outbox
    response = client.get(link_in(message, "/mijn-gegevens/"))

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["e-mailadres"] == subscriber.email
    assert data["naam"] == "An Peeters"
    assert data["inschrijvingen"][0]["nieuwsbrief"] == "Nieuwsbrief Wise"
    assert data["inschrijvingen"][0]["status"] == "Bevestigd"


def test_an_export_token_cannot_erase_and_an_erase_get_changes_nothing(lists):
    subscriber = SubscriptionFactory(newsletter=lists["wise"]).subscriber
    export_token = export_url(subscriber.pk).rsplit("/", 2)[-2]

    assert Client().post(f"/nieuwsbrieven/wissen/{export_token}/").status_code == 400
    page = Client().get(path_of(erase_url(subscriber.pk)))

    assert "Ja, wis mijn gegevens" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.email and not subscriber.is_suppressed


def test_erasure_is_confirmed_by_mail_and_keeps_the_counts(
    lists, outbox, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="wissen@example.org")
    SubscriptionFactory(subscriber=subscriber, newsletter=lists["wise"])
    SubscriptionFactory(subscriber=subscriber, newsletter=lists["connected"])
    SubscriptionFactory.create_batch(3, newsletter=lists["wise"])
    ConsentRecord.objects.create(
        subscriber=subscriber,
        action=ConsentRecord.Action.CONFIRMED,
        source="formulier",
        client_fingerprint="abc",
    )
    before = Subscription.objects.filter(newsletter=lists["wise"]).count()
    client = Client()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(path_of(preferences_url(subscriber.pk)), {"action": "erase"})
    (message,) = outbox
    assert message.subject == "Bevestig dat we je gegevens mogen wissen"
    response = client.post(link_in(message, "/wissen/"))

    assert "Je gegevens zijn gewist" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.email is None
    assert subscriber.name == subscriber.organisation == ""
    assert subscriber.suppression_reason == Subscriber.SuppressionReason.ERASED
    assert not ConsentRecord.objects.exclude(client_fingerprint="").exists()
    # The rows stay, so last year's counts and growth still add up.
    assert Subscription.objects.filter(newsletter=lists["wise"]).count() == before
    ended = subscriber.subscriptions.all()
    assert {s.status for s in ended} == {Subscription.Status.UNSUBSCRIBED}
    assert all(s.confirmed_at for s in ended)
    assert (
        Subscription.objects.deliverable().filter(newsletter=lists["wise"]).count() == 3
    )
    # Old links no longer reach the erased data.
    assert client.get(path_of(preferences_url(subscriber.pk))).status_code == 400
    assert client.get(link_in(message, "/wissen/")).status_code == 200


def test_an_erased_address_is_never_imported_again(lists):
    subscriber = SubscriptionFactory(
        newsletter=lists["wise"], subscriber__email="weg@example.org"
    ).subscriber
    from newsletters.privacy import erase

    erase(subscriber)
    csv_text = (
        "e-mail,lijsten,toestemming_bron,toestemming_datum\n"
        "WEG@example.org,wise,Inschrijflijst Bibliotheekdag,2022-10-06\n"
    )

    report = import_rows(read_rows(csv_text))

    assert report.subscribers_created == report.subscriptions_created == 0
    ((_row, reason),) = report.rejected
    assert "geblokkeerd" in reason and "gegevens gewist" in reason
    assert not Subscriber.objects.filter(email="weg@example.org").exists()


def test_an_erased_address_can_subscribe_again_with_a_new_double_opt_in(
    client, lists, outbox, django_capture_on_commit_callbacks
):
    from newsletters.privacy import erase

    subscriber = SubscriptionFactory(
        newsletter=lists["wise"], subscriber__email="terug@example.org"
    ).subscriber
    erase(subscriber)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/nieuwsbrieven/",
            {"email": "terug@example.org", "newsletters": [lists["wise"].pk],
             "werkveld": "bibliotheek", "website": ""},
        )  # fmt: skip
    assert not Subscription.objects.deliverable().exists()
    client.post(link_in(outbox[0], "/bevestigen/"))

    assert Subscription.objects.deliverable().get().subscriber_id == subscriber.pk
