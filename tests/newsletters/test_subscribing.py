import re
import time
from datetime import timedelta

import pytest

from django.test import Client

from newsletters.models import ConsentRecord, Subscriber, Subscription
from newsletters.tokens import Purpose, max_age
from services.choices import Werkveld
from tests.newsletters.factories import SubscriberFactory, SubscriptionFactory
from tests.newsletters.links import link_in

URL = "/nieuwsbrieven/"


def form_data(lists, email="an.peeters@example.org", *slugs, **extra):
    slugs = slugs or ("wise",)
    return {
        "email": email,
        "newsletters": [lists[slug].pk for slug in slugs],
        "werkveld": Werkveld.LIBRARY,
        "name": "An Peeters",
        "organisation": "Bibliotheek Gent",
        "website": "",
        **extra,
    }


def subscribe(client, capture, data):
    with capture(execute=True):
        return client.post(URL, data, follow=True)


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_the_form_shows_every_open_list_with_werkveld_and_a_honeypot(client, lists):
    lists["gopress"].is_open_for_signup = False
    lists["gopress"].save()

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nieuwsbrief Wise" in html and "Connected" in html
    assert "Nieuwsbrief Gopress" not in html
    assert "Kunst- of cultuurhuis en cultuurdienst" in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_a_new_address_gets_a_confirmation_mail_and_a_pending_subscription(
    client, lists, outbox, django_capture_on_commit_callbacks
):
    subscribe(client, django_capture_on_commit_callbacks, form_data(lists))

    subscriber = Subscriber.objects.get(email="an.peeters@example.org")
    subscription = subscriber.subscriptions.get()
    assert subscription.status == Subscription.Status.PENDING
    assert subscriber.name == "An Peeters"
    assert subscriber.werkveld == Werkveld.LIBRARY
    record = ConsentRecord.objects.get(subscriber=subscriber)
    assert record.action == ConsentRecord.Action.REQUESTED
    assert record.newsletters == ["wise"]
    assert "afmelden via de link onderaan" in record.wording
    assert record.client_fingerprint and "127.0.0.1" not in record.client_fingerprint
    (message,) = outbox
    assert message.to == ["an.peeters@example.org"]
    assert message.subject == "Bevestig je inschrijving op Nieuwsbrief Wise"
    assert "http://testserver/nieuwsbrieven/bevestigen/" in message.body
    html = message.alternatives[0][0]
    assert 'href="http://testserver/nieuwsbrieven/bevestigen/' in html
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_known_and_unknown_addresses_get_exactly_the_same_answer(
    lists, outbox, django_capture_on_commit_callbacks
):
    known = SubscriptionFactory(newsletter=lists["wise"]).subscriber
    responses = []
    for email in (known.email, "nieuw@example.org"):
        client = Client()
        client.get(URL)
        with django_capture_on_commit_callbacks(execute=True):
            first = client.post(URL, form_data(lists, email))
        followed = client.get(first["Location"])
        responses.append((first, followed))

    (known_post, known_page), (new_post, new_page) = responses
    assert known_post.status_code == new_post.status_code == 302
    assert known_post["Location"] == new_post["Location"]
    assert known_post.content == new_post.content
    assert [t.name for t in known_page.templates] == [
        t.name for t in new_page.templates
    ]
    assert without_csrf(known_page.content.decode()) == without_csrf(
        new_page.content.decode()
    )
    # Behind the same answer, each mailbox gets the mail that fits.
    subjects = {message.to[0]: message.subject for message in outbox}
    assert subjects[known.email] == "Je bent al ingeschreven"
    assert subjects["nieuw@example.org"].startswith("Bevestig je inschrijving")


def test_an_unverified_form_changes_nothing_about_a_known_subscriber(
    client, lists, outbox, django_capture_on_commit_callbacks
):
    known = SubscriptionFactory(
        newsletter=lists["wise"], subscriber__name="Echte Naam"
    ).subscriber

    data = form_data(lists, known.email, "wise", "gopress", name="Iemand Anders",
                     werkveld=Werkveld.POLICY_OTHER)  # fmt: skip
    subscribe(client, django_capture_on_commit_callbacks, data)

    known.refresh_from_db()
    assert known.name == "Echte Naam"
    assert known.werkveld == Werkveld.LIBRARY
    gopress = known.subscriptions.get(newsletter=lists["gopress"])
    assert gopress.status == Subscription.Status.PENDING
    (message,) = outbox
    assert "Nieuwsbrief Gopress" in message.subject


