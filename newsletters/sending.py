"""Sending a newsletter issue: runs, the frozen audience, and chunked delivery.

A send is a ``SendRun`` (one per issue: a second click finds the first) whose
audience is frozen into ``Delivery`` rows when it starts, walking the deliverable
subscriptions in keyset batches so memory stays flat. Chunk tasks then claim rows
(``newsletters.claims``), send them over one connection each, and hand over to the
next chunk; a beat task starts scheduled runs and restarts runs whose workers died.
Nothing here is called from a web request except ``start_run``, ``schedule_run``
and the pause/resume/cancel switches, which only write rows and enqueue tasks.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import BigIntegerField, Case, F, Min, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from newsletters import claims, references, rendering, tracking
from newsletters.models import (
    Delivery,
    IssueStatus,
    NewsletterIssuePage,
    Segment,
    SendRun,
    Subscriber,
    Subscription,
)
from newsletters.pacing import RateLimiter, breaker_tripped, send_rate, trip_breaker
from newsletters.signal_handlers import METADATA_KEY
from newsletters.tokens import ALL_LISTS
from newsletters.transport import (
    CONNECTION_ERRORS,
    NotSent,
    PermanentFailure,
    TemporaryFailure,
    Transport,
)

logger = logging.getLogger(__name__)

Status = Delivery.Status


def _setting(name: str, default):
    return getattr(settings, name, default)


def chunk_size() -> int:
    """Rows per chunk task: ``NEWSLETTER_CHUNK_SIZE``, but never more than a quarter
    of the claim timeout's worth at the send rate, so a live chunk is never taken
    for a dead one."""
    size = int(_setting("NEWSLETTER_CHUNK_SIZE", 200))
    rate = send_rate()
    if rate > 0:
        size = min(size, max(1, int(rate * claim_timeout().total_seconds() / 4)))
    return size


def claim_timeout() -> timedelta:
    """``NEWSLETTER_CLAIM_TIMEOUT`` seconds: after this, a claim is a dead worker's."""
    return timedelta(seconds=int(_setting("NEWSLETTER_CLAIM_TIMEOUT", 600)))


def parallel_chunks() -> int:
    """``NEWSLETTER_PARALLEL_CHUNKS``: chunk tasks of one run in flight at once."""
    return int(_setting("NEWSLETTER_PARALLEL_CHUNKS", 4))


def retry_delay(attempt: int) -> timedelta:
    """Backoff for temporary failures: 30 s, 1 min, 2 min … at most an hour."""
    base = int(_setting("NEWSLETTER_RETRY_BASE_SECONDS", 30))
    return timedelta(seconds=min(3600, base * 2 ** max(0, attempt - 1)))


def max_attempts() -> int:
    return int(_setting("NEWSLETTER_MAX_ATTEMPTS", 8))


# -- Starting, scheduling, pausing ---------------------------------------------------


class SendError(Exception):
    """A send that cannot start; the message is for the editor."""


def _enqueue(task, *args, **kwargs) -> None:
    transaction.on_commit(lambda: task.apply_async(args=args, kwargs=kwargs))


def _get_or_create_run(issue: NewsletterIssuePage, user, **values) -> SendRun:
    # The page row is locked so that two clicks wait for each other; the one-to-one
    # constraint holds even where locks do not (another database, a script).
    NewsletterIssuePage.objects.select_for_update().filter(pk=issue.pk).first()
    run = SendRun.objects.select_for_update().filter(issue=issue).first()
    if run is not None:
        return run
    if not issue.live or issue.live_revision_id is None:
        raise SendError(_("Publiceer de editie voor je ze verzendt."))
    try:
        with transaction.atomic():
            return SendRun.objects.create(
                issue=issue,
                newsletter=issue.newsletter,
                revision_id=issue.live_revision_id,
                created_by=user,
                **values,
            )
    except IntegrityError:
        return SendRun.objects.select_for_update().get(issue=issue)


@transaction.atomic
def start_run(issue: NewsletterIssuePage, user=None) -> SendRun:
    """Send an issue now: one run per issue, however often this is called."""
    run = _get_or_create_run(issue, user, status=IssueStatus.SCHEDULED)
    if run.status == IssueStatus.SCHEDULED:
        _begin(run)
    return run


