"""The working-day calendar and deadline arithmetic (docs/calendar.md).

``onestop.calendar.due_at(received_at, amount, unit)`` computes a due date on the portal's
calendar. Importing this package touches neither the database nor the ``holidays`` package;
the calendar is built on the first call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onestop.calendar.deadlines import Amount

__all__ = ["due_at"]

_implementation: Callable[[dt.datetime, Amount, str], dt.datetime] | None = None


def _load() -> Callable[[dt.datetime, Amount, str], dt.datetime]:
    global _implementation
    from onestop.calendar.deadlines import due_at as on_calendar
    from onestop.calendar.default import default_calendar

    def on_default_calendar(received_at: dt.datetime, amount: Amount, unit: str) -> dt.datetime:
        return on_calendar(received_at, amount, unit, default_calendar())

    _implementation = on_default_calendar
    return on_default_calendar


def due_at(received_at: dt.datetime, amount: Amount, unit: str) -> dt.datetime:
    """When a time limit of `amount` `unit` received at `received_at` runs out, on the
    portal's calendar (official holidays and swaps plus the administrators' overrides).

    `unit` is "working_days", "calendar_days", "working_hours" or "same_day" (`amount` is
    then ignored). Returns an aware datetime in Asia/Ho_Chi_Minh. Raises ``ValueError``
    for a naive `received_at`, an unknown unit, a negative amount or a date outside the
    calendar's years (2000-2100).
    """
    return (_implementation or _load())(received_at, amount, unit)
