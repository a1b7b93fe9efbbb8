"""One beat for the whole installation, however many machines start one.

Beat only enqueues its schedule; two of them would enqueue every periodic task
twice. Each beat therefore takes a lease in the shared cache (Redis in production)
before it schedules anything and renews it while it runs. A second beat, on this
machine or another, waits on standby and takes over when the lease of the first
runs out: after a clean stop at once, after a crash within ``BEAT_LEASE_SECONDS``.
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

LEASE_KEY = "operations:beat-lease"


def lease_seconds() -> int:
    """``BEAT_LEASE_SECONDS``: how long a silent beat keeps the lease."""
    return int(getattr(settings, "BEAT_LEASE_SECONDS", 60))


class BeatLease:
    """The lease of one beat process: acquire (waiting), renew, release."""

    def __init__(self, holder: str | None = None, seconds: int | None = None):
        self.holder = holder or (
            f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        )
        self.seconds = seconds or lease_seconds()
        self._stop = threading.Event()

    def try_acquire(self) -> bool:
        """Take the lease when nobody holds it (or we already do)."""
        if cache.add(LEASE_KEY, self.holder, timeout=self.seconds):
            return True
        return self.renew()

    def current_holder(self) -> str | None:
        return cache.get(LEASE_KEY)

    def renew(self) -> bool:
        """Extend our lease; False when another beat holds it."""
        if cache.get(LEASE_KEY) != self.holder:
            return False
        return bool(cache.touch(LEASE_KEY, self.seconds))

    def release(self) -> None:
        self._stop.set()
        if cache.get(LEASE_KEY) == self.holder:
            cache.delete(LEASE_KEY)

    def wait(self, poll: float | None = None) -> None:
        """Block until the lease is ours, saying once who holds it meanwhile."""
        poll = poll or max(1.0, self.seconds / 6)
        told = False
        while not self.try_acquire():
            if not told:
                logger.warning(
                    "Er draait al een planner (beat: %s); deze wacht tot die stopt.",
                    self.current_holder(),
                )
                told = True
            time.sleep(poll)
        logger.info("Planner actief (beat-lease %s).", self.holder)

    def keep(self, on_lost: Callable[[], None]) -> threading.Thread:
        """Renew the lease in the background; ``on_lost`` when it is gone."""

        def renew_forever():
            while not self._stop.wait(self.seconds / 3):
                if not self.renew():
                    logger.error("Beat-lease verloren aan %s.", self.current_holder())
                    on_lost()
                    return

        thread = threading.Thread(target=renew_forever, name="beat-lease", daemon=True)
        thread.start()
        return thread


def hold_for_this_process() -> BeatLease:
    """Called when beat starts: wait for the lease, keep it, give it back at exit."""
    import _thread

    lease = BeatLease()
    lease.wait()
    atexit.register(lease.release)
    # A beat that lost its lease (it hung longer than the lease) stops rather
    # than schedule alongside the one that took over.
    lease.keep(on_lost=_thread.interrupt_main)
    return lease