@transaction.atomic
def schedule_run(issue: NewsletterIssuePage, when: datetime, user=None) -> SendRun:
    """Send an issue at ``when`` (the beat task starts it); rescheduling a run that
    has not started moves it."""
    run = _get_or_create_run(
        issue, user, status=IssueStatus.SCHEDULED, scheduled_for=when
    )
    if run.status == IssueStatus.SCHEDULED and run.scheduled_for != when:
        run.scheduled_for = when
        run.revision_id = issue.live_revision_id
        run.save(update_fields=["scheduled_for", "revision"])
    return run


def _begin(run: SendRun) -> None:
    from newsletters.tasks import freeze_audience_task

    now = timezone.now()
    if run.issue_id:
        # The content is fixed when the send starts, not when it was scheduled.
        run.revision_id = run.issue.live_revision_id or run.revision_id
    run.status = IssueStatus.SENDING
    run.started_at = now
    run.last_activity_at = now
    run.save(update_fields=["status", "started_at", "last_activity_at", "revision"])
    _enqueue(freeze_audience_task, run.pk)


def start_due_runs(now: datetime | None = None) -> int:
    """Start every scheduled run whose time has come (the beat task)."""
    started = 0
    for run_id in SendRun.objects.due(now or timezone.now()).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            run = (
                SendRun.objects.select_for_update(of=("self",))
                .select_related("issue")
                .filter(pk=run_id, status=IssueStatus.SCHEDULED)
                .first()
            )
            if run is not None:
                _begin(run)
                started += 1
    return started


def pause_run(run: SendRun, reason: str = "") -> bool:
    """Stop after the messages in flight; queued rows wait for ``resume_run``."""
    return bool(
        SendRun.objects.filter(pk=run.pk, status=IssueStatus.SENDING).update(
            status=IssueStatus.PAUSED, status_reason=reason
        )
    )


def resume_run(run: SendRun) -> bool:
    """Carry on with a paused run."""
    with transaction.atomic():
        changed = SendRun.objects.filter(pk=run.pk, status=IssueStatus.PAUSED).update(
            status=IssueStatus.SENDING,
            status_reason="",
            last_activity_at=timezone.now(),
        )
        if changed:
            dispatch(run.pk)
    return bool(changed)


def cancel_run(run: SendRun) -> bool:
    """Stop for good: queued rows are skipped; what went out stays recorded."""
    with transaction.atomic():
        changed = SendRun.objects.filter(
            pk=run.pk,
            status__in=[IssueStatus.SCHEDULED, IssueStatus.SENDING, IssueStatus.PAUSED],
        ).update(status=IssueStatus.CANCELLED, finished_at=timezone.now())
        if changed:
            Delivery.objects.filter(run_id=run.pk, status=Status.QUEUED).update(
                status=Status.SKIPPED, last_error="Verzending geannuleerd."
            )
    return bool(changed)


# -- The audience ----------------------------------------------------------------


def audience(run: SendRun, segments: list[Segment]):
    """The run's recipients as subscriptions: deliverable (confirmed, not suppressed)
    and, when the issue targets segments, in one of them."""
    subscriptions = Subscription.objects.deliverable().filter(
        newsletter_id=run.newsletter_id
    )
    if segments:
        subscriptions = subscriptions.filter(
            subscriber__werkveld__in=[segment.werkveld for segment in segments]
        )
    return subscriptions


def audience_rows(run: SendRun, segments: list[Segment]):
    """Every recipient once, keyed by a unique ``pk`` for keyset batches and
    annotated with ``recipient`` (the subscriber id) and ``recipient_werkveld``:
    per subscription for a list, per subscriber for the yearly review (one
    message each, however many lists they are on)."""
    if run.kind == SendRun.Kind.REVIEW:
        return Subscriber.objects.on_a_list().annotate(
            recipient=F("pk"), recipient_werkveld=F("werkveld")
        )
    return audience(run, segments).annotate(
        recipient=F("subscriber_id"), recipient_werkveld=F("subscriber__werkveld")
    )


def target_segments(run: SendRun) -> list[Segment]:
    if run.issue_id is None:
        return []
    issue = issue_of(run)
    return list(issue.target_segments.all())


