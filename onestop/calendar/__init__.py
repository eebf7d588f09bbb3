"""The working-day calendar and deadline arithmetic (docs/calendar.md).

The functions here use the portal's calendar: the official holidays and swaps plus the
administrators' overrides, with the office hours, cut-off and alert window of the settings.
The same rules on any :class:`~onestop.calendar.workdays.WorkCalendar` live in
:mod:`onestop.calendar.deadlines` and :mod:`onestop.calendar.status`.

Importing this package touches neither the database nor the ``holidays`` package; the
calendar is built on the first call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from onestop.calendar.deadlines import Amount
    from onestop.calendar.status import Outcome, Progress
    from onestop.calendar.workdays import WorkCalendar

__all__ = [
    "can_extend",
    "check_extension",
    "default_calendar",
    "due_after_supplements",
    "due_at",
    "outcome",
    "progress",
    "remaining_text",
    "step_due_dates",
]

_due_at: Callable[[dt.datetime, Amount, str], dt.datetime] | None = None


def _bind_due_at() -> Callable[[dt.datetime, Amount, str], dt.datetime]:
    # Bound once, so that the hot path is one global look-up and two calls.
    global _due_at
    from onestop.calendar.deadlines import due_at as on_calendar
    from onestop.calendar.default import default_calendar

    def on_default_calendar(received_at: dt.datetime, amount: Amount, unit: str) -> dt.datetime:
        return on_calendar(received_at, amount, unit, default_calendar())

    _due_at = on_default_calendar
    return on_default_calendar


def due_at(received_at: dt.datetime, amount: Amount, unit: str) -> dt.datetime:
    """When a time limit of `amount` `unit` received at `received_at` runs out.

    `unit` is "working_days", "calendar_days", "working_hours" or "same_day" (`amount` is
    then ignored). Returns an aware datetime in Asia/Ho_Chi_Minh. Raises ``ValueError``
    for a naive `received_at`, an unknown unit, a negative amount or a date outside the
    calendar's years (2000-2100).
    """
    return (_due_at or _bind_due_at())(received_at, amount, unit)


def default_calendar() -> WorkCalendar:
    from onestop.calendar.default import default_calendar as current

    return current()


def step_due_dates(
    received_at: dt.datetime, steps: Iterable[tuple[Amount, str]]
) -> list[dt.datetime]:
    """The end of each (amount, unit) step, each starting where the previous one ended."""
    from onestop.calendar import deadlines

    return deadlines.step_due_dates(received_at, steps, default_calendar())


def due_after_supplements(
    policy: str,
    *,
    received_at: dt.datetime,
    amount: Amount,
    unit: str,
    waits: Sequence[tuple[dt.datetime, dt.datetime]],
) -> dt.datetime:
    """The due date under the "restart" or "pause" policy after the supplement `waits`,
    each (requested_at, returned_at). Raises ``ValueError`` as :func:`due_at` does, and for
    an unknown policy or unordered waits.
    """
    from onestop.calendar import deadlines

    return deadlines.due_after_supplements(
        policy,
        received_at=received_at,
        amount=amount,
        unit=unit,
        waits=waits,
        calendar=default_calendar(),
    )


def can_extend(due_at: dt.datetime, now: dt.datetime) -> bool:
    """Whether at least one working day remains before the due day."""
    from onestop.calendar import deadlines

    return deadlines.can_extend(due_at, now, default_calendar())


def check_extension(
    *, due_at: dt.datetime, new_due_at: dt.datetime, now: dt.datetime, already_extended: bool
) -> None:
    """Raise ``ExtensionRefused`` (a ``ValueError``, translated) for a forbidden extension."""
    from onestop.calendar import deadlines

    deadlines.check_extension(
        due_at=due_at,
        new_due_at=new_due_at,
        now=now,
        already_extended=already_extended,
        calendar=default_calendar(),
    )


def outcome(finished_at: dt.datetime, due_at: dt.datetime) -> Outcome:
    """Early, on time or late, against the (possibly extended) due date."""
    from onestop.calendar import status

    return status.outcome(finished_at, due_at, default_calendar())


def progress(due_at: dt.datetime, now: dt.datetime) -> Progress:
    """On track, at risk (within the settings' alert window) or overdue."""
    from onestop.calendar import status
    from onestop.calendar.default import alert_window_setting

    return status.progress(due_at, now, default_calendar(), alert_window=alert_window_setting())


def remaining_text(due_at: dt.datetime, now: dt.datetime) -> str | None:
    """ "còn 2 ngày 3 giờ" or "quá hạn 1 ngày 2 giờ", in office time; None outside the
    calendar's years.
    """
    from onestop.calendar import status

    return status.remaining_text(due_at, now, default_calendar())
