"""Sending a run: the frozen audience, claims, SMTP answers, pause and cancel."""

import contextlib
from datetime import timedelta

import pytest

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from newsletters import claims, sending
from newsletters.models import Delivery, IssueStatus, SendRun, Subscription
from newsletters.tasks import send_chunk_task
from services.choices import Werkveld
from tests.newsletters.factories import (
    NewsletterListFactory,
    SegmentFactory,
    SubscriberFactory,
    SubscriptionFactory,
    make_issue,
)

pytestmark = pytest.mark.django_db

Status = Delivery.Status


@pytest.fixture
def wise(home_page):
    return NewsletterListFactory(name="Nieuwsbrief Wise", slug="wise")


def subscribe(newsletter, count, **subscriber):
    return [
        SubscriptionFactory(
            newsletter=newsletter, subscriber=SubscriberFactory(**subscriber)
        )
        for _ in range(count)
    ]


def frozen_run(issue, batch_size=None):
    run = SendRun.objects.create(
        issue=issue,
        newsletter=issue.newsletter,
        revision_id=issue.live_revision_id,
        status=IssueStatus.SENDING,
    )
    sending.freeze_audience(run.pk, batch_size=batch_size)
    run.refresh_from_db()
    return run


def statuses(run):
    return dict(run.deliveries.values_list("subscriber__email", "status"))


def test_the_frozen_audience_leaves_out_unconfirmed_unsubscribed_suppressed_and_others(
    wise,
):
    connected = NewsletterListFactory(slug="connected", kind="connected")
    library = SegmentFactory(newsletter=connected, werkveld=Werkveld.LIBRARY)
    SegmentFactory(
        newsletter=connected, name="Cultuur", werkveld=Werkveld.CULTURE_HOUSE
    )
    wanted = subscribe(connected, 3, werkveld=Werkveld.LIBRARY)
    subscribe(connected, 2, werkveld=Werkveld.CULTURE_HOUSE)  # another segment
    pending = subscribe(connected, 1)[0]
    pending.status = Subscription.Status.PENDING
    pending.save()
    gone = subscribe(connected, 1)[0]
    gone.unsubscribe(Subscription.Channel.PAGE)
    blocked = subscribe(connected, 1)[0]
    blocked.subscriber.suppress("harde-bounce")
    subscribe(wise, 2)  # another list
    issue = make_issue(connected, segments=[library])

    run = frozen_run(issue, batch_size=2)  # keyset batches of two

    assert set(run.deliveries.values_list("subscriber_id", flat=True)) == {
        s.subscriber_id for s in wanted
    }
    assert run.recipients == 3 and run.audience_frozen
    assert set(run.deliveries.values_list("segment_id", flat=True)) == {library.pk}
    # Freezing again adds nobody.
    sending.freeze_audience(run.pk)
    assert run.deliveries.count() == 3


def test_two_clicks_on_send_start_one_run(wise, django_capture_on_commit_callbacks):
    issue = make_issue(wise)
    with django_capture_on_commit_callbacks() as callbacks:
        first = sending.start_run(issue)
        second = sending.start_run(issue)
    assert first.pk == second.pk
    assert SendRun.objects.filter(issue=issue).count() == 1
    assert len(callbacks) == 1, "the audience is frozen once"
    with pytest.raises(IntegrityError), transaction.atomic():
        SendRun.objects.create(issue=issue, newsletter=wise)


def test_an_unpublished_issue_cannot_be_sent(wise):
    issue = make_issue(wise, publish=False)
    with pytest.raises(sending.SendError):
        sending.start_run(issue)


def test_a_run_sends_every_recipient_once_and_is_then_marked_sent(
    wise, sink, django_capture_on_commit_callbacks
):
    subscribe(wise, 5)
    issue = make_issue(wise)
    with django_capture_on_commit_callbacks(execute=True):
        run = sending.start_run(issue)
    run.refresh_from_db()
    assert run.status == IssueStatus.SENT
    assert set(statuses(run).values()) == {Status.SENT}
    assert sorted(sink.recipients().values()) == [1] * 5


def test_a_550_is_recorded_as_a_bounce_and_not_retried(wise, sink):
    subscriptions = subscribe(wise, 3)
    refused = subscriptions[1].subscriber.email
    sink.refuse[refused] = "550 5.1.1 Mailbox does not exist"
    run = frozen_run(make_issue(wise))

    send_chunk_task.apply(args=(run.pk,))

    row = run.deliveries.get(subscriber__email=refused)
    assert row.status == Status.BOUNCED and row.attempts == 1
    assert "550" in row.last_error
    assert sink.rcpt_calls[refused] == 1
    assert refused not in sink.recipients() and len(sink.recipients()) == 2
    run.refresh_from_db()
    assert run.status == IssueStatus.SENT