def issue_of(run: SendRun) -> NewsletterIssuePage:
    """The issue as it was published when the run started."""
    if run.revision_id:
        return run.revision.as_object()
    return run.issue.specific


def freeze_audience(run_id: int, batch_size: int | None = None) -> int:
    """Create the run's delivery rows in keyset batches (``id > cursor``, ``n`` at
    a time); a second call continues where the first stopped. Returns the
    recipient count."""
    batch_size = batch_size or int(_setting("NEWSLETTER_FREEZE_BATCH", 2000))
    run = SendRun.objects.select_related("revision", "issue").get(pk=run_id)
    if not run.audience_frozen:
        segments = target_segments(run)
        rows = audience_rows(run, segments)
        cursor = run.freeze_cursor
        while True:
            with transaction.atomic():
                cursor = _freeze_batch(run.pk, rows, segments, cursor, batch_size)
                if cursor is None:
                    break
                SendRun.objects.filter(pk=run.pk).update(
                    freeze_cursor=cursor, last_activity_at=timezone.now()
                )
            if SendRun.objects.filter(pk=run.pk, status=IssueStatus.CANCELLED).exists():
                # Cancelled while freezing: what was frozen is skipped, not sent.
                Delivery.objects.filter(run_id=run.pk, status=Status.QUEUED).update(
                    status=Status.SKIPPED, last_error="Verzending geannuleerd."
                )
                return 0
        total = Delivery.objects.filter(run_id=run.pk).count()
        SendRun.objects.filter(pk=run.pk).update(
            audience_frozen=True, recipients=total, last_activity_at=timezone.now()
        )
        if total >= 1000:
            refresh_statistics()
    else:
        total = run.recipients
    dispatch(run.pk)
    return total


def refresh_statistics() -> None:
    """Let PostgreSQL plan the chunks with what is in the tables now (ANALYZE,
    which samples: tens of milliseconds even for a large list).

    The frozen audience is a bulk load of its own, and a send often follows an
    import right away, before autovacuum has looked: planned on the old figures, a
    chunk's lookups scanned a whole list per chunk (measured: 13 ms instead of 5
    for 200 rows of a list of 10,000, growing with the list)."""
    if connection.vendor != "postgresql":
        return
    tables = [Delivery._meta.db_table, Subscription._meta.db_table,
              Subscriber._meta.db_table]  # fmt: skip
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}")
    except DatabaseError:
        # Not the tables' owner: autovacuum will get there; the send goes on.
        logger.warning("ANALYZE after freezing the audience was refused")


def _freeze_batch(run_id: int, rows, segments: list[Segment], cursor: int,
                  size: int) -> int | None:  # fmt: skip
    """Insert the delivery rows of the next ``size`` recipients after ``cursor``
    in one INSERT … SELECT, without bringing them into Python (a tenth of the
    time for a large list); the new cursor, or None when none were left."""
    after = rows.filter(pk__gt=cursor).order_by("pk").values_list("pk", flat=True)
    last = next(iter(after[size - 1 : size]), None)
    if last is None:
        last = after.order_by("-pk").first()
        if last is None:
            return None
    source = (
        rows.filter(pk__gt=cursor, pk__lte=last)
        .order_by()
        .annotate(
            delivery_run=Value(run_id, output_field=BigIntegerField()),
            # Cast: a CASE that may give only NULL has no type of its own.
            delivery_segment=Cast(
                Case(
                    *[
                        When(recipient_werkveld=s.werkveld, then=Value(s.pk))
                        for s in segments
                    ]
                ),
                BigIntegerField(),
            ),
        )  # fmt: skip
        .values_list("recipient", "delivery_run", "delivery_segment")
    )
    select, select_params = source.query.sql_with_params()
    # Every other column as a new row has it: its model default.
    defaults = [
        (field.column, field.get_db_prep_save(field.get_default(), connection))
        for field in Delivery._meta.concrete_fields
        if not field.primary_key and not field.null and not field.is_relation
    ]
    quote = connection.ops.quote_name
    columns = ["subscriber_id", "run_id", "segment_id", *(c for c, _v in defaults)]
    with connection.cursor() as db:
        db.execute(
            f"INSERT INTO {quote(Delivery._meta.db_table)}"
            f" ({', '.join(quote(column) for column in columns)})"
            f" SELECT batch.recipient, batch.delivery_run, batch.delivery_segment"
            f"{''.join(', %s' for _d in defaults)} FROM ({select}) batch"
            # WHERE: SQLite reads the ON of an upsert after a bare FROM as a join.
            " WHERE true ON CONFLICT DO NOTHING",
            [*(value for _c, value in defaults), *select_params],
        )
    return last


