from datetime import timedelta

from django.utils import timezone

from operations.models import Heartbeat
from operations.tasks import record_heartbeat


def test_a_scheduled_heartbeat_records_both_beat_and_worker(db):
    record_heartbeat.delay(process=Heartbeat.Process.BEAT)
    assert set(Heartbeat.objects.values_list("process", flat=True)) == {
        "beat",
        "worker",
    }
    assert all(beat.is_alive for beat in Heartbeat.objects.all())


def test_a_heartbeat_older_than_three_minutes_is_not_alive(db):
    Heartbeat.objects.create(
        process=Heartbeat.Process.BEAT, last_seen=timezone.now() - timedelta(minutes=4)
    )
    assert not Heartbeat.objects.get().is_alive


def test_the_admin_dashboard_shows_the_state_of_the_background_processes(
    admin_client,
):
    Heartbeat.record(Heartbeat.Process.WORKER)
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Achtergrondtaken" in content
    assert "actief" in content
    assert "nog niet gezien" in content  # beat has not run in this test
