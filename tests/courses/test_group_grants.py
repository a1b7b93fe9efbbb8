import pytest

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.group_grants import grant_group, read_addresses
from tests.factories import UserFactory


@pytest.fixture
def participants(db):
    return Group.objects.create(name="Deelnemers Connect & co. 2022")


@pytest.fixture
def editor(client, db):
    user = UserFactory(email="redacteur@example.org")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(
            codename="change_user", content_type__app_label="accounts"
        ),
    )
    client.force_login(user)
    return user


def test_a_csv_grants_the_group_to_known_users_and_reports_unknown_and_bad_rows(
    participants,
):
    UserFactory(email="an@bib.example.org")
    member = UserFactory(email="jan@bib.example.org")
    member.groups.add(participants)
    data = (
        b"e-mailadres;naam\n"
        b"An@Bib.example.org;An\n"
        b"jan@bib.example.org;Jan\n"
        b"onbekend@bib.example.org;Onbekend\n"
        b"geen adres;Fout\n"
        b"\n"
    )

    report = grant_group(participants, data)

    assert report.granted == ["an@bib.example.org"]
    assert report.already_members == ["jan@bib.example.org"]
    assert report.unknown == ["onbekend@bib.example.org"]
    assert report.invalid == [(5, "geen adres")]
    assert set(participants.user_set.values_list("email", flat=True)) == {
        "an@bib.example.org",
        "jan@bib.example.org",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leeg"),
        (b"\xff\xfe\x00\x00binary", "UTF-8"),
        (b"email\n\n", "geen e-mailadressen"),
        (b"a\x00b", "geen CSV"),
    ],
)
def test_a_bad_csv_gets_a_clear_error(data, message):
    with pytest.raises(ValidationError, match=message):
        read_addresses(data)


def test_editors_grant_a_group_in_the_admin_and_see_the_report(
    client, editor, participants
):
    UserFactory(email="an@bib.example.org")
    upload = SimpleUploadedFile(
        "deelnemers.csv", b"email\nan@bib.example.org\nwie@example.org\n", "text/csv"
    )

    response = client.post(
        "/admin/groep-toekennen/", {"group": participants.pk, "csv_file": upload}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "1 gebruiker kreeg toegang." in content
    assert "wie@example.org" in content
    assert participants.user_set.filter(email="an@bib.example.org").exists()


def test_a_bad_file_in_the_admin_shows_the_error_and_grants_nothing(
    client, editor, participants
):
    upload = SimpleUploadedFile("foto.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "text/csv")

    response = client.post(
        "/admin/groep-toekennen/", {"group": participants.pk, "csv_file": upload}
    )

    assert (
        "UTF-8" in response.content.decode() or "geen CSV" in response.content.decode()
    )
    assert not participants.user_set.exists()


def test_editors_without_the_permission_cannot_grant_groups(client, db):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get("/admin/groep-toekennen/")

    assert response.status_code in (302, 403)
