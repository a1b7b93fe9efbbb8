"""A real Celery worker, on the Redis broker, doing real work in PostgreSQL."""

import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from celery import Celery

from django.utils import timezone

from operations.models import Heartbeat
from outbox.models import OutboxMessage
from tests.processes import database_url_of_test_database, redis_broker_url, wait_until

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker_queue():
    """A worker subprocess consuming a queue of its own on the Redis broker."""
    queue = f"leerplatform-test-{uuid.uuid4().hex[:8]}"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url_of_test_database(),
        "CELERY_BROKER_URL": redis_broker_url(0),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "PYTHONPATH": str(ROOT / "site"),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config.celery_app", "worker",
         "--pool=solo", "--loglevel=INFO", f"--queues={queue}",
         f"--hostname={queue}@%h"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    try:
        yield queue
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
        print(output[-4000:])


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_on_the_redis_broker_purges_old_outbox_mail_in_postgresql(
    worker_queue,
):
    old = OutboxMessage.objects.create(
        created_at=timezone.now() - timedelta(days=45),
        from_email="leerplatform@example.org",
        recipients="an@example.org",
        subject="Oud bericht",
        raw=b"",
    )
    recent = OutboxMessage.objects.create(
        from_email="leerplatform@example.org",
        recipients="an@example.org",
        subject="Nieuw bericht",
        raw=b"",
    )
    assert wait_until(
        lambda: Heartbeat.objects.filter(process=Heartbeat.Process.WORKER).exists()
    ), "the worker did not start"

    client = Celery("test-client", broker=redis_broker_url(0))
    client.send_task(
        "outbox.tasks.purge_outbox", kwargs={"days": 30}, queue=worker_queue
    )

    assert wait_until(lambda: not OutboxMessage.objects.filter(pk=old.pk).exists())
    assert OutboxMessage.objects.filter(pk=recent.pk).exists()
