"""`make run`: prepare the database and demo content, then run web, worker and beat.

Each child runs in its own process group, so that stopping the stack (Ctrl-C or
SIGTERM) can also reach the grandchildren: runserver's autoreloader child and Celery's
pool processes.
"""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

STOP_GRACE_SECONDS = 10


class Command(BaseCommand):
    help = "Start de hele site: webserver, Celery-worker en planner (beat)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument(
            "--no-demo", action="store_true", help="Laad geen demo-inhoud."
        )

    def handle(self, *args, port, host, no_demo, **options):
        if not str(port).isdigit() or not 0 < int(port) < 65536:
            self.stderr.write(f"PORT={port!r} is geen geldig poortnummer.")
            sys.exit(2)
        self.prepare(no_demo)
        self.children: dict[str, subprocess.Popen] = {}
        self.stopping = False
        signal.signal(signal.SIGINT, self.request_stop)
        signal.signal(signal.SIGTERM, self.request_stop)
        for name, command in self.commands(host, port).items():
            self.start(name, command)
        self.stdout.write(
            self.style.SUCCESS(
                f"Leerplatform draait op http://{host}:{port}/ "
                f"(beheer: http://{host}:{port}/admin/). Stoppen: Ctrl-C."
            )
        )
        exit_code = self.supervise()
        self.stop_all()
        sys.exit(exit_code)

    def prepare(self, no_demo: bool) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        # The migrations create it too; this covers a switch from Redis to the
        # database cache on an already migrated database.
        call_command("createcachetable", verbosity=0)
        self.stdout.write("Database bijgewerkt.")
        if not no_demo:
            call_command("load_demo", scale="small", stdout=self.stdout)

    def commands(self, host: str, port: str) -> dict[str, list[str]]:
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        celery = [sys.executable, "-m", "celery", "-A", "config.celery_app"]
        schedule = settings.CELERY_BEAT_SCHEDULE_FILENAME
        return {
            "web": [sys.executable, manage, "runserver", f"{host}:{port}"],
            "worker": celery
            + [
                "worker",
                "--loglevel=INFO",
                "--concurrency=2",
                "--queues=celery,sending",
            ],
            "beat": celery + ["beat", "--loglevel=INFO", f"--schedule={schedule}"],
        }

    def start(self, name: str, command: list[str]) -> None:
        env = os.environ | {
            "PYTHONPATH": os.pathsep.join(
                [str(settings.SITE_DIR), os.environ.get("PYTHONPATH", "")]
            ).rstrip(os.pathsep),
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "config.settings.dev"
            ),
        }
        child = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            text=True,
            bufsize=1,
        )
        self.children[name] = child
        threading.Thread(target=self.relay, args=(name, child), daemon=True).start()

    def relay(self, name: str, child: subprocess.Popen) -> None:
        """Copy a child's output to ours, each line prefixed with the child's name."""
        for line in child.stdout:
            self.stdout.write(f"{name:>6} | {line.rstrip()}")

    def request_stop(self, signum, frame) -> None:
        self.stopping = True

    def supervise(self) -> int:
        while not self.stopping:
            for name, child in self.children.items():
                if child.poll() is not None:
                    self.stderr.write(
                        f"{name} is gestopt (code {child.returncode}); alles stopt."
                    )
                    return 1
            time.sleep(0.5)
        return 0

    def stop_all(self) -> None:
        self.stdout.write("Stoppen…")
        # SIGTERM to each main process lets Celery shut its pool down warmly; what is
        # left in a group after the grace period (orphaned reloader or pool
        # children) is killed.
        for child in self.children.values():
            if child.poll() is None:
                child.terminate()
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in self.children.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            self.signal_group(child, signal.SIGKILL)
        self.stdout.write("Alle processen zijn gestopt.")

    @staticmethod
    def signal_group(child: subprocess.Popen, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signum)
