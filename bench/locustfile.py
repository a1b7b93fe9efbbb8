"""Visitors of the learning platform and recipients of a newsletter, for `make load`
(bench/load.py starts this).

Each simulated visitor (``Visitor``) browses a service's courses — service page,
course, lesson, topic — and searches now and then, with a short pause between pages
as a person reading would. The URLs come from the loaded demo content (bench/load.py
writes them to the file in LOAD_URLS), so every request is for a page that exists:
any error is the site's.

The recipients (``MailRecipient``) open and click the messages of a send as the
bench's SMTP sink receives them (the file in LOAD_MAIL): the open pixel and the
click redirect, and the machine traffic around them.

Run the visitors on their own (with the site on port 8400 and a URL file):

    LOAD_URLS=/tmp/urls.json .venv/bin/locust -f bench/locustfile.py --headless \\
        -u 50 -r 10 -t 60s --host http://127.0.0.1:8400 Visitor
"""

from __future__ import annotations

import heapq
import json
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from locust import HttpUser, TaskSet, between, constant, events, task

SEARCHES = [
    "wise",
    "ibl reservatie",
    "e-boeken uitlenen",
    "tixly",
    "catalogiseren",
    "mijn bibliotheek",
    "release",
    "webinar",
    "open vlacc",
    "gopress",
]


def _urls() -> dict[str, list[str]]:
    path = os.environ.get("LOAD_URLS")
    if not path:
        raise SystemExit("LOAD_URLS ontbreekt: bench/load.py schrijft dat bestand.")
    return json.loads(Path(path).read_text())


URLS = _urls()


class BrowsingCourses(TaskSet):
    """Service page, then down through a course to its lessons and topics."""

    @task(1)
    def service_page(self):
        self.client.get(random.choice(URLS["dienstpagina"]), name="dienstpagina")

    @task(2)
    def course(self):
        self.client.get(random.choice(URLS["cursus"]), name="cursus")

    @task(4)
    def lesson(self):
        self.client.get(random.choice(URLS["les"]), name="les")

    @task(4)
    def topic(self):
        self.client.get(random.choice(URLS["onderwerp"]), name="onderwerp")

    @task(1)
    def home(self):
        self.client.get("/", name="startpagina")

    @task(2)
    def done_browsing(self):
        self.interrupt()


class Searching(TaskSet):
    """A search, sometimes narrowed to a service, then a few results."""

    @task(3)
    def search(self):
        self.client.get(
            "/zoeken/", params={"q": random.choice(SEARCHES)}, name="zoeken"
        )

    @task(1)
    def search_in_a_service(self):
        self.client.get(
            "/zoeken/",
            params={
                "q": random.choice(SEARCHES),
                "dienst": random.choice(URLS["dienst"]),
            },
            name="zoeken per dienst",
        )

    @task(1)
    def done_searching(self):
        self.interrupt()


class Visitor(HttpUser):
    """A member of library or culture-centre staff on the site."""

    wait_time = between(0.5, 2)
    tasks = {BrowsingCourses: 3, Searching: 1}


# -- Recipients of the send: opens and clicks ---------------------------------------

# What the recipients do with a message, per message (shares of all messages). A
# person opens OPEN_AFTER seconds or more after delivery: sooner is classified as
# a prefetch (newsletters.classification.OPEN_PREFETCH_SECONDS).
PRIVACY_PROXY = 0.10  # Apple Mail Privacy Protection loads the pixel at delivery
OPENS = 0.45  # of the others, the person opens the message
CLICKS = 0.20  # of those who opened, one or two links
SECOND_CLICK = 0.35
LINK_SCANNER = 0.05  # a security gateway checks every link with HEAD at delivery
OPEN_AFTER = 15.0

MAIL_CLIENTS = [
    "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/131.0.0.0 Safari/537.36",
]
BROWSER = MAIL_CLIENTS[2]
APPLE = "Mozilla/5.0"  # the agent Apple's privacy proxy fetches with
SCANNER = "Mozilla/5.0 (compatible; URL-Defense link check)"
# Rows of the report; bench/load.py (same names) checks each against the counters.
OPEN_ROW, PROXY_ROW = "open pixel", "open pixel, privacy proxy"
CLICK_ROW, SCANNER_ROW = "click redirect", "click redirect, link scanner (HEAD)"


@dataclass(order=True)
class Hit:
    """One open or click: when it falls due, and how and by whom it is made."""

    due: float
    method: str = field(compare=False)
    path: str = field(compare=False)
    name: str = field(compare=False)
    agent: str = field(compare=False)


