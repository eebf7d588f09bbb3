"""The suite's own guards: the frozen clock, and the run that must not skip the browser."""

import datetime as dt
import sys
import time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests import conftest
from tests.e2e.browser import browser_unavailable

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_frozen_clock_stops_every_date_function_on_a_working_morning(frozen_clock):
    assert frozen_clock.now == dt.datetime(2026, 3, 11, 9, 30, tzinfo=VIETNAM)
    assert frozen_clock.now.weekday() == 2  # a Wednesday
    time.sleep(0.01)
    assert timezone.now() == frozen_clock.now
    assert timezone.localdate() == dt.date(2026, 3, 11)
    assert dt.date.today() == dt.date(2026, 3, 11)
    assert dt.datetime.now(VIETNAM) == frozen_clock.now
    assert time.time() == frozen_clock.now.timestamp()


def test_the_frozen_clock_moves_inside_a_test(frozen_clock):
    after_tet = dt.datetime(2027, 2, 11, 7, 30, tzinfo=VIETNAM)
    assert frozen_clock.move_to(after_tet) == after_tet
    assert timezone.localtime() == after_tet
    assert frozen_clock.advance(dt.timedelta(hours=2)) == after_tet + dt.timedelta(hours=2)
    assert timezone.now() == after_tet + dt.timedelta(hours=2)
    with pytest.raises(ValueError):
        frozen_clock.move_to(dt.datetime(2027, 2, 11, 7, 30))


def test_the_browser_is_unavailable_without_the_playwright_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # import raises ImportError
    assert "Playwright" in (browser_unavailable() or "")


def test_the_browser_is_unavailable_without_chromium(tmp_path):
    problem = browser_unavailable(chromium=tmp_path / "chromium")
    assert problem is not None and "chromium" in problem


def test_requiring_the_browser_fails_the_run_when_playwright_is_missing(monkeypatch, pytestconfig):
    monkeypatch.setenv("ONESTOP_REQUIRE_BROWSER", "1")
    monkeypatch.delenv("ONESTOP_REQUIRE_POSTGRES", raising=False)
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    with pytest.raises(pytest.UsageError, match="ONESTOP_REQUIRE_BROWSER=1 but the Playwright"):
        conftest.pytest_configure(pytestconfig)


def test_requiring_the_browser_passes_where_it_can_run(monkeypatch, pytestconfig):
    if browser_unavailable():
        pytest.skip("the browser cannot run here")
    monkeypatch.setenv("ONESTOP_REQUIRE_BROWSER", "1")
    monkeypatch.delenv("ONESTOP_REQUIRE_POSTGRES", raising=False)
    conftest.pytest_configure(pytestconfig)
