"""Open pixel and click redirect under concurrent load, and the indicator dashboard
with 1,000,000 tracking events against a naive recount.

1. Serves the site with gunicorn on loopback (``bench_settings``: the site plus
   no-op views returning the same bytes), and hammers, each for ``--seconds``,
   with ``--clients`` concurrent connections: the no-op pixel, the real pixel, the
   no-op redirect, the real click redirect. Reports requests per second, the ratio
   to the no-op on the same server, p50/p99 latency; then flushes the Redis buffer
   and reports database statements per 1,000 hits and whether every hit arrived.
2. Tops the seed demo's tracking events up to ``--events`` (repeat opens and clicks
   of the same recipients, by SQL), rebuilds the counters from the events, and
   times the dashboard view (counters) against the same figures recounted from
   the events with ``COUNT(DISTINCT)``, checking that both agree.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lp_bench \\
    REDIS_URL=redis://127.0.0.1:6379/2 .venv/bin/python bench/tracking.py
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site"), str(ROOT / "bench")]
AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0"
PREFIX = f"bench:tracking:{uuid.uuid4().hex[:8]}"
os.environ.setdefault("NEWSLETTER_TRACKING_REDIS_URL", os.environ.get("REDIS_URL", ""))
os.environ["NEWSLETTER_TRACKING_PREFIX"] = PREFIX
os.environ.setdefault("NEWSLETTER_TRACKING_KEY", "bench-tracking-key")
os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


# -- 1. Pixel and redirect under load ------------------------------------------------


def tracked_run():
    """The largest demo send, its deliveries and links (loads the demo if need be)."""
    from django.core.management import call_command

    from newsletters import tracking
    from newsletters.models import Delivery, SendRun, TrackedLink

    run = SendRun.objects.filter(tracked_links__isnull=False).order_by("-recipients")
    if not run.exists():
        call_command("load_demo", scale="seed", verbosity=0)
    run = run.first()
    # Recipients who consented and never opened: their hits become events too,
    # and count as first opens, so the dashboard part can check the counters this
    # flush keeps against a recount. (The "seen before" sets live under the bench's
    # own Redis prefix and know nothing of earlier hits.)
    deliveries = list(
        Delivery.objects.filter(run=run, subscriber__tracking_consent=True)
        .exclude(events__isnull=False)
        .values_list("pk", flat=True)[:3000]
    )  # fmt: skip
    urls = list(TrackedLink.objects.filter(run=run).values_list("url", flat=True))
    link_ids = tracking.register_links(run.pk, urls)
    return run, deliveries, link_ids


def hammer(port: int, paths: list[str], seconds: float, clients: int, method="GET"):
    """Requests from ``clients`` threads for ``seconds``; latencies and statuses."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(offset: int) -> None:
        mine, seen = [], {}
        index = offset
        while time.monotonic() < deadline:
            path = paths[index % len(paths)]
            index += clients
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            try:
                connection.request(method, path, headers={"User-Agent": AGENT})
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError:
                status = 0
            finally:
                connection.close()
            mine.append((time.perf_counter() - started) * 1000)
            seen[status] = seen.get(status, 0) + 1
        with lock:
            latencies.extend(mine)
            for status, count in seen.items():
                statuses[status] = statuses.get(status, 0) + count

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses


