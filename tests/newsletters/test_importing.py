import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from newsletters.importing import import_file, import_rows, read_rows
from newsletters.models import (
    ConsentRecord,
    ImportRun,
    Subscriber,
    Subscription,
)
from tests.factories import UserFactory
from tests.newsletters.factories import SubscriberFactory, SubscriptionFactory

GOOD_AND_BAD = """e-mail;naam;organisatie;werkveld;lijsten;toestemming_bron;toestemming_datum
an.peeters@example.org;An Peeters;Bibliotheek Gent;Bibliotheek;wise|connected;Inschrijflijst Bibliotheekdag 2022;06/10/2022
bart@example.org;;CC Brugge;cultuurhuis;gopress;Formulier op papier;2022-03-01
geen-adres;X;;bibliotheek;wise;Lijst;2022-01-01
zonder.bron@example.org;X;;bibliotheek;wise;;2022-01-01
onbekend@example.org;X;;bibliotheek;bestaat-niet;Lijst;2022-01-01
werkveld@example.org;X;;brandweer;wise;Lijst;2022-01-01
datum@example.org;X;;bibliotheek;wise;Lijst;morgen
AN.PEETERS@example.org;Dubbel;;bibliotheek;wise;Lijst;2022-01-01
formule@example.org;=HYPERLINK("x");;bibliotheek;wise;;2022-01-01
"""  # noqa: E501


def upload(text: str, name="abonnees.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), "text/csv")


def test_import_adds_valid_rows_and_reports_every_bad_row_with_its_reason(lists):
    run = import_file(upload(GOOD_AND_BAD), user=UserFactory())

    assert (run.rows, run.subscribers_created, run.subscriptions_created) == (9, 2, 3)
    assert run.rejected == 7
    an = Subscriber.objects.get(email="an.peeters@example.org")
    assert an.werkveld == "bibliotheek" and an.organisation == "Bibliotheek Gent"
    assert set(
        an.subscriptions.confirmed().values_list("newsletter__slug", flat=True)
    ) == {
        "wise",
        "connected",
    }
    record = ConsentRecord.objects.get(subscriber=an)
    assert record.source_detail == "Inschrijflijst Bibliotheekdag 2022"
    assert record.consented_at.date().isoformat() == "2022-10-06"

    report = list(csv.DictReader(io.StringIO(run.rejected_csv)))
    reasons = {row["e-mail"]: row["reden"] for row in report}
    assert reasons["geen-adres"] == "ongeldig e-mailadres"
    assert reasons["zonder.bron@example.org"].startswith("geen bron van toestemming")
    assert reasons["onbekend@example.org"] == "onbekende lijst: bestaat-niet"
    assert reasons["werkveld@example.org"] == "onbekend werkveld: brandweer"
    assert reasons["datum@example.org"].startswith("ongeldige of ontbrekende")
    assert reasons["AN.PEETERS@example.org"] == "dubbel adres in dit bestand"
    # A formula in a cell comes back as text, never as a formula.
    assert next(r for r in report if r["e-mail"] == "formule@example.org")["naam"] == (
        '\'=HYPERLINK("x")'
    )


def test_importing_the_same_file_again_changes_nothing(lists):
    import_file(upload(GOOD_AND_BAD))
    snapshot = (
        list(Subscriber.objects.values().order_by("id")),
        list(Subscription.objects.values().order_by("id")),
        ConsentRecord.objects.count(),
    )

    again = import_file(upload(GOOD_AND_BAD))

    assert (again.subscribers_created, again.subscriptions_created) == (0, 0)
    assert again.unchanged == 2
    assert snapshot == (
        list(Subscriber.objects.values().order_by("id")),
        list(Subscription.objects.values().order_by("id")),
        ConsentRecord.objects.count(),
    )


def test_import_never_touches_suppressed_or_unsubscribed_people(lists):
    bounced = SubscriberFactory(email="bounce@example.org", name="Oud")
    bounced.suppress(Subscriber.SuppressionReason.HARD_BOUNCE)
    left = SubscriptionFactory(
        newsletter=lists["wise"],
        subscriber__email="weg@example.org",
        status=Subscription.Status.UNSUBSCRIBED,
    )
    text = (
        "e-mail,naam,lijsten,toestemming_bron,toestemming_datum\n"
        "bounce@example.org,Nieuw,wise,Lijst,2022-01-01\n"
        "weg@example.org,Nieuw,wise,Lijst,2022-01-01\n"
    )

    report = import_rows(read_rows(text))

    reasons = [reason for _row, reason in report.rejected]
    assert "geblokkeerd (harde bounce)" in reasons[0]
    assert reasons[1].startswith("afgemeld voor wise")
    left.refresh_from_db()
    assert left.status == Subscription.Status.UNSUBSCRIBED
    bounced.refresh_from_db()
    assert bounced.name == "Oud" and not bounced.subscriptions.exists()


def test_import_leaves_a_known_subscribers_details_alone(lists):
    known = SubscriptionFactory(
        newsletter=lists["wise"], subscriber__name="Eigen Naam"
    ).subscriber
    text = (
        "e-mail,naam,lijsten,toestemming_bron,toestemming_datum\n"
        f"{known.email},Andere Naam,wise|gopress,Lijst,2022-01-01\n"
    )

    report = import_rows(read_rows(text))

    known.refresh_from_db()
    assert known.name == "Eigen Naam"
    assert report.subscriptions_created == 1


def test_editors_import_in_the_admin_and_download_the_rejected_rows(client, lists):
    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)

    page = client.get("/admin/nieuwsbrieven/importeren/")
    response = client.post(
        "/admin/nieuwsbrieven/importeren/", {"file": upload(GOOD_AND_BAD)}, follow=True
    )

    assert page.status_code == 200
    html = response.content.decode()
    assert "9 rijen gelezen: 2 nieuwe abonnees, 3 nieuwe inschrijvingen" in html
    run = ImportRun.objects.get()
    report = client.get(f"/admin/nieuwsbrieven/importeren/{run.pk}/geweigerd.csv")
    assert report["Content-Type"].startswith("text/csv")
    assert "dubbel adres in dit bestand" in report.content.decode("utf-8-sig")


def test_people_without_the_permission_cannot_import_or_export(client, lists):
    client.force_login(UserFactory(is_staff=True))

    assert client.get("/admin/nieuwsbrieven/importeren/").status_code in (302, 403)
    assert client.get(
        f"/admin/nieuwsbrieven/exporteren/{lists['wise'].pk}.csv"
    ).status_code in (302, 403)


def test_a_list_exports_its_deliverable_subscribers_in_the_import_layout(client, lists):
    SubscriptionFactory(newsletter=lists["wise"], subscriber__email="a@example.org")
    SubscriptionFactory(
        newsletter=lists["wise"],
        subscriber__email="wacht@example.org",
        status=Subscription.Status.PENDING,
    )
    SubscriptionFactory(
        newsletter=lists["wise"], subscriber__email="bounce@example.org"
    ).subscriber.suppress(Subscriber.SuppressionReason.HARD_BOUNCE)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(f"/admin/nieuwsbrieven/exporteren/{lists['wise'].pk}.csv")

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["e-mail"] for row in rows] == ["a@example.org"]
    assert rows[0]["lijsten"] == "wise"
    # An export imported again changes nothing.
    report = import_rows(read_rows(text))
    assert report.unchanged == 1 and not report.rejected