def test_the_confirmation_link_shows_a_button_and_a_get_confirms_nothing(
    client, lists, outbox, django_capture_on_commit_callbacks
):
    subscribe(client, django_capture_on_commit_callbacks, form_data(lists))
    path = link_in(outbox[0], "/bevestigen/")

    for _ in range(3):  # a mail scanner fetching the link, more than once
        response = Client().get(path)
        assert response.status_code == 200
        assert "Ja, ik bevestig mijn inschrijving" in response.content.decode()
    assert Subscription.objects.get().status == Subscription.Status.PENDING
    assert Client().head(path).status_code == 200
    assert Subscription.objects.get().status == Subscription.Status.PENDING


def test_a_post_on_the_confirmation_page_confirms_and_records_consent(
    client, lists, outbox, django_capture_on_commit_callbacks
):
    data = form_data(lists, "an@example.org", "wise", "connected")
    subscribe(client, django_capture_on_commit_callbacks, data)
    path = link_in(outbox[0], "/bevestigen/")

    response = client.post(path)

    assert response.status_code == 200
    assert "Inschrijving bevestigd" in response.content.decode()
    statuses = set(Subscription.objects.values_list("status", flat=True))
    assert statuses == {Subscription.Status.CONFIRMED}
    assert Subscription.objects.deliverable().count() == 2
    record = ConsentRecord.objects.get(action=ConsentRecord.Action.CONFIRMED)
    assert record.newsletters == ["connected", "wise"]
    # Confirming twice changes nothing more.
    client.post(path)
    assert ConsentRecord.objects.filter(action="bevestigd").count() == 1


def test_a_tampered_confirmation_link_gets_a_clear_page_with_a_new_link_form(
    client, lists, outbox, django_capture_on_commit_callbacks
):
    subscribe(client, django_capture_on_commit_callbacks, form_data(lists))
    path = link_in(outbox[0], "/bevestigen/")
    tampered = path[:-6] + ("A" if path[-6] != "A" else "B") + path[-5:]

    for response in (client.get(tampered), client.post(tampered)):
        assert response.status_code == 400
        html = response.content.decode()
        assert "Deze link werkt niet" in html
        assert "Stuur me een nieuwe link" in html
    assert Subscription.objects.get().status == Subscription.Status.PENDING


def test_a_preference_token_is_refused_as_a_confirmation(
    client, lists, outbox, django_capture_on_commit_callbacks
):
    from newsletters.tokens import subscriber_token

    subscriber = SubscriberFactory()
    token = subscriber_token(Purpose.PREFERENCES, subscriber.pk)

    response = client.post(f"/nieuwsbrieven/bevestigen/{token}/")

    assert response.status_code == 400


def test_an_expired_confirmation_link_offers_a_new_confirmation_mail(
    client, lists, outbox, django_capture_on_commit_callbacks, monkeypatch
):
    subscribe(client, django_capture_on_commit_callbacks, form_data(lists))
    path = link_in(outbox[0], "/bevestigen/")
    later = time.time() + max_age(Purpose.CONFIRM).total_seconds() + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = client.post(path)

    assert response.status_code == 410
    html = response.content.decode()
    assert "Deze link is verlopen" in html
    assert "Stuur een nieuwe bevestigingsmail" in html
    assert Subscription.objects.get().status == Subscription.Status.PENDING

    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/nieuwsbrieven/nieuwe-link/", {"token": token})
    assert len(outbox) == 2
    fresh = link_in(outbox[1], "/bevestigen/")
    monkeypatch.undo()
    client.post(fresh)
    assert Subscription.objects.get().status == Subscription.Status.CONFIRMED