def dispatch(run_id: int, chains: int | None = None) -> None:
    """Start chunk tasks for a run (after commit); each hands over to a next one."""
    from newsletters.tasks import send_chunk_task

    for _index in range(chains or parallel_chunks()):
        _enqueue(send_chunk_task, run_id)


# -- Sending one chunk -------------------------------------------------------------


@dataclass
class ChunkResult:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    stopped: bool = False
    errors: list[str] = field(default_factory=list)


class ConnectionLost(Exception):
    """The connection broke mid-chunk; the task retries on a fresh one."""


def message_id(run_id: int, delivery_id: int) -> str:
    """A Message-ID that names the delivery (bounces can be traced back to it) and
    is stable across retries, with a short keyed hash against guessing."""
    return references.message_id(run_id, delivery_id, rendering.message_id_domain())


class _Editions:
    """The editions a chunk needs, compiled (or fetched from the cache) once each."""

    def __init__(self, run: SendRun):
        self.run = run
        self._issue = None
        self._editions: dict[int | None, rendering.Edition] = {}
        self._trackers: dict[int | None, tracking.MessageTracker] = {}
        self._segments: dict[int, Segment] = {}

    def tracker(self, segment_id: int | None) -> tracking.MessageTracker | None:
        """The open pixel and click links of an edition: its links stored for the
        run once per chunk (idempotent), tokens dated on the day the run started.
        Notifications (no issue) are service messages and are not tracked."""
        if self.run.issue_id is None:
            return None
        if segment_id not in self._trackers:
            edition = self.get(segment_id)
            link_ids = tracking.register_links(self.run.pk, edition.links)
            started = self.run.started_at
            day = (timezone.localdate(started) - tracking.EPOCH).days if started else 0
            self._trackers[segment_id] = tracking.MessageTracker(
                self.run.pk, link_ids, day
            )
        return self._trackers[segment_id]

    def get(self, segment_id: int | None) -> rendering.Edition:
        if segment_id not in self._editions:
            self._editions[segment_id] = self._load(segment_id)
        return self._editions[segment_id]

    def _load(self, segment_id: int | None) -> rendering.Edition:
        run = self.run
        if run.kind == SendRun.Kind.REVIEW:
            return rendering.review_edition(run)
        if run.issue_id is None:
            return rendering.notification_edition(run)
        key = rendering.edition_key(run.issue_id, run.revision_id, segment_id)

        def compile_now():
            if self._issue is None:
                self._issue = issue_of(run)
            segment = Segment.objects.filter(pk=segment_id).first()
            return rendering.compile_edition(self._issue, segment)

        return rendering.cached_edition(key, compile_now)


def _still_wanted(run: SendRun, rows: list[claims.ClaimedRow]) -> dict[int, str]:
    """Addresses of the claimed recipients who may still be mailed: someone who
    unsubscribed or was suppressed after the audience was frozen is skipped."""
    ids = [row.subscriber_id for row in rows]
    if run.kind == SendRun.Kind.REVIEW:
        wanted = Subscriber.objects.on_a_list().filter(pk__in=ids)
        return dict(wanted.order_by().values_list("pk", "email"))
    # Two lookups by key rather than a join: on tables just filled by an import
    # (no statistics yet) PostgreSQL joined them by scanning every subscriber for
    # every row, 70 ms a chunk at 10,000 subscribers.
    confirmed = set(
        Subscription.objects.filter(
            newsletter_id=run.newsletter_id,
            subscriber_id__in=ids,
            status=Subscription.Status.CONFIRMED,
        ).values_list("subscriber_id", flat=True)
    )
    people = Subscriber.objects.filter(pk__in=ids, status=Subscriber.Status.ACTIVE)
    return {
        pk: email
        for pk, email in people.order_by().values_list("pk", "email")
        if email is not None and pk in confirmed
    }


