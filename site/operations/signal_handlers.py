import socket

from celery.signals import beat_init, worker_ready

from operations.models import Heartbeat


@worker_ready.connect
def record_worker_start(sender=None, **kwargs):
    Heartbeat.record(Heartbeat.Process.WORKER, hostname=socket.gethostname())


@beat_init.connect
def hold_the_single_beat_lease(sender=None, **kwargs):
    # Before the first tick: a second beat waits here on standby.
    from operations.single_beat import hold_for_this_process

    hold_for_this_process()