def test_a_451_is_retried_later_and_then_delivered_once(wise, sink):
    subscriptions = subscribe(wise, 3)
    greylisted = subscriptions[0].subscriber.email
    sink.refuse_once[greylisted] = "451 4.7.1 Greylisted, try again later"
    run = frozen_run(make_issue(wise))

    result = sending.send_chunk(run.pk)

    assert (result.sent, result.deferred) == (2, 1)
    row = run.deliveries.get(subscriber__email=greylisted)
    assert row.status == Status.QUEUED and row.retry_after > timezone.now()
    assert "451" in row.last_error
    assert sending.next_step(run.pk) >= 1, "the next chunk waits for the retry"
    run.refresh_from_db()
    assert run.status == IssueStatus.SENDING, "not sent while a row waits"

    row.retry_after = timezone.now() - timedelta(seconds=1)
    row.save()
    send_chunk_task.apply(args=(run.pk,))

    assert sink.recipients()[greylisted] == 1
    run.refresh_from_db()
    assert run.status == IssueStatus.SENT


def test_a_dropped_connection_requeues_the_rows_not_handed_over(wise, sink):
    subscribe(wise, 4)
    sink.drop_after = 2
    run = frozen_run(make_issue(wise))

    with pytest.raises(sending.ConnectionLost):
        sending.send_chunk(run.pk)

    counts = claims.counts(run.pk)
    assert counts[Status.SENT] == 1
    assert counts[Status.QUEUED] == 3, "the dropped one and the two not yet tried"
    assert counts[Status.CLAIMED] == counts[Status.SENDING] == 0


def test_pause_stops_before_the_next_message_and_resume_carries_on(
    wise, sink, django_capture_on_commit_callbacks
):
    subscribe(wise, 3)
    run = frozen_run(make_issue(wise))
    assert sending.pause_run(run)

    result = sending.send_chunk(run.pk)
    assert result.stopped and sink.messages == []
    assert claims.counts(run.pk)[Status.QUEUED] == 3

    with django_capture_on_commit_callbacks(execute=True):
        assert sending.resume_run(run)
    run.refresh_from_db()
    assert run.status == IssueStatus.SENT
    assert len(sink.messages) == 3


def test_pausing_in_the_middle_of_a_chunk_keeps_the_rest_queued(
    wise, sink, monkeypatch
):
    subscribe(wise, 4)
    run = frozen_run(make_issue(wise))
    real_begin = claims.Handover.begin
    calls = []

    def pause_before_the_third(handover):
        calls.append(handover.delivery_id)
        if len(calls) == 3:
            sending.pause_run(run)
        real_begin(handover)

    monkeypatch.setattr(claims.Handover, "begin", pause_before_the_third)
    result = sending.send_chunk(run.pk)
    assert result.stopped and result.sent == 2
    assert len(sink.messages) == 2
    assert claims.counts(run.pk)[Status.QUEUED] == 2


def test_cancel_skips_the_queued_rows_and_keeps_what_was_sent(wise, sink):
    subscribe(wise, 4)
    run = frozen_run(make_issue(wise))
    sending.send_chunk(run.pk, limit=1)
    assert sending.cancel_run(run)
    run.refresh_from_db()
    assert run.status == IssueStatus.CANCELLED
    counts = claims.counts(run.pk)
    assert (counts[Status.SENT], counts[Status.SKIPPED]) == (1, 3)
    assert sending.send_chunk(run.pk).stopped
    assert len(sink.messages) == 1


def test_a_duplicated_chunk_task_sends_nothing_twice(wise, sink):
    subscribe(wise, 6)
    run = frozen_run(make_issue(wise))
    for _ in range(3):
        send_chunk_task.apply(args=(run.pk,))
    assert sorted(sink.recipients().values()) == [1] * 6


def test_two_claims_never_share_a_row_and_only_the_owner_can_send_it(wise):
    subscribe(wise, 5)
    run = frozen_run(make_issue(wise))
    first = claims.claim(run.pk, "a", 3)
    second = claims.claim(run.pk, "b", 3)
    assert len(first) == 3 and len(second) == 2
    assert not {r.delivery_id for r in first} & {r.delivery_id for r in second}
    assert not claims.start_sending(first[0].delivery_id, "b", run.pk)
    assert claims.start_sending(first[0].delivery_id, "a", run.pk)


def test_a_handover_mark_made_alongside_other_work_holds_the_same_rules(wise):
    subscribe(wise, 3)
    run = frozen_run(make_issue(wise))
    rows = claims.claim(run.pk, "a", 3)
    strangers = claims.Handover(rows[0].delivery_id, "b", run.pk)
    owners = claims.Handover(rows[0].delivery_id, "a", run.pk)
    strangers.begin()
    assert not strangers.confirmed()
    owners.begin()
    assert owners.confirmed()
    assert claims.counts(run.pk)[Status.SENDING] == 1

    # An answer nobody waits for is still read, and the connection works on
    # (only PostgreSQL marks ahead; elsewhere the mark waits for confirmed()).
    abandoned = claims.Handover(rows[1].delivery_id, "a", run.pk)
    abandoned.begin()
    abandoned.settle()
    marked_ahead = connection.vendor == "postgresql"
    assert claims.counts(run.pk)[Status.SENDING] == (2 if marked_ahead else 1)

    sending.pause_run(run)
    paused = claims.Handover(rows[2].delivery_id, "a", run.pk)
    paused.begin()
    assert not paused.confirmed()
    assert claims.counts(run.pk)[Status.CLAIMED] == (1 if marked_ahead else 2)