def send_chunk(run_id: int, limit: int | None = None, worker: str = "") -> ChunkResult:
    """Claim up to ``limit`` rows of a run and send them over one connection;
    ``worker`` (the Celery worker's name) is recorded on the rows it claims.

    Raises ``ConnectionLost`` when the connection broke; the rows not yet handed
    over are back in the queue by then.
    """
    result = ChunkResult()
    run = SendRun.objects.select_related("newsletter", "revision").get(pk=run_id)
    if run.status != IssueStatus.SENDING:
        result.stopped = True
        return result
    SendRun.objects.filter(pk=run_id).update(last_activity_at=timezone.now())
    token = claims.new_token()
    rows = claims.claim(run_id, token, limit or chunk_size(), worker=worker)
    result.claimed = len(rows)
    if not rows:
        return result
    try:
        with claims.asynchronous_commit():
            _send_rows(run, rows, token, result)
    finally:
        claims.release(token)
    return result


def _send_rows(run: SendRun, rows, token: str, result: ChunkResult) -> None:
    editions = _Editions(run)
    addresses = _still_wanted(run, rows)
    wanted = []
    for row in rows:
        if row.subscriber_id in addresses:
            wanted.append(row)
        else:
            claims.record_failure(row.delivery_id, token, Status.SKIPPED,
                                  "Niet meer ingeschreven of geblokkeerd.")  # fmt: skip
    limiter = RateLimiter()
    confirmed: list[int] = []
    composed: dict[int, dict] = {}
    try:
        with Transport() as transport:

            def compose(row) -> dict:
                # The review belongs to no list: its links mean every list.
                recipient = rendering.Recipient(
                    row.subscriber_id,
                    addresses[row.subscriber_id],
                    run.newsletter_id or ALL_LISTS,
                    row.delivery_id,
                )
                tracker = editions.tracker(row.segment_id)
                edition = editions.get(row.segment_id)
                return _content(transport, edition, recipient, row, run.pk, tracker)

            def compose_ahead(row) -> None:
                # While the server reads one message, the next one is put
                # together: that work no longer adds to each message. A failure
                # is left for that row's own turn, where it is recorded for it.
                with contextlib.suppress(Exception):
                    composed[row.delivery_id] = compose(row)

            for row, upcoming in zip(wanted, [*wanted[1:], None], strict=True):
                limiter.acquire()
                content = composed.pop(row.delivery_id, None) or compose(row)
                ahead = (
                    None
                    if upcoming is None
                    else functools.partial(compose_ahead, upcoming)
                )
                try:
                    transport.send(
                        references.bounce_address(run.pk, row.delivery_id)
                        or editions.get(row.segment_id).from_email,
                        addresses[row.subscriber_id],
                        claims.Handover(row.delivery_id, token, run.pk),
                        meanwhile=ahead,
                        **content,
                    )
                except NotSent:
                    result.stopped = True
                    return
                except TemporaryFailure as error:
                    _defer(row, token, str(error), result)
                    continue
                except PermanentFailure as error:
                    status = Status.BOUNCED if error.bounced else Status.FAILED
                    claims.confirm_sent(confirmed, token)
                    confirmed.clear()
                    claims.record_failure(row.delivery_id, token, status, str(error))
                    result.failed += 1
                    result.errors.append(str(error))
                    if breaker_tripped(run.pk) and trip_breaker(run.pk):
                        logger.warning("run %s paused: error-rate breaker", run.pk)
                        result.stopped = True
                        return
                    continue
                except CONNECTION_ERRORS as error:
                    # Possibly mid-data: queued again rather than lost (at least
                    # once, as every mail server does after a dropped connection).
                    _defer(row, token, f"Verbinding verbroken: {error}", result)
                    raise ConnectionLost(str(error)) from error
                confirmed.append(row.delivery_id)
                result.sent += 1
                if len(confirmed) >= 50:
                    claims.confirm_sent(confirmed, token)
                    confirmed.clear()
    except CONNECTION_ERRORS as error:
        # Opening the connection failed: nothing was handed over.
        raise ConnectionLost(str(error)) from error
    finally:
        claims.confirm_sent(confirmed, token)


