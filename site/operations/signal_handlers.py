import socket

from celery.signals import worker_ready

from operations.models import Heartbeat


@worker_ready.connect
def record_worker_start(sender=None, **kwargs):
    Heartbeat.record(Heartbeat.Process.WORKER, hostname=socket.gethostname())
