import pytest

from django.contrib.auth.models import Group, Permission
from django.core.mail import EmailMultiAlternatives, get_connection

from outbox.models import OutboxMessage
from tests.factories import UserFactory


def send_to_outbox(**overrides):
    message = EmailMultiAlternatives(
        subject=overrides.get("subject", "Welkom op het leerplatform"),
        body="Hallo An,\n\nWelkom!",
        from_email="Leerplatform <leerplatform@example.org>",
        to=["an@example.org"],
        headers={"List-Id": "<wise.leerplatform.example.org>"},
        connection=get_connection("outbox.backends.OutboxEmailBackend"),
    )
    message.attach_alternative(
        overrides.get("html", "<p>Hallo <strong>An</strong></p>"), "text/html"
    )
    return message.send()


@pytest.fixture
def editor(db):
    user = UserFactory(email="redacteur@example.org")
    group = Group.objects.create(name="Redactie")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_outboxmessage"),
    )
    user.groups.add(group)
    return user


def test_the_outbox_backend_keeps_the_whole_message(db):
    assert send_to_outbox() == 1
    stored = OutboxMessage.objects.get()
    assert stored.subject == "Welkom op het leerplatform"
    assert stored.recipients == "an@example.org"
    assert stored.text_body.startswith("Hallo An")
    assert "<strong>An</strong>" in stored.html_body
    assert stored.headers["List-Id"] == "<wise.leerplatform.example.org>"
    assert b"Content-Type: multipart/alternative" in bytes(stored.raw)


def test_an_editor_reads_the_outbox_in_the_admin(client, editor):
    send_to_outbox()
    client.force_login(editor)
    listing = client.get("/admin/outbox/")
    assert listing.status_code == 200
    assert "Welkom op het leerplatform" in listing.content.decode()

    message = OutboxMessage.objects.get()
    detail = client.get(f"/admin/outbox/inspect/{message.pk}/")
    assert detail.status_code == 200
    assert "List-Id" in detail.content.decode()


def test_the_outbox_viewer_shows_html_sanitised_in_a_sandboxed_frame(client, editor):
    send_to_outbox(html='<p onclick="steal()">Hoi</p><script>steal()</script>')
    client.force_login(editor)
    message = OutboxMessage.objects.get()
    page = client.get(f"/admin/outbox/inspect/{message.pk}/").content.decode()
    assert 'sandbox=""' in page
    assert "Hoi" in page
    assert "steal()" not in page


def test_messages_cannot_be_written_or_edited_from_the_admin(client, editor):
    send_to_outbox()
    client.force_login(editor)
    message = OutboxMessage.objects.get()
    assert client.get("/admin/outbox/new/").status_code in (302, 403)
    assert client.get(f"/admin/outbox/edit/{message.pk}/").status_code in (302, 403)


def test_people_without_the_permission_do_not_see_the_outbox(client, db):
    user = UserFactory()
    group = Group.objects.create(name="Lezers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert client.get("/admin/outbox/").status_code in (302, 403)


def test_the_purge_task_deletes_only_messages_past_retention(db, settings):
    from datetime import timedelta

    from django.utils import timezone

    from outbox.tasks import purge_outbox

    send_to_outbox(subject="recent")
    send_to_outbox(subject="oud")
    OutboxMessage.objects.filter(subject="oud").update(
        created_at=timezone.now() - timedelta(days=settings.OUTBOX_RETENTION_DAYS + 1)
    )
    assert purge_outbox.delay().get() == 1
    assert list(OutboxMessage.objects.values_list("subject", flat=True)) == ["recent"]
