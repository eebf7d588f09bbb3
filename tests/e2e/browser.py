"""Debian's chromium driven by Playwright, for the browser tests.

Each test module's ``browser`` fixture first writes its data, then opens the browser with
:func:`open_chromium`: while Playwright's event loop runs, Django gives the test thread a
separate database connection, so data written before the browser starts is the simplest.
"""

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_unavailable(chromium: Path = CHROMIUM) -> str | None:
    """Why the browser tests cannot run on this machine, or None when they can."""
    try:
        importlib.import_module("playwright.sync_api")
    except ImportError as error:
        return f"the Playwright package cannot be imported ({error}): make install-dev"
    if not chromium.exists():
        return f"Debian chromium is missing at {chromium}: apt-get install chromium"
    return None


@contextmanager
def open_chromium(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    problem = browser_unavailable()
    if problem:
        pytest.skip(problem)
    sync_api = importlib.import_module("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread, and Django refuses database
    # access from a thread with a running loop unless told it is safe, as it is in a test
    # that checks the database after a browser action.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        # Reading the database while the loop ran gave this thread a connection of its own:
        # hand it back, or the test database cannot be dropped.
        connections.close_all()
        browser.close()


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def sign_in(
    browser: Any,
    live_server: Any,
    username: str,
    password: str,
    *,
    viewport: dict[str, int] = DESKTOP,
    path: str = "/tai-khoan/dang-nhap/",
) -> Any:
    """A page of a new browser context, signed in as `username` through the sign-in page."""
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(live_server.url + path)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    return page
