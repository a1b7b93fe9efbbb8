"""Delivery claims: the state transitions that keep a send exactly-once in practice.

queued → claimed (by one claim token, in a batch, before any SMTP traffic)
claimed → sending (one row, once the server accepted its recipient and before the
          final dot of its message; only while the run is still sending — pause
          and cancel take effect here)
sending → sent (confirmed in small batches), or → queued / failed / bounced
          (recorded at once, with the SMTP answer)

After a worker dies, a *claimed* row never reached the mail server and is safely
queued again. A *sending* row is presumed sent and is not sent again: the worker
died while handing the message over, almost always after the server accepted it
(a message takes longer to be accepted than to be sent). SMTP cannot tell the rest
apart; we choose at most once for that instant (one message per dead worker at
most) over a duplicate for everyone in the chunk.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from psycopg.pq import ExecStatus

from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from newsletters.models import Delivery, IssueStatus, SendRun

Status = Delivery.Status


@dataclass(frozen=True)
class ClaimedRow:
    delivery_id: int
    subscriber_id: int
    segment_id: int | None
    attempts: int


def new_token() -> str:
    return secrets.token_hex(8)


def claimable(run_id: int, now: datetime):
    """Queued rows of a run that may be tried now (not waiting for a retry)."""
    return Delivery.objects.filter(run_id=run_id, status=Status.QUEUED).filter(
        Q(retry_after__isnull=True) | Q(retry_after__lte=now)
    )


def claim(run_id: int, token: str, limit: int, worker: str = "") -> list[ClaimedRow]:
    """Claim up to ``limit`` claimable rows of a run for ``token`` (and the worker
    named ``worker``), in id order.

    Rows locked by a concurrent claim are skipped rather than waited for, so any
    number of chunk tasks can claim at once without ever sharing a row.
    """
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            claimable(run_id, now)
            .order_by("id")
            .select_for_update(skip_locked=True)
            .values_list("id", flat=True)[:limit]
        )
        if not ids:
            return []
        Delivery.objects.filter(id__in=ids, status=Status.QUEUED).update(
            status=Status.CLAIMED, claim_token=token, claimed_at=now,
            worker=worker[:200],
        )  # fmt: skip
        rows = Delivery.objects.filter(id__in=ids, claim_token=token).order_by("id")
        return [
            ClaimedRow(r.id, r.subscriber_id, r.segment_id, r.attempts)
            for r in rows.only("id", "subscriber_id", "segment_id", "attempts")
        ]


@contextlib.contextmanager
def asynchronous_commit() -> Iterator[None]:
    """While a chunk sends: PostgreSQL commits its row updates without waiting for
    the WAL flush (about 2 ms less per message on an ordinary disk).

    Only a crash of the database server itself can lose such a commit, and then
    only those of its last fraction of a second: a row whose *sending* mark is lost
    that way is queued again and its recipient may get the message twice. A worker
    that dies loses nothing: the server has the commit already.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        # The connection may serve other work after the chunk, durably again.
        with contextlib.suppress(Exception), connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO DEFAULT")


def _start_sending_sql(placeholders: list[str]) -> str:
    p = iter(placeholders)
    return (
        f"UPDATE {Delivery._meta.db_table} SET status = {next(p)}"
        f" WHERE id = {next(p)} AND status = {next(p)} AND claim_token = {next(p)}"
        f" AND EXISTS (SELECT 1 FROM {SendRun._meta.db_table}"
        f" WHERE id = {next(p)} AND status = {next(p)})"
    )


_PREPARED_NAME = b"newsletters_start_sending"


def _prepared(pg_connection):
    """The libpq connection of a psycopg connection, with the sending mark
    prepared on it (once per connection: planning it was half of its cost)."""
    pgconn = pg_connection.pgconn
    if getattr(pg_connection, "_newsletters_prepared", None) is not pgconn:
        sql = _start_sending_sql([f"${n}" for n in range(1, 7)]).encode()
        result = pgconn.prepare(_PREPARED_NAME, sql)
        if result.status != ExecStatus.COMMAND_OK:
            raise DatabaseError(result.error_message.decode(errors="replace"))
        pg_connection._newsletters_prepared = pgconn
    return pgconn


def _start_sending_params(delivery_id: int, token: str, run_id: int) -> list:
    return [Status.SENDING, delivery_id, Status.CLAIMED, token, run_id,
            IssueStatus.SENDING]  # fmt: skip


def start_sending(delivery_id: int, token: str, run_id: int) -> bool:
    """Mark one claimed row as being handed to the mail server, in one statement
    that also checks that the run is still sending. False: do not send it."""
    with connection.cursor() as cursor:
        cursor.execute(
            _start_sending_sql(["%s"] * 6),
            _start_sending_params(delivery_id, token, run_id),
        )
        return cursor.rowcount == 1