class Mailbox:
    """The messages the bench's SMTP sink received, and the opens and clicks their
    recipients make, in the order they fall due.

    bench/load.py appends one JSON line per message to the file in LOAD_MAIL
    (arrival time, the path of the open pixel, the paths of the click links); the
    first line holds the links of the issue, the only places a click may lead to
    (bench/load.py checks afterwards that the send stored exactly these). Only
    paths travel, so every hit goes to the site under test.
    """

    def __init__(self, path: str):
        self.path = Path(path)
        self.offset = 0
        self.links: set[str] = set()
        self.due: list[Hit] = []
        self.messages = 0
        self.rng = random.Random(11)

    def read(self) -> None:
        with self.path.open("rb") as handle:
            handle.seek(self.offset)
            data = handle.read()
        # Only whole lines: the sink may be halfway through writing the last one.
        complete = data.rpartition(b"\n")[0]
        if not complete:
            return
        self.offset += len(complete) + 1
        for line in complete.split(b"\n"):
            entry = json.loads(line)
            if "links" in entry:
                self.links = set(entry["links"])
            else:
                self.messages += 1
                for hit in self.hits_of(entry):
                    heapq.heappush(self.due, hit)

    def hits_of(self, message: dict) -> list[Hit]:
        rng, at, pixel = self.rng, message["at"], message["pixel"]
        hits = []
        if rng.random() < LINK_SCANNER:
            hits += [
                Hit(at + rng.uniform(0, 3), "HEAD", link, SCANNER_ROW, SCANNER)
                for link in message["clicks"]
            ]
        # Behind Apple's proxy the person's own opens come from its cache: the
        # pixel is fetched once, at delivery.
        if rng.random() < PRIVACY_PROXY:
            hits.append(Hit(at + rng.uniform(0, 2), "GET", pixel, PROXY_ROW, APPLE))
        elif rng.random() < OPENS:
            opened = at + OPEN_AFTER + rng.expovariate(1 / 15)
            agent = rng.choice(MAIL_CLIENTS)
            hits.append(Hit(opened, "GET", pixel, OPEN_ROW, agent))
            if rng.random() < CLICKS:
                hits += self.clicks_after(opened, message["clicks"])
        return hits

    def clicks_after(self, opened: float, links: list[str]) -> list[Hit]:
        """One or two different links, each after a while of reading."""
        rng = self.rng
        count = 2 if rng.random() < SECOND_CLICK else 1
        hits, at = [], opened
        for link in rng.sample(links, min(count, len(links))):
            at += 3 + rng.expovariate(1 / 8)
            hits.append(Hit(at, "GET", link, CLICK_ROW, BROWSER))
        return hits

    def next_due(self, now: float) -> Hit | None:
        if self.due and self.due[0].due <= now:
            return heapq.heappop(self.due)
        return None


_mailbox: Mailbox | None = None


def mailbox() -> Mailbox:
    global _mailbox
    if _mailbox is None:
        path = os.environ.get("LOAD_MAIL")
        if not path:
            raise SystemExit("LOAD_MAIL ontbreekt: bench/load.py schrijft dat bestand.")
        _mailbox = Mailbox(path)
    return _mailbox


class MailRecipient(HttpUser):
    """Recipients of the send opening and clicking, as their messages arrive.

    Each of these users makes the next hit that is due, whoever's it is: together
    they are as many connections as there are users, so a slow site delays the
    hits (bench/load.py reports how many were still due at the end). The redirect
    of a click is not followed: loopback only.
    """

    wait_time = constant(0)  # hits come when they fall due (next_hit waits)

    @task
    def next_hit(self):
        box = mailbox()
        box.read()
        hit = box.next_due(time.time())
        if hit is None:
            time.sleep(0.1)
            return
        with self.client.request(
            hit.method,
            hit.path,
            name=hit.name,
            headers={"User-Agent": hit.agent},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            problem = (
                answered_click(response, box.links)
                if "/t/k/" in hit.path
                else answered_pixel(response)
            )
            if problem:
                response.failure(problem)
            else:
                response.success()


def answered_pixel(response) -> str:
    content_type = response.headers.get("Content-Type")
    if response.status_code != 200 or content_type != "image/gif":
        return f"{response.status_code} {content_type}"
    return ""


def answered_click(response, links: set[str]) -> str:
    """A click counts only as a 302 to a link stored for the issue."""
    location = response.headers.get("Location", "")
    if response.status_code != 302 or location not in links:
        return f"{response.status_code} naar {location!r}"
    return ""


# What bench/load.py reads once the recipients stopped.
_summary: dict = {}


@events.test_stopping.add_listener
def _note_backlog(environment, **_kwargs):
    """The messages read, and the hits that fell due during the run but were not
    made (every connection was waiting on the site)."""
    if _mailbox is None:
        return
    _mailbox.read()
    now = time.time()
    _summary["messages"] = _mailbox.messages
    _summary["late"] = sum(1 for hit in _mailbox.due if hit.due <= now)


@events.quitting.add_listener
def _write_summary(environment, **_kwargs):
    """The recipients' rows once every hit under way was answered: locust writes
    its CSV once a second and would miss the last ones, which the counters do
    have."""
    if _mailbox is None:
        return
    stats = environment.stats
    entries = sorted(stats.entries.values(), key=lambda entry: entry.name)
    rows = {entry.name: _row(entry) for entry in entries}
    rows["Aggregated"] = _row(stats.total)
    Path(os.environ["LOAD_MAIL"] + ".summary.json").write_text(
        json.dumps(_summary | {"rows": rows})
    )


def _row(entry) -> dict:
    """The columns of locust's CSV that bench/load.py reports."""

    def percentile(fraction: float) -> int:
        return int(entry.get_response_time_percentile(fraction) or 0)

    return {
        "Request Count": entry.num_requests,
        "Failure Count": entry.num_failures,
        "Requests/s": entry.total_rps,
        "50%": percentile(0.5),
        "95%": percentile(0.95),
        "99%": percentile(0.99),
    }