def test_rows_of_a_dead_worker_are_requeued_or_presumed_sent_never_resent(wise, sink):
    subscribe(wise, 4)
    run = frozen_run(make_issue(wise))
    rows = claims.claim(run.pk, "dead", 3)
    assert claims.start_sending(rows[0].delivery_id, "dead", run.pk)
    Delivery.objects.filter(run=run).update(
        claimed_at=timezone.now() - timedelta(hours=1)
    )

    result = sending.sweep(stale_after=timedelta(minutes=10))

    assert (result["requeued"], result["presumed_sent"]) == (2, 1)
    send_chunk_task.apply(args=(run.pk,))
    assert len(sink.messages) == 3, "the row in transfer is not sent again"
    run.refresh_from_db()
    assert run.status == IssueStatus.SENT


def test_the_error_rate_breaker_pauses_the_run(wise, sink, settings):
    settings.NEWSLETTER_BREAKER_WINDOW = 4
    settings.NEWSLETTER_BREAKER_THRESHOLD = 0.5
    subscriptions = subscribe(wise, 10)
    for subscription in subscriptions[:6]:
        sink.refuse[subscription.subscriber.email] = "550 5.7.1 Rejected"
    run = frozen_run(make_issue(wise))

    sending.send_chunk(run.pk)

    run.refresh_from_db()
    assert run.status == IssueStatus.PAUSED
    assert "te veel" in run.status_reason
    assert claims.counts(run.pk)[Status.QUEUED] == 6


def test_a_scheduled_run_starts_when_its_time_has_come(
    wise, sink, django_capture_on_commit_callbacks
):
    subscribe(wise, 2)
    issue = make_issue(wise)
    later = timezone.now() + timedelta(hours=1)
    run = sending.schedule_run(issue, later)
    assert sending.start_due_runs() == 0
    SendRun.objects.filter(pk=run.pk).update(
        scheduled_for=timezone.now() - timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.sweep()["started"] == 1
    run.refresh_from_db()
    assert run.status == IssueStatus.SENT
    assert len(sink.messages) == 2


def test_someone_who_unsubscribes_during_the_send_is_skipped(wise, sink):
    subscriptions = subscribe(wise, 3)
    run = frozen_run(make_issue(wise))
    subscriptions[0].unsubscribe(Subscription.Channel.ONE_CLICK)
    send_chunk_task.apply(args=(run.pk,))
    assert subscriptions[0].subscriber.email not in sink.recipients()
    assert statuses(run)[subscriptions[0].subscriber.email] == Status.SKIPPED


def test_greylisting_a_tenth_and_dropped_connections_lose_nobody(wise, sink, settings):
    settings.NEWSLETTER_RETRY_BASE_SECONDS = 0
    subscriptions = subscribe(wise, 200)
    for subscription in subscriptions[::10]:
        sink.refuse_once[subscription.subscriber.email] = "451 4.7.1 Try again later"
    sink.drop_after = 50
    run = frozen_run(make_issue(wise))

    for _attempt in range(100):
        with contextlib.suppress(sending.ConnectionLost):
            sending.send_chunk(run.pk, limit=40)
        if sending.next_step(run.pk) is None:
            break

    run.refresh_from_db()
    assert run.status == IssueStatus.SENT
    counts = sink.recipients()
    assert len(counts) == 200
    # A dropped connection after the server took the message is the one case
    # SMTP cannot tell apart: that message is sent again (at least once).
    assert sum(n - 1 for n in counts.values()) <= len(sink.messages) // 50


def test_a_server_that_never_answers_times_out_and_keeps_the_rows(wise, settings):
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = silent.getsockname()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    subscribe(wise, 2)
    run = frozen_run(make_issue(wise))
    try:
        with pytest.raises(sending.ConnectionLost):
            sending.send_chunk(run.pk)
    finally:
        silent.close()
    assert claims.counts(run.pk)[Status.QUEUED] == 2


def test_a_run_cancelled_while_its_audience_is_frozen_sends_nothing(
    wise, sink, monkeypatch
):
    subscribe(wise, 5)
    issue = make_issue(wise)
    run = SendRun.objects.create(issue=issue, newsletter=wise,
                                 revision_id=issue.live_revision_id,
                                 status=IssueStatus.SENDING)  # fmt: skip
    real = sending._freeze_batch

    def cancel_during_freeze(*args, **kwargs):
        cursor = real(*args, **kwargs)
        sending.cancel_run(run)
        return cursor

    monkeypatch.setattr(sending, "_freeze_batch", cancel_during_freeze)
    sending.freeze_audience(run.pk, batch_size=2)
    assert Delivery.objects.filter(run=run).count() == 2, "one batch was frozen"
    assert claims.counts(run.pk)[Status.QUEUED] == 0
    assert sink.messages == []
