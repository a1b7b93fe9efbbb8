"""`make run` end to end: the stack starts on SQLite and the embedded broker, serves the
site, runs a worker and beat, and Ctrl-C stops every process it started."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.processes import free_port

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 180


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:  # not listening yet
        return 0, ""


def child_pids(pid: int) -> set[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return {int(child) for child in found.stdout.split()}


def sessions_alive(session_ids) -> set[int]:
    alive = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) in session_ids:
                    alive.add(int(entry.name))
            except (ProcessLookupError, PermissionError):
                continue
    return alive


def test_make_run_serves_the_site_with_worker_and_beat_and_stops_cleanly(tmp_path):
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "EMAIL_URL")
    }
    env |= {
        "LEERPLATFORM_VAR_DIR": str(tmp_path),
        "PORT": str(port),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "PYTHONUNBUFFERED": "1",
    }
    log = (tmp_path / "run.log").open("w+")
    stack = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runstack"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    children: set[int] = set()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        output = ""
        while time.monotonic() < deadline:
            children |= child_pids(stack.pid)
            output = (tmp_path / "run.log").read_text()
            if (
                "ready." in output
                and "beat: Starting" in output
                and get(f"http://127.0.0.1:{port}/")[0] == 200
            ):
                break
            assert stack.poll() is None, output
            time.sleep(1)
        assert "ready." in output, output
        assert "beat: Starting" in output, output
        assert "redacteur@example.org" in output  # the demo editor's login

        status, home = get(f"http://127.0.0.1:{port}/")
        assert status == 200
        assert '<html lang="nl' in home
        assert get(f"http://127.0.0.1:{port}/wise/")[0] == 200
        assert get(f"http://127.0.0.1:{port}/admin/login/")[0] == 200
        assert get(f"http://127.0.0.1:{port}/accounts/login/")[0] == 200

        children |= child_pids(stack.pid)
        assert len(children) == 3  # web, worker, beat — each in its own session
        assert len(sessions_alive(children)) > 3  # plus reloader and pool children

        stack.send_signal(signal.SIGINT)
        assert stack.wait(timeout=30) == 0
        time.sleep(0.5)
        assert sessions_alive(children) == set()
    finally:
        # Whatever happened above, leave no process of the stack behind.
        if stack.poll() is None:
            stack.send_signal(signal.SIGINT)
            try:
                stack.wait(timeout=30)
            except subprocess.TimeoutExpired:
                stack.kill()
        for pid in sessions_alive(children):
            os.kill(pid, signal.SIGKILL)
        log.close()
