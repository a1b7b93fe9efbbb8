"""Visitors of the learning platform, for `make load` (bench/load.py starts this).

Each simulated visitor browses a service's courses — service page, course, lesson,
topic — and searches now and then, with a short pause between pages as a person
reading would. The URLs come from the loaded demo content (bench/load.py writes them
to the file in LOAD_URLS), so every request is for a page that exists: any error
is the site's.

Run on its own (with the site on port 8400 and a URL file):

    LOAD_URLS=/tmp/urls.json .venv/bin/locust -f bench/locustfile.py --headless \\
        -u 50 -r 10 -t 60s --host http://127.0.0.1:8400
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

from locust import HttpUser, TaskSet, between, task

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


# ---------------------------------------------------------------------------------
# TRACKING (to be added): newsletter opens and clicks arriving during the send.
# When the open pixel and the click redirect exist, add a TaskSet here, e.g.
#
#     class OpensAndClicks(TaskSet):
#         @task
#         def open_pixel(self): self.client.get(random.choice(URLS["pixel"]), ...)
#         @task
#         def click(self): self.client.get(..., allow_redirects=False, ...)
#
# have bench/load.py put the signed pixel and click URLs of the send's recipients in
# the URL file (keys "pixel" and "klik"), and give it a weight in Visitor.tasks
# below. Nothing else needs to change.
# ---------------------------------------------------------------------------------


class Visitor(HttpUser):
    """A member of library or culture-centre staff on the site."""

    wait_time = between(0.5, 2)
    tasks = {BrowsingCourses: 3, Searching: 1}