def bench_endpoints(options) -> dict:
    from django.db import connection

    from newsletters import buffering, tracking
    from newsletters.models import TrackingCounter

    run, deliveries, link_ids = tracked_run()
    rng = random.Random(1)
    pixels = [
        f"/nieuwsbrieven/t/o/{tracking.make_token(tracking.OPEN, run.pk, d)}.gif"
        for d in deliveries
    ]
    clicks = [
        "/nieuwsbrieven/t/k/"
        f"{tracking.make_token(tracking.CLICK, run.pk, d, rng.choice(link_ids))}/"
        for d in deliveries
    ]
    noop_pixels = [p.replace("/nieuwsbrieven/t/o/", "/bench/noop/") for p in pixels]
    noop_clicks = [
        p.replace("/nieuwsbrieven/t/k/", "/bench/noop-redirect/") for p in clicks
    ]
    connection.close()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--pythonpath",
         f"{ROOT / 'site'},{ROOT / 'bench'}", "--bind", f"127.0.0.1:{port}",
         "--workers", str(options.workers), "bench_settings_wsgi:application"],
        cwd=ROOT, env=os.environ.copy(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    results = {}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                hammer(port, ["/healthz"], 0.2, 1)
                latencies, statuses = hammer(port, ["/healthz"], 0.5, 1)
                if statuses.get(200):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.5)
        # Warm up every route once per worker before measuring.
        for paths in (noop_pixels, pixels, noop_clicks, clicks):
            hammer(port, paths, 1, options.workers)
        client = tracking.redis_client()
        client.delete(f"{PREFIX}:buffer")
        # Rounds alternate no-op and real endpoint, so drift on a shared machine
        # hits both alike.
        measured = {
            label: ([], {})
            for label in (
                "no-op pixel",
                "open pixel",
                "no-op redirect",
                "click redirect",
            )
        }
        plan = (
            ("no-op pixel", noop_pixels),
            ("open pixel", pixels),
            ("no-op redirect", noop_clicks),
            ("click redirect", clicks),
        )
        for _round in range(options.rounds):
            for label, paths in plan:
                latencies, statuses = hammer(
                    port, paths, options.seconds / options.rounds, options.clients
                )
                measured[label][0].extend(latencies)
                for status, count in statuses.items():
                    measured[label][1][status] = (
                        measured[label][1].get(status, 0) + count
                    )
        for label, (latencies, statuses) in measured.items():
            results[label] = {
                "requests": len(latencies),
                "per_second": len(latencies) / options.seconds,
                "p50": statistics.median(latencies),
                "p99": percentile(latencies, 0.99),
                "statuses": statuses,
            }  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    tracked = sum(results[k]["statuses"].get(s, 0) for k, s in
                  (("open pixel", 200), ("click redirect", 302)))  # fmt: skip
    buffered = client.llen(f"{PREFIX}:buffer")
    before = sum(TrackingCounter.objects.filter(run=run, link_key=0)
                 .values_list("raw", flat=True))  # fmt: skip
    writes = []

    def count_writes(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(sql)
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count_writes):
        result = buffering.flush(settle=0)
    flush_seconds = time.perf_counter() - started
    after = sum(TrackingCounter.objects.filter(run=run, link_key=0)
                .values_list("raw", flat=True))  # fmt: skip
    for key in client.scan_iter(f"{PREFIX}:*"):
        client.delete(key)
    results["flush"] = {
        "tracked_requests": tracked,
        "buffered": buffered,
        "counted": after - before,
        "write_statements": len(writes),
        "writes_per_1000": 1000 * len(writes) / max(1, result.applied),
        "seconds": flush_seconds,
        "events": result.events,
    }
    return results


# -- 2. The dashboard with a million events -----------------------------------------

TOP_UP = """
INSERT INTO newsletters_trackingevent
    (run_id, delivery_id, segment_key, link_id, kind, at, machine, reason)
SELECT run_id, delivery_id, segment_key, link_id, kind,
       at + make_interval(hours => g * 7), machine, reason
FROM newsletters_trackingevent CROSS JOIN generate_series(1, %s) AS g
WHERE at < timestamptz '2022-12-01'
LIMIT %s
"""
REBUILD = """
WITH firsts AS (
    SELECT run_id, delivery_id, segment_key, kind, link_id,
           min(at) AS first_raw, min(at) FILTER (WHERE NOT machine) AS first_human
    FROM newsletters_trackingevent GROUP BY 1, 2, 3, 4, 5
), issue_firsts AS (
    SELECT run_id, delivery_id, segment_key, kind,
           min(at) AS first_raw, min(at) FILTER (WHERE NOT machine) AS first_human
    FROM newsletters_trackingevent GROUP BY 1, 2, 3, 4
), cells AS (
    SELECT run_id, segment_key, 0 AS link_key, kind,
           (at AT TIME ZONE 'Europe/Brussels')::date AS day,
           count(*) AS raw, count(*) FILTER (WHERE NOT machine) AS human,
           0 AS unique_raw, 0 AS unique_human
    FROM newsletters_trackingevent GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT run_id, segment_key, link_id, kind,
           (at AT TIME ZONE 'Europe/Brussels')::date,
           count(*), count(*) FILTER (WHERE NOT machine), 0, 0
    FROM newsletters_trackingevent WHERE link_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT run_id, segment_key, 0, kind,
           (first_raw AT TIME ZONE 'Europe/Brussels')::date, 0, 0, count(*), 0
    FROM issue_firsts GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT run_id, segment_key, 0, kind,
           (first_human AT TIME ZONE 'Europe/Brussels')::date, 0, 0, 0, count(*)
    FROM issue_firsts WHERE first_human IS NOT NULL GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT run_id, segment_key, link_id, kind,
           (first_raw AT TIME ZONE 'Europe/Brussels')::date, 0, 0, count(*), 0
    FROM firsts WHERE link_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT run_id, segment_key, link_id, kind,
           (first_human AT TIME ZONE 'Europe/Brussels')::date, 0, 0, 0, count(*)
    FROM firsts WHERE link_id IS NOT NULL AND first_human IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
)
INSERT INTO newsletters_trackingcounter (run_id, newsletter_id, segment_key,
    link_key, kind, day, raw, human, unique_raw, unique_human)
SELECT c.run_id, r.newsletter_id, c.segment_key, c.link_key, c.kind, c.day,
       sum(c.raw), sum(c.human), sum(c.unique_raw), sum(c.unique_human)
FROM cells c JOIN newsletters_sendrun r ON r.id = c.run_id
GROUP BY 1, 2, 3, 4, 5, 6
"""
NAIVE = """
SELECT e.run_id,
       count(DISTINCT e.delivery_id) FILTER (WHERE e.kind = 'open'),
       count(DISTINCT e.delivery_id) FILTER (WHERE e.kind = 'open' AND NOT e.machine),
       count(DISTINCT e.delivery_id) FILTER (WHERE e.kind = 'klik'),
       count(DISTINCT e.delivery_id) FILTER (WHERE e.kind = 'klik' AND NOT e.machine)
FROM newsletters_trackingevent e
JOIN newsletters_delivery d ON d.id = e.delivery_id
LEFT JOIN newsletters_segment s ON s.id = d.segment_id
WHERE e.run_id = ANY(%s) AND (%s OR s.werkveld = ANY(%s))
GROUP BY e.run_id
"""
NAIVE_SENT = """
SELECT d.run_id, count(*) FILTER (WHERE d.status IN ('verzonden', 'bounce')),
       count(*) FILTER (WHERE d.status = 'bounce')
FROM newsletters_delivery d LEFT JOIN newsletters_segment s ON s.id = d.segment_id
WHERE d.run_id = ANY(%s) AND (%s OR s.werkveld = ANY(%s))
GROUP BY d.run_id
"""