def test_the_honeypot_gets_the_same_answer_and_nothing_happens(
    client, lists, outbox, django_capture_on_commit_callbacks
):
    data = form_data(lists, website="https://spam.example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data)

    assert response.status_code == 302
    assert response["Location"] == "/nieuwsbrieven/aangevraagd/"
    assert not Subscriber.objects.exists()
    assert outbox == []


def test_one_address_is_mailed_at_most_three_times_an_hour_without_telling(
    lists, outbox, django_capture_on_commit_callbacks
):
    answers = []
    for n in range(5):
        client = Client(REMOTE_ADDR=f"10.0.0.{n}")
        with django_capture_on_commit_callbacks(execute=True):
            answers.append(client.post(URL, form_data(lists, "doelwit@example.org")))

    assert {answer.status_code for answer in answers} == {302}
    assert len(outbox) == 3


def test_one_client_is_stopped_after_twenty_submissions_an_hour(
    lists, outbox, django_capture_on_commit_callbacks
):
    client = Client(REMOTE_ADDR="10.1.1.1")
    codes = []
    for n in range(22):
        with django_capture_on_commit_callbacks(execute=True):
            codes.append(
                client.post(URL, form_data(lists, f"p{n}@example.org")).status_code
            )

    assert codes[:20] == [302] * 20
    assert codes[20:] == [429, 429]
    assert "Probeer het over een uur opnieuw" in client.post(URL, {}).content.decode()
    # Another client is not affected.
    assert (
        Client(REMOTE_ADDR="10.1.1.2")
        .post(URL, form_data(lists, "ander@example.org"))
        .status_code
        == 302
    )


def test_invalid_input_shows_errors_in_dutch(client, lists):
    response = client.post(URL, {"email": "geen-adres", "website": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies minstens één nieuwsbrief." in html
    assert "Kies je werkveld." in html
    assert not Subscriber.objects.exists()


def test_a_suppressed_address_is_mailed_again_only_after_a_new_confirmation(
    client, lists, outbox, django_capture_on_commit_callbacks
):
    subscription = SubscriptionFactory(newsletter=lists["wise"])
    subscriber = subscription.subscriber
    subscriber.suppress(Subscriber.SuppressionReason.HARD_BOUNCE)
    assert not Subscription.objects.deliverable().exists()

    subscribe(
        client, django_capture_on_commit_callbacks, form_data(lists, subscriber.email)
    )

    (message,) = outbox
    assert message.subject.startswith("Bevestig je inschrijving")
    assert not Subscription.objects.deliverable().exists()
    client.post(link_in(message, "/bevestigen/"))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert Subscription.objects.deliverable().count() == 1


def test_addresses_are_one_subscriber_whatever_their_case(
    client, lists, outbox, django_capture_on_commit_callbacks
):
    subscribe(
        client, django_capture_on_commit_callbacks, form_data(lists, "An@Example.org")
    )
    subscribe(
        Client(), django_capture_on_commit_callbacks, form_data(lists, "an@example.ORG")
    )

    assert Subscriber.objects.get().email == "an@example.org"


def test_asking_for_a_new_link_answers_the_same_for_unknown_addresses(
    lists, outbox, django_capture_on_commit_callbacks
):
    known = SubscriptionFactory(newsletter=lists["wise"]).subscriber
    answers = []
    for email in (known.email, "onbekend@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            answers.append(
                Client().post("/nieuwsbrieven/nieuwe-link/", {"email": email})
            )

    assert answers[0]["Location"] == answers[1]["Location"]
    (message,) = outbox
    assert message.to == [known.email]
    assert "/nieuwsbrieven/voorkeuren/" in message.body


@pytest.mark.parametrize("days", [6])
def test_a_confirmation_link_still_works_within_its_week(
    client, lists, outbox, django_capture_on_commit_callbacks, monkeypatch, days
):
    subscribe(client, django_capture_on_commit_callbacks, form_data(lists))
    path = link_in(outbox[0], "/bevestigen/")
    later = time.time() + timedelta(days=days).total_seconds()
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    assert client.post(path).status_code == 200
    assert Subscription.objects.get().status == Subscription.Status.CONFIRMED
