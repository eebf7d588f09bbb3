"""A database-free calendar of the official days, and helpers to write Vietnamese times."""

import datetime as dt
from collections.abc import Iterator

import pytest

from onestop.calendar.holidays_source import official_days
from onestop.calendar.workdays import VIETNAM, WorkCalendar

YEARS = range(2024, 2031)


def official_calendar() -> WorkCalendar:
    days = official_days(YEARS)
    return WorkCalendar(
        first_year=YEARS[0],
        last_year=YEARS[-1],
        days_off=days.days_off,
        working_days=days.working_days,
    )


OFFICIAL = official_calendar()


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A moment in Vietnamese time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


@pytest.fixture
def official() -> WorkCalendar:
    return OFFICIAL


@pytest.fixture(autouse=True)
def fresh_default_calendar() -> Iterator[None]:
    """No test sees the portal calendar another test built (maybe with its overrides)."""
    from onestop.calendar import default

    default.forget()
    yield
    default.forget()