def ensure_events(target: int, rebuild: bool) -> int:
    from django.db import connection, transaction

    from newsletters.models import SendRun, TrackingEvent
    from newsletters.rates import refresh_tallies

    have = TrackingEvent.objects.count()
    if have < target or rebuild:
        print(f"  aanvullen van {have} tot {target} metingen …", flush=True)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM newsletters_trackingevent"
                " WHERE at < timestamptz '2022-12-01'"
            )
            eligible = max(1, cursor.fetchone()[0])
            if have < target:
                cursor.execute(TOP_UP, [1 + (target - have) // eligible, target - have])
            # The demo's counters also hold consent-less recipients, who have no
            # events; from here on the counters are those of the events alone.
            cursor.execute("DELETE FROM newsletters_trackingcounter")
            cursor.execute(REBUILD)
            cursor.execute("ANALYZE")
        refresh_tallies(SendRun.objects.values_list("pk", flat=True))
    return TrackingEvent.objects.count()


def naive_scope(scope, year: int):
    """A scope's yearly average recounted from the raw events."""
    from django.db import connection

    from newsletters import rates

    run_ids = [r["pk"] for r in rates.sent_runs(scope.newsletter_ids, year)
               .values("pk")]  # fmt: skip
    everyone = not scope.werkvelden
    figures = {pk: rates.Figures() for pk in run_ids}
    with connection.cursor() as cursor:
        cursor.execute(NAIVE_SENT, [run_ids, everyone, scope.werkvelden or [""]])
        for run_id, sent, bounced in cursor.fetchall():
            figures[run_id].sent, figures[run_id].bounced = sent, bounced
        cursor.execute(NAIVE, [run_ids, everyone, scope.werkvelden or [""]])
        for run_id, openers, openers_human, clickers, clickers_human in cursor:
            f = figures[run_id]
            f.openers_raw, f.openers_human = openers, openers_human
            f.clickers_raw, f.clickers_human = clickers, clickers_human
    return rates.average(figures.values())


def naive_dashboard(year: int) -> dict:
    from newsletters import indicators, rates
    from newsletters.models import IndicatorTarget, NewsletterList, Segment

    scopes = {}
    for target in IndicatorTarget.objects.for_year(year):
        scopes[target.name] = indicators.scope_of(target)
    for newsletter in NewsletterList.objects.exclude(kind="melding"):
        scopes[newsletter.name] = rates.Scope([newsletter.pk])
        for segment in Segment.objects.filter(newsletter=newsletter):
            scopes[f"{newsletter.name} / {segment.name}"] = rates.Scope(
                [newsletter.pk], [segment.werkveld]
            )
    return {name: naive_scope(scope, year) for name, scope in scopes.items()}


def counter_dashboard(year: int) -> dict:
    from newsletters import indicators, rates
    from newsletters.models import IndicatorTarget, NewsletterList, Segment

    data = indicators.YearData.load(year)
    result = {}
    for target in IndicatorTarget.objects.for_year(year):
        result[target.name] = data.figures.average(indicators.scope_of(target))
    for newsletter in NewsletterList.objects.exclude(kind="melding"):
        result[newsletter.name] = data.figures.average(rates.Scope([newsletter.pk]))
        for segment in Segment.objects.filter(newsletter=newsletter):
            result[f"{newsletter.name} / {segment.name}"] = data.figures.average(
                rates.Scope([newsletter.pk], [segment.werkveld])
            )
    return result


def bench_dashboard(options) -> dict:
    from django.test import Client

    from accounts.models import User

    events = ensure_events(options.events, rebuild=False)
    year = 2022
    user, _ = User.objects.get_or_create(
        email="bench-indicatoren@example.org",
        defaults={"is_superuser": True, "is_staff": True},
    )
    client = Client()
    client.force_login(user)
    client.get(f"/admin/nieuwsbrieven/indicatoren/?jaar={year}")
    views = []
    for _ in range(options.repeat):
        started = time.perf_counter()
        response = client.get(f"/admin/nieuwsbrieven/indicatoren/?jaar={year}")
        views.append(time.perf_counter() - started)
        assert response.status_code == 200
    started = time.perf_counter()
    counted = counter_dashboard(year)
    counter_figures = time.perf_counter() - started
    naive_times = []
    for _ in range(2):
        started = time.perf_counter()
        recounted = naive_dashboard(year)
        naive_times.append(time.perf_counter() - started)
    fields = ("open_rate_human", "open_rate_raw", "click_rate_human", "click_rate_raw")
    mismatches = [
        (name, field, getattr(counted[name], field), getattr(recounted[name], field))
        for name in recounted
        for field in fields
        if getattr(counted[name], field) != getattr(recounted[name], field)
    ]
    return {
        "events": events,
        "view_median": statistics.median(views),
        "figures": counter_figures,
        "naive": min(naive_times),
        "scopes": len(recounted),
        "mismatches": mismatches,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12.0)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-dashboard", action="store_true")
    parser.add_argument("--skip-endpoints", action="store_true")
    parser.add_argument("--rebuild-counters", action="store_true")
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("bench/tracking.py meet op PostgreSQL: zet DATABASE_URL")
    if not os.environ.get("NEWSLETTER_TRACKING_REDIS_URL"):
        raise SystemExit("bench/tracking.py heeft Redis nodig: zet REDIS_URL")
    import django

    django.setup()
    if options.rebuild_counters:
        ensure_events(options.events, rebuild=True)
    if not options.skip_endpoints:
        report_endpoints(options)
    if options.skip_dashboard:
        return
    report_dashboard(options)


def report_endpoints(options) -> None:
    endpoints = bench_endpoints(options)
    print(
        f"\nTracking onder belasting: {options.clients} gelijktijdige clients, "
        f"{options.seconds:.0f} s per meting, gunicorn {options.workers} workers"
    )
    print(f"{'endpoint':16} {'req/s':>8} {'× no-op':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for label, baseline in (("no-op pixel", "no-op pixel"),
                            ("open pixel", "no-op pixel"),
                            ("no-op redirect", "no-op redirect"),
                            ("click redirect", "no-op redirect")):  # fmt: skip
        row, base = endpoints[label], endpoints[baseline]
        print(f"{label:16} {row['per_second']:8.0f} "
              f"{row['per_second'] / base['per_second']:8.2f} {row['p50']:8.1f} "
              f"{row['p99']:8.1f}  {row['statuses']}")  # fmt: skip
    flush = endpoints["flush"]
    print(
        f"flush: {flush['tracked_requests']} geregistreerde hits, "
        f"{flush['buffered']} in de buffer, {flush['counted']} geteld; "
        f"{flush['write_statements']} schrijfopdrachten "
        f"({flush['writes_per_1000']:.2f} per 1000 hits) in {flush['seconds']:.2f} s"
    )


def report_dashboard(options) -> None:
    dashboard = bench_dashboard(options)
    print(f"\nDashboard met {dashboard['events']:,} metingen, {dashboard['scopes']} "
          "lijsten, segmenten en doelen")  # fmt: skip
    print(f"  indicatorenpagina (tellers), mediaan: {dashboard['view_median']:.3f} s")
    print(f"  cijfers uit de tellers:               {dashboard['figures']:.3f} s")
    print(
        f"  naïeve COUNT(DISTINCT) over metingen: {dashboard['naive']:.3f} s "
        f"({dashboard['naive'] / dashboard['view_median']:.1f}× de pagina)"
    )
    print(f"  verschillen tussen tellers en hertelling: {dashboard['mismatches'] or 0}")


if __name__ == "__main__":
    main()
