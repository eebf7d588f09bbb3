"""The calendar the portal uses: the official days plus the administrators' overrides.

Building it reads the ``holidays`` package once per process and the overrides table once
per change. Each process keeps its calendar in memory; a version counter in Django's cache
tells the other processes that an override changed. To keep ``due_at`` as cheap as a
dictionary look-up, a process asks the cache for that counter at most every
:data:`RECHECK_SECONDS`; its own changes it sees as soon as they commit.

The cache is a convenience, not a dependency: while it cannot be reached, a process compares
the overrides table itself instead (a few dozen rows), so that every due date is still
computed, and on the right calendar.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Hashable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from onestop.calendar.holidays_source import OfficialDays, official_days, official_days_between
from onestop.calendar.workdays import WorkCalendar

# Dossiers from the start of electronic one-stop handling to well past any time limit.
FIRST_YEAR = 2000
LAST_YEAR = 2100
RECHECK_SECONDS = 2.0
VERSION_KEY = "workcalendar:version"

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_calendar: WorkCalendar | None = None
_version: Hashable | None = None
_checked_at = 0.0
# A change committed while the cache was down: the other processes learn of it by a bump
# once the cache answers again.
_bump_owed = False


def _clock(text: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise ValueError(f"a time of day must read HH:MM, not {text!r}") from None


def office_hours_setting() -> tuple[tuple[dt.time, dt.time], ...]:
    return tuple((_clock(start), _clock(end)) for start, end in settings.OFFICE_HOURS)


def cutoff_setting() -> dt.time:
    return _clock(settings.INTAKE_CUTOFF)


def alert_window_setting() -> int:
    return int(settings.DEADLINE_ALERT_WINDOW_WORKING_DAYS)


def _overrides(first_year: int, last_year: int) -> list[tuple[dt.date, str, str]]:
    from onestop.calendar.models import CalendarOverride, OverrideKind

    rows = CalendarOverride.objects.filter(
        date__range=(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31))
    )
    return [
        (day, name, kind)
        for day, name, kind in rows.values_list("date", "name", "kind")
        if kind in OverrideKind.values
    ]


def build_calendar(official: OfficialDays, first_year: int, last_year: int) -> WorkCalendar:
    """A calendar of the settings' office hours: `official` days, then the overrides."""
    from onestop.calendar.models import OverrideKind

    days_off, working = dict(official.days_off), dict(official.working_days)
    for day, name, kind in _overrides(first_year, last_year):
        if kind == OverrideKind.DAY_OFF:
            working.pop(day, None)
            days_off[day] = name
        else:
            days_off.pop(day, None)
            working[day] = name
    return WorkCalendar(
        first_year=first_year,
        last_year=last_year,
        days_off=days_off,
        working_days=working,
        office_hours=office_hours_setting(),
        cutoff=cutoff_setting(),
    )


def _shared_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 0)
        version = cache.get(VERSION_KEY, 0)
    return int(version)


def _overrides_fingerprint() -> Hashable:
    """What the cached counter stands for, read from the database: the overrides themselves."""
    return ("overrides", tuple(_overrides(FIRST_YEAR, LAST_YEAR)))


def _current_version() -> Hashable:
    """The shared counter, or the overrides' fingerprint while the cache cannot be reached.

    Django's cache API has no error class of its own and the backend is a setting, so any
    exception from it counts as "unreachable"; the database is the source of truth anyway.
    """
    global _bump_owed
    try:
        if _bump_owed:
            _bump_shared_version()
            _bump_owed = False
        return _shared_version()
    except Exception as exc:  # logged without a traceback: it repeats every few seconds
        logger.warning("calendar version: cache unreachable, comparing overrides: %s", exc)
        return _overrides_fingerprint()


def default_calendar() -> WorkCalendar:
    """The portal's calendar for the years :data:`FIRST_YEAR`..:data:`LAST_YEAR`.

    Reads the database only when an override changed since this process last built it.
    """
    global _calendar, _version, _checked_at
    now = time.monotonic()
    calendar = _calendar
    if calendar is not None and now - _checked_at < RECHECK_SECONDS:
        return calendar
    with _lock:
        version = _current_version()
        if _calendar is None or version != _version:
            official = official_days_between(FIRST_YEAR, LAST_YEAR)
            _calendar = build_calendar(official, FIRST_YEAR, LAST_YEAR)
            _version = version
        _checked_at = now
        return _calendar


def _bump_shared_version() -> None:
    _shared_version()  # make sure the key exists: incr fails on a missing key
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # evicted in between
        cache.set(VERSION_KEY, 1)


def forget() -> None:
    """Drop this process's calendar and tell the others to drop theirs.

    Never fails on the cache: it runs once the change has committed, and while the cache is
    down the other processes compare the overrides table instead of the counter.
    """
    global _calendar, _bump_owed
    with _lock:
        _calendar = None
        try:
            _bump_shared_version()
        except Exception:
            logger.warning("calendar version: cache unreachable, bump deferred", exc_info=True)
            _bump_owed = True


def invalidate() -> None:
    """Call :func:`forget` once the current transaction commits: earlier, this process or
    another could rebuild from rows that are then rolled back.
    """
    transaction.on_commit(forget)


def calendar_for_year(year: int, language: str = "vi") -> WorkCalendar:
    """One year with names in `language`, for the calendar page. Raises ``ValueError``
    for a year outside 1..9998.
    """
    return build_calendar(official_days([year], language), year, year)
