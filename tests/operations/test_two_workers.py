"""Scaling out: two real Celery workers (separate processes, distinct names) on the
Redis broker share one newsletter send to an aiosmtpd sink. The work is split
between them, nobody gets a message twice, the global rate limit holds for both
together, and a "send" that reaches both workers twice is still one run. Two beats:
one schedules, the other waits on standby and takes over when the first stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from celery import Celery

from django.db import connection

from config.celery_app import app as celery_app
from newsletters import sending
from newsletters.models import Delivery, IssueStatus, SendRun
from newsletters.tasks import freeze_audience_task, send_chunk_task
from operations.models import TaskProblem
from tests.conftest import redis_url
from tests.newsletters.factories import list_with_subscribers, make_issue
from tests.newsletters.smtp_sink import Sink
from tests.processes import (
    database_url_of_test_database,
    free_port,
    redis_broker_url,
    wait_until,
)

ROOT = Path(__file__).resolve().parents[2]
RECIPIENTS = 300
RATE = 50  # messages per second for all workers together

pytestmark = [pytest.mark.redis]


class TimedSink(Sink):
    """The sink, noting when each message arrived (to check the shared rate)."""

    def __init__(self):
        super().__init__()
        self.arrivals: list[float] = []

    async def handle_DATA(self, server, session, envelope):
        self.arrivals.append(time.time())
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def sink():
    handler = TimedSink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


def shared_cache_env() -> dict[str, str]:
    """Settings for processes that must share one real cache, as in production."""
    from urllib.parse import urlsplit

    return {
        "TEST_CACHE_URL": f"redis://{urlsplit(redis_url()).netloc}"
        f"{urlsplit(redis_url()).path or '/0'}",
        "TEST_CACHE_PREFIX": f"lp-schaal-{uuid.uuid4().hex[:8]}",
    }


class TwoWorkers:
    """Two worker processes on one queue of this test, mailing to the sink."""

    def __init__(self, smtp_port: int, tmp_path: Path):
        self.queue = f"schaal-test-{uuid.uuid4().hex[:8]}"
        self.names = [f"{letter}-{self.queue}@leerplatform" for letter in "ab"]
        smtp = f"smtp://127.0.0.1:{smtp_port}"
        self.env = os.environ | shared_cache_env() | {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url_of_test_database(),
            "CELERY_BROKER_URL": redis_broker_url(4),
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "EMAIL_URL": smtp,
            "TEST_EMAIL_URL": smtp,
            "NEWSLETTER_TEST_QUEUE": self.queue,
            "NEWSLETTER_SEND_RATE": str(RATE),
            # Small chunks, four chains: plenty of tasks for both workers to take.
            "NEWSLETTER_CHUNK_SIZE": "20",
            "NEWSLETTER_PARALLEL_CHUNKS": "4",
            "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
        }  # fmt: skip
        self.tmp_path = tmp_path
        self.processes: list[subprocess.Popen] = []
        self.sender = Celery("schaal-test", broker=redis_broker_url(4))

    def start(self) -> None:
        for name in self.names:
            log = (self.tmp_path / f"{name.split('@')[0]}.log").open("w")
            self.processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "tests.newsletters.sending_worker",
                        "worker",
                        "--pool=solo",
                        "--loglevel=WARNING",
                        f"--queues={self.queue}",
                        f"--hostname={name}",
                    ],
                    cwd=ROOT,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )  # fmt: skip
            )

        def both_answer():
            replies = self.sender.control.ping(destination=self.names, timeout=1)
            return {name for reply in replies for name in reply} == set(self.names)

        assert wait_until(both_answer, 90), self.logs()

    def publish(self, task_name: str, args=None, kwargs=None):
        return self.sender.send_task(task_name, args, kwargs, queue=self.queue)

    def logs(self) -> str:
        return "\n".join(log.read_text()[-2000:] for log in self.tmp_path.glob("*.log"))

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        with self.sender.connection_for_write() as conn:
            conn.default_channel.queue_delete(self.queue)
        self.sender.close()


@pytest.fixture
def workers(sink, tmp_path, monkeypatch, settings):
    pool = TwoWorkers(sink.port, tmp_path)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    for task in (freeze_audience_task, send_chunk_task):

        def publish(args=None, kwargs=None, _name=task.name, **options):
            return pool.publish(_name, args, kwargs)

        monkeypatch.setattr(task, "apply_async", publish)
    try:
        yield pool
    finally:
        celery_app.conf.task_always_eager = was_eager
        pool.stop()
        print(pool.logs())


def start_twice_at_once(issue) -> list[SendRun]:
    """Two editors press "send" at the same moment, each in its own connection."""
    barrier = threading.Barrier(2)
    runs: list[SendRun] = []

    def press():
        try:
            barrier.wait()
            runs.append(sending.start_run(issue))
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return runs


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_share_one_send_within_the_global_rate_and_mail_nobody_twice(
    sink, workers, home_page
):
    wise = list_with_subscribers(RECIPIENTS)
    issue = make_issue(wise)
    workers.start()

    runs = start_twice_at_once(issue)
    # The freeze reaching both workers and extra chains of chunks change nothing:
    # rows are unique per recipient and claimed by one worker at a time.
    run = runs[0]
    workers.publish(freeze_audience_task.name, (run.pk,))
    for _ in range(2):
        workers.publish(send_chunk_task.name, (run.pk,))

    def status():
        return SendRun.objects.values_list("status", flat=True).get(pk=run.pk)

    assert wait_until(lambda: status() == IssueStatus.SENT, 120), (
        f"the run is {status()}; {workers.logs()}"
    )
    assert len(runs) == 2 and runs[0].pk == runs[1].pk
    assert SendRun.objects.filter(issue=issue).count() == 1

    received = sink.handler.recipients()
    assert len(received) == RECIPIENTS
    assert max(received.values()) == 1, [a for a, n in received.items() if n > 1]
    rows = Delivery.objects.filter(run=run)
    assert rows.count() == RECIPIENTS
    assert set(rows.values_list("status", flat=True)) == {Delivery.Status.SENT}

    per_worker = Counter(rows.values_list("worker", flat=True))
    assert set(per_worker) == set(workers.names), per_worker
    assert all(count >= RECIPIENTS // 10 for count in per_worker.values()), per_worker

    # Both workers drew from one budget of RATE messages per second of the clock:
    # 300 at 50 need six such seconds, and the first and the last may be used
    # only at their end and their start, so at least four seconds lie between the
    # first and the last message (a little less at the sink, whose arrivals
    # jitter). Two separate budgets would need three seconds of the clock.
    arrivals = sorted(sink.handler.arrivals)
    span = arrivals[-1] - arrivals[0]
    assert span >= RECIPIENTS / RATE - 2.25, (
        f"{RECIPIENTS} messages in {span:.1f} s: more than {RATE}/s"
    )
    busiest_second = max(Counter(int(moment) for moment in arrivals).values())
    assert busiest_second <= 2 * RATE, busiest_second

    # A task that fails on a worker shows up for the admin, with the worker's name.
    workers.publish(freeze_audience_task.name, (run.pk + 1000,))
    assert wait_until(lambda: TaskProblem.objects.exists(), 30), workers.logs()
    problem = TaskProblem.objects.get()
    assert problem.task_name == freeze_audience_task.name
    assert problem.exception.startswith("DoesNotExist")
    assert problem.worker in workers.names


def start_beat(tmp_path: Path, name: str, env: dict[str, str]) -> subprocess.Popen:
    log = (tmp_path / f"{name}.log").open("w")
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config.celery_app", "beat",
         "--loglevel=INFO", f"--schedule={tmp_path / name}-schedule"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def log_of(tmp_path: Path, name: str) -> str:
    return (tmp_path / f"{name}.log").read_text()


def stop(process: subprocess.Popen, signum=signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signum)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def assert_logged(tmp_path: Path, name: str, text: str, seconds: float) -> None:
    found = wait_until(lambda: text in log_of(tmp_path, name), seconds)
    assert found, f"{name} did not log {text!r}:\n{log_of(tmp_path, name)}"


ACTIVE = "Planner actief"
STANDBY = "Er draait al een planner"


def test_a_second_beat_waits_on_standby_and_takes_over_when_the_first_stops(
    tmp_path,
):
    env = os.environ | shared_cache_env() | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        # Whatever beat would enqueue stays inside its own process.
        "CELERY_BROKER_URL": "memory://",
        "BEAT_LEASE_SECONDS": "10",
        "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
    }  # fmt: skip
    first = start_beat(tmp_path, "beat-1", env)
    second = third = None
    try:
        assert_logged(tmp_path, "beat-1", ACTIVE, 60)
        second = start_beat(tmp_path, "beat-2", env)
        assert_logged(tmp_path, "beat-2", STANDBY, 60)
        # Longer than the lease: the first keeps renewing it, the second keeps
        # waiting.
        time.sleep(12)
        assert ACTIVE not in log_of(tmp_path, "beat-2")
        assert second.poll() is None

        # A clean stop hands over at once.
        stop(first)
        assert_logged(tmp_path, "beat-2", ACTIVE, 15)

        # A crashed beat cannot give its lease back; it runs out.
        third = start_beat(tmp_path, "beat-3", env)
        assert_logged(tmp_path, "beat-3", STANDBY, 60)
        stop(second, signal.SIGKILL)
        assert_logged(tmp_path, "beat-3", ACTIVE, 30)
    finally:
        for process in (first, second, third):
            if process is not None:
                stop(process)