class Handover:
    """The *sending* mark of one row, made while the SMTP conversation goes on.

    ``begin()`` hands the statement to PostgreSQL without waiting for it;
    ``confirmed()`` waits for its answer, which by then is usually there: the
    database's round trip overlaps the mail server's, instead of adding to it for
    every message. Other databases mark the row in ``confirmed()``. Whoever calls
    ``begin()`` must call ``confirmed()``, whatever happens in between: the answer
    has to be read before the connection can run anything else.
    """

    def __init__(self, delivery_id: int, token: str, run_id: int):
        self.delivery_id, self.token, self.run_id = delivery_id, token, run_id
        self._pgconn = None

    def begin(self) -> None:
        if connection.vendor != "postgresql":
            return
        if connection.connection is None:
            connection.ensure_connection()
        pgconn = _prepared(connection.connection)
        params = _start_sending_params(self.delivery_id, self.token, self.run_id)
        pgconn.send_query_prepared(
            _PREPARED_NAME, [str(value).encode() for value in params]
        )
        pgconn.flush()
        self._pgconn = pgconn

    def confirmed(self) -> bool:
        """True when the row is marked and may be sent; False when the run was
        paused or cancelled, or the claim is no longer this chunk's."""
        if self._pgconn is None:
            return start_sending(self.delivery_id, self.token, self.run_id)
        pgconn, self._pgconn = self._pgconn, None
        result = pgconn.get_result()
        while pgconn.get_result() is not None:
            pass
        if result is None or result.status != ExecStatus.COMMAND_OK:
            message = result.error_message.decode(errors="replace") if result else ""
            raise DatabaseError(f"sending mark failed: {message}")
        return int(result.command_tuples or 0) == 1

    def settle(self) -> None:
        """Read a begun mark's answer when the message will not be sent after all
        (the server refused it, the connection broke): the row's fate is then
        recorded by the caller."""
        if self._pgconn is not None:
            self.confirmed()


def confirm_sent(delivery_ids: list[int], token: str) -> int:
    """Record that the mail server accepted these rows' messages."""
    if not delivery_ids:
        return 0
    now = timezone.now()
    return Delivery.objects.filter(
        id__in=delivery_ids, status=Status.SENDING, claim_token=token
    ).update(
        status=Status.SENT,
        sent_at=now,
        finished_at=now,
        last_error="",
        attempts=F("attempts") + 1,
    )


def record_failure(delivery_id: int, token: str, status: str, error: str) -> None:
    """A permanent failure (5xx): recorded for this recipient, never retried."""
    Delivery.objects.filter(id=delivery_id, claim_token=token).update(
        status=status,
        last_error=error[:500],
        finished_at=timezone.now(),
        attempts=F("attempts") + 1,
    )


def defer(delivery_id: int, token: str, error: str, delay: timedelta,
          max_attempts: int) -> bool:  # fmt: skip
    """A temporary failure (4xx, dropped connection): queued again after ``delay``,
    or failed once it has had ``max_attempts``. True when it will be retried."""
    row = Delivery.objects.filter(id=delivery_id, claim_token=token)
    if row.filter(attempts__gte=max_attempts - 1).update(
        status=Status.FAILED,
        last_error=error[:500],
        finished_at=timezone.now(),
        attempts=F("attempts") + 1,
    ):
        return False
    row.update(
        status=Status.QUEUED,
        attempts=F("attempts") + 1,
        claim_token="",
        last_error=error[:500],
        retry_after=timezone.now() + delay,
    )
    return True


def release(token: str) -> int:
    """Give back the rows a chunk claimed but did not start (pause, stop, error)."""
    return Delivery.objects.filter(claim_token=token, status=Status.CLAIMED).update(
        status=Status.QUEUED, claim_token=""
    )


def recover_stale(older_than: timedelta, run_ids=None) -> tuple[int, int]:
    """Rows of dead workers: claimed ones queued again, sending ones presumed sent.

    Returns the numbers (requeued, presumed sent).
    """
    cutoff = timezone.now() - older_than
    rows = Delivery.objects.filter(claimed_at__lt=cutoff)
    if run_ids is not None:
        rows = rows.filter(run_id__in=run_ids)
    requeued = rows.filter(status=Status.CLAIMED).update(
        status=Status.QUEUED, claim_token=""
    )
    now = timezone.now()
    presumed = rows.filter(status=Status.SENDING).update(
        status=Status.SENT,
        sent_at=now,
        finished_at=now,
        attempts=F("attempts") + 1,
        last_error="Worker gestopt tijdens de overdracht; als verzonden beschouwd.",
    )
    return requeued, presumed


def counts(run_id: int) -> dict[str, int]:
    """Rows per status of a run (every status present, zero when none)."""
    from django.db.models import Count

    result = dict.fromkeys(Status.values, 0)
    for row in (
        Delivery.objects.filter(run_id=run_id)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
    ):
        result[row["status"]] = row["n"]
    return result
