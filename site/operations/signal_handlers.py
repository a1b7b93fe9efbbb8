import logging
import socket
import traceback as tracebacks

from celery.signals import beat_init, task_failure, task_retry, worker_ready

from operations.models import Heartbeat, TaskProblem

logger = logging.getLogger(__name__)


@worker_ready.connect
def record_worker_start(sender=None, **kwargs):
    Heartbeat.record(Heartbeat.Process.WORKER, hostname=socket.gethostname())


@beat_init.connect
def hold_the_single_beat_lease(sender=None, **kwargs):
    # Before the first tick: a second beat waits here on standby.
    from operations.single_beat import hold_for_this_process

    hold_for_this_process()


def _record(kind, task_name, request, exception, einfo, arguments="", task_id=""):
    # Whatever goes wrong while recording must not take the worker down with it:
    # the failure is in the log either way.
    try:
        if einfo is not None:
            text = str(einfo.traceback)
        else:
            text = "".join(tracebacks.format_exception(exception))
        TaskProblem.objects.create(
            kind=kind,
            task_name=(task_name or "?")[:200],
            task_id=(task_id or getattr(request, "id", None) or "")[:64],
            arguments=(arguments or _arguments(request))[:500],
            exception=f"{type(exception).__name__}: {exception}"[:500],
            traceback=text[-20000:],
            worker=(getattr(request, "hostname", None) or socket.gethostname())[:200],
        )
    except Exception:
        logger.exception("taakfout niet vastgelegd")


def _arguments(request, args=None, kwargs=None) -> str:
    args = args if args is not None else getattr(request, "args", None)
    kwargs = kwargs if kwargs is not None else getattr(request, "kwargs", None)
    return " ".join(str(part) for part in (args, kwargs) if part)


@task_failure.connect
def record_task_failure(sender=None, task_id=None, exception=None, args=None,
                        kwargs=None, einfo=None, **extra):  # fmt: skip
    request = getattr(sender, "request", None)
    arguments = _arguments(request, args, kwargs)
    name = getattr(sender, "name", "")
    _record(TaskProblem.Kind.FAILURE, name, request, exception, einfo, arguments,
            task_id)  # fmt: skip


@task_retry.connect
def record_task_retry(sender=None, request=None, reason=None, einfo=None, **kwargs):
    exception = reason if isinstance(reason, BaseException) else Exception(reason)
    _record(TaskProblem.Kind.RETRY, getattr(sender, "name", ""), request, exception,
            einfo)  # fmt: skip