def _content(
    transport: Transport, edition, recipient, row, run_id: int, tracker=None
) -> dict:
    # Ready bytes over SMTP (fast); a message object for every other backend and
    # for addresses that need SMTPUTF8.
    identifier = message_id(run_id, row.delivery_id)
    if transport.takes_bytes and recipient.email.isascii():
        data = rendering.message_bytes(edition, recipient, identifier, tracker=tracker)
        return {"data": transport.prepared(data)}
    message = rendering.build_message(
        edition, recipient, message_id=identifier, tracker=tracker
    )
    # ESPs hand this back in their webhooks (anymail's ``metadata``): bounces and
    # complaints find the row by it.
    message.metadata = {METADATA_KEY: references.reference(run_id, row.delivery_id)}
    return {"message": message}


def _defer(row, token: str, error: str, result: ChunkResult) -> None:
    if claims.defer(row.delivery_id, token, error, retry_delay(row.attempts + 1),
                    max_attempts()):  # fmt: skip
        result.deferred += 1
    else:
        result.failed += 1
    result.errors.append(error)


def next_step(run_id: int) -> float | None:
    """After a chunk: seconds until the next chunk should run, or None when this
    chain of chunks ends (run stopped, or nothing left to claim)."""
    run = SendRun.objects.filter(pk=run_id).values("status").first()
    if run is None or run["status"] != IssueStatus.SENDING:
        return None
    now = timezone.now()
    if claims.claimable(run_id, now).exists():
        return 0.0
    waiting = Delivery.objects.filter(
        run_id=run_id, status=Status.QUEUED, retry_after__gt=now
    ).aggregate(first=Min("retry_after"))["first"]
    if waiting is not None:
        return max(1.0, (waiting - now).total_seconds())
    finish_if_done(run_id)
    return None


def finish_if_done(run_id: int) -> bool:
    """Mark the run sent once its audience is frozen and no row is open."""
    with transaction.atomic():
        run = SendRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != IssueStatus.SENDING or not run.audience_frozen:
            return False
        if Delivery.objects.filter(run_id=run_id, status__in=Delivery.OPEN).exists():
            return False
        run.status = IssueStatus.SENT
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])
    from newsletters.rates import refresh_tallies

    refresh_tallies([run_id])
    return True


def sweep(stale_after: timedelta | None = None) -> dict[str, int]:
    """The beat task's work: start due runs, recover rows of dead workers, restart
    silent runs, finish runs that are done."""
    stale_after = stale_after if stale_after is not None else claim_timeout()
    started = start_due_runs()
    active = list(SendRun.objects.active().values_list("pk", flat=True))
    requeued, presumed = claims.recover_stale(stale_after, run_ids=active)
    restarted = finished = 0
    cutoff = timezone.now() - stale_after
    for run_id in active:
        run = SendRun.objects.get(pk=run_id)
        if not run.audience_frozen:
            if run.last_activity_at is None or run.last_activity_at < cutoff:
                from newsletters.tasks import freeze_audience_task

                _enqueue(freeze_audience_task, run_id)
                restarted += 1
            continue
        if finish_if_done(run_id):
            finished += 1
        elif (
            run.last_activity_at is None or run.last_activity_at < cutoff
        ) and claims.claimable(run_id, timezone.now()).exists():
            # Rows that only wait for a retry have a chunk scheduled for them.
            SendRun.objects.filter(pk=run_id).update(last_activity_at=timezone.now())
            dispatch(run_id)
            restarted += 1
    return {"started": started, "requeued": requeued, "presumed_sent": presumed,
            "restarted": restarted, "finished": finished}  # fmt: skip


# -- Test sends ----------------------------------------------------------------------


class _NoRow:
    """The handover of a test message: there is no delivery row to mark."""

    def begin(self) -> None:
        pass

    def confirmed(self) -> bool:
        return True

    def settle(self) -> None:
        pass


def send_test(issue: NewsletterIssuePage, addresses: list[str],
              segment: Segment | None = None) -> int:  # fmt: skip
    """Send the latest version of an issue to a few addresses, through the same
    rendering; personal links point at nobody (subscriber 0)."""
    edition = rendering.compile_edition(issue, segment)
    edition.subject = f"[{_('Test')}] {edition.subject}"
    with Transport() as transport:
        for address in addresses:
            message = rendering.build_message(
                edition, rendering.Recipient(0, address, edition.newsletter_id)
            )
            transport.send(edition.from_email, address, _NoRow(), message=message)
    return len(addresses)
