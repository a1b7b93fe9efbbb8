"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live
server. Screenshots land in test-artifacts/ for a person to look at."""

from pathlib import Path

import pytest

from tests.conftest import chromium_path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls that
    # the test makes around it are still plain synchronous calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS
        )
        context = browser.new_context(
            locale="en-GB", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        yield page
        context.close()
        browser.close()


@pytest.fixture
def screenshot():
    def take(page, name: str):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take
