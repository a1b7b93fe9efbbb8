import socket

from celery import shared_task

from operations.models import Heartbeat


@shared_task
def record_heartbeat(process: str = Heartbeat.Process.BEAT) -> None:
    """Scheduled by beat and run by a worker: proves both are alive."""
    Heartbeat.record(process, hostname=socket.gethostname())
    Heartbeat.record(Heartbeat.Process.WORKER, hostname=socket.gethostname())
