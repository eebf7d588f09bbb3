"""Due dates of administrative procedures, as pure functions of a :class:`WorkCalendar`.

The rules (docs/calendar.md gives the legal references and examples):

* a dossier received outside office hours or on a day off counts as received at the next
  opening;
* the day of receipt is not counted (Civil Code 2015 art. 147): N working days end at the
  close of office hours of the N-th working day after it;
* N calendar days that end on a day off end at the close of the next working day (art. 148);
* working hours count office hours only, from the moment of receipt;
* a same-day limit ends at today's close if received before the intake cut-off, else at the
  next working day's close.

Every function takes aware datetimes and returns aware datetimes in Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from onestop.calendar.workdays import CalendarRangeError, WorkCalendar

Amount = int | Decimal | float
Waits = Sequence[tuple[dt.datetime, dt.datetime]]

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
WORKING_HOURS = "working_hours"
SAME_DAY = "same_day"
RESTART = "restart"
PAUSE = "pause"


def _split(amount: Amount) -> tuple[int, Decimal]:
    """Whole units and the fraction left over; ``ValueError`` for negative or odd input."""
    if type(amount) is int:
        if amount < 0:
            raise ValueError("a time limit cannot be negative")
        return amount, Decimal(0)
    if isinstance(amount, bool) or not isinstance(amount, int | Decimal | float):
        raise ValueError(f"a time limit must be a number, not {amount!r}")
    value = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
    if not value.is_finite() or value < 0:
        raise ValueError(f"a time limit must be a finite number >= 0, not {amount!r}")
    whole = int(value)
    return whole, value - whole


def _seconds(value: Decimal) -> int:
    return int(value.to_integral_value())


# --- the four units ------------------------------------------------------------------------


def _working_days_from(calendar: WorkCalendar, index: int, amount: Amount) -> dt.datetime:
    """N working days after working day `index`; a fraction is that share of the next
    working day's office hours (0.5 day ends at mid-day of the day after the whole days).
    """
    whole, fraction = _split(amount)
    if not fraction:
        return calendar.closing(index + whole)
    end = calendar.position(calendar.closing(index + whole))
    return calendar.at_position(end + _seconds(fraction * calendar.day_seconds))


def _working_days(calendar: WorkCalendar, received_at: dt.datetime, amount: Amount) -> dt.datetime:
    return _working_days_from(calendar, calendar.working_day_index(received_at), amount)


def _calendar_days(calendar: WorkCalendar, received_at: dt.datetime, amount: Amount) -> dt.datetime:
    whole, fraction = _split(amount)
    if fraction:
        raise ValueError("a limit in calendar days must be a whole number of days")
    start = calendar.working_day(calendar.working_day_index(received_at))
    return calendar.closing(calendar.index_on_or_after(start + dt.timedelta(days=whole)))


def _working_hours(calendar: WorkCalendar, received_at: dt.datetime, amount: Amount) -> dt.datetime:
    whole, fraction = _split(amount)
    seconds = whole * 3600 + _seconds(fraction * 3600)
    start = calendar.position(received_at)
    return calendar.at_position(start + seconds, prefer_close=seconds > 0)


def _same_day(calendar: WorkCalendar, received_at: dt.datetime, amount: Amount) -> dt.datetime:
    return calendar.closing(calendar.cutoff_index(received_at))


_UNITS: dict[str, Callable[[WorkCalendar, dt.datetime, Amount], dt.datetime]] = {
    WORKING_DAYS: _working_days,
    CALENDAR_DAYS: _calendar_days,
    WORKING_HOURS: _working_hours,
    SAME_DAY: _same_day,
}
UNITS = frozenset(_UNITS)


def due_at(
    received_at: dt.datetime, amount: Amount, unit: str, calendar: WorkCalendar
) -> dt.datetime:
    """When a time limit of `amount` `unit` starting at `received_at` runs out.

    `unit` is one of :data:`UNITS` (``TimeUnit`` values work too); `amount` is ignored for
    ``same_day``. Raises ``ValueError`` for a naive `received_at`, an unknown unit or a
    negative amount, and :class:`~onestop.calendar.workdays.CalendarRangeError` (a
    ``ValueError``) when a date falls outside the calendar's years.
    """
    rule = _UNITS.get(unit)
    if rule is None:
        raise ValueError(f"unknown time unit {unit!r}; expected one of {sorted(UNITS)}")
    if received_at.tzinfo is None:
        raise ValueError("received_at must be an aware datetime")
    return rule(calendar, received_at, amount)


def _check_unit(received_at: dt.datetime, unit: str) -> None:
    if unit not in _UNITS:
        raise ValueError(f"unknown time unit {unit!r}; expected one of {sorted(UNITS)}")
    if received_at.tzinfo is None or received_at.utcoffset() is None:
        raise ValueError("received_at must be an aware datetime")


def step_due_dates(
    received_at: dt.datetime,
    steps: Iterable[tuple[Amount, str]],
    calendar: WorkCalendar,
) -> list[dt.datetime]:
    """The end of each step of a procedure, each step starting where the previous one ended.

    A step that ends at a close hands over within that day, so working-day steps add up
    exactly: steps of 3 and 2 working days end where 5 working days would.
    """
    ends: list[dt.datetime] = []
    start = received_at
    for amount, unit in steps:
        start = due_at(start, amount, unit, calendar)
        ends.append(start)
    return ends


# --- supplements ----------------------------------------------------------------------------


def _check_waits(received_at: dt.datetime, waits: Waits) -> None:
    previous = received_at
    for requested_at, returned_at in waits:
        if not previous <= requested_at <= returned_at:
            raise ValueError(
                "supplement waits must be ordered: received <= requested <= returned, "
                "each wait after the previous one"
            )
        previous = returned_at


def _waited(calendar: WorkCalendar, unit: str, waits: Waits) -> int:
    """Time spent waiting for the applicant, in the unit's own measure: working days (counted
    the way the unit counts its start), calendar days, or office seconds for working hours.
    """
    total = 0
    for requested_at, returned_at in waits:
        if unit == WORKING_HOURS:
            total += calendar.position(returned_at) - calendar.position(requested_at)
        elif unit == SAME_DAY:
            total += calendar.cutoff_index(returned_at) - calendar.cutoff_index(requested_at)
        else:
            first = calendar.working_day_index(requested_at)
            last = calendar.working_day_index(returned_at)
            if unit == CALENDAR_DAYS:
                total += (calendar.working_day(last) - calendar.working_day(first)).days
            else:
                total += last - first
    return total


def paused_due_at(
    received_at: dt.datetime,
    amount: Amount,
    unit: str,
    waits: Waits,
    calendar: WorkCalendar,
) -> dt.datetime:
    """The due date when the clock stops while the applicant supplements the dossier.

    `waits` holds (requested_at, returned_at) of every supplement round, in order; the time
    between each pair is added to the limit. Raises ``ValueError`` for unordered waits and
    whatever :func:`due_at` raises.
    """
    _check_unit(received_at, unit)
    _check_waits(received_at, waits)
    waited = _waited(calendar, unit, waits)
    if unit == WORKING_HOURS:
        start = calendar.position(received_at)
        whole, fraction = _split(amount)
        end = start + whole * 3600 + _seconds(fraction * 3600) + waited
        return calendar.at_position(end, prefer_close=end > start)
    if unit == CALENDAR_DAYS:
        return due_at(received_at, _split(amount)[0] + waited, unit, calendar)
    if unit == SAME_DAY:
        return calendar.closing(calendar.cutoff_index(received_at) + waited)
    return _working_days_from(calendar, calendar.working_day_index(received_at) + waited, amount)


def restarted_due_at(
    returned_at: dt.datetime, amount: Amount, unit: str, calendar: WorkCalendar
) -> dt.datetime:
    """The due date when the full limit counts again from the complete dossier's return
    (Decree 118/2025 Điều 19(5): "Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ
    sơ").
    """
    return due_at(returned_at, amount, unit, calendar)


def due_after_supplements(
    policy: str,
    *,
    received_at: dt.datetime,
    amount: Amount,
    unit: str,
    waits: Waits,
    calendar: WorkCalendar,
) -> dt.datetime:
    """The due date under `policy` ("restart" or "pause") after the supplement `waits`.

    With no waits this is the plain :func:`due_at`. Raises ``ValueError`` for an unknown
    policy or unordered waits.
    """
    if policy not in (RESTART, PAUSE):
        raise ValueError(f"unknown supplement policy {policy!r}")
    if not waits:
        return due_at(received_at, amount, unit, calendar)
    if policy == PAUSE:
        return paused_due_at(received_at, amount, unit, waits, calendar)
    _check_waits(received_at, waits)
    return restarted_due_at(waits[-1][1], amount, unit, calendar)


# --- extension -------------------------------------------------------------------------------


class ExtensionRefused(ValueError):
    """The due date may not be extended; the message is translated for the user."""


def can_extend(due_at: dt.datetime, now: dt.datetime, calendar: WorkCalendar) -> bool:
    """Whether at least one working day remains before the due day.

    `now` counts in its working day (the next one after the close or on a day off), so a
    leader can extend a Friday deadline until Thursday's close, not on Friday itself.
    False when either moment lies outside the calendar's years: an extension is bounded
    from the current due date by the calendar, which cannot count from there.
    """
    try:
        return calendar.working_day_index(now) < calendar.working_day_index(due_at)
    except CalendarRangeError:
        return False


def check_extension(
    *,
    due_at: dt.datetime,
    new_due_at: dt.datetime,
    now: dt.datetime,
    already_extended: bool,
    calendar: WorkCalendar,
) -> None:
    """Refuse an extension the rules forbid: a second one, one asked for too late, or one
    that does not move the due date later. The original due date is kept by the caller
    beside `new_due_at`, never replaced. Raises :class:`ExtensionRefused`.
    """
    if already_extended:
        raise ExtensionRefused(_("Hồ sơ đã được gia hạn một lần, không thể gia hạn thêm."))
    if not can_extend(due_at, now, calendar):
        raise ExtensionRefused(
            _("Chỉ được gia hạn khi còn ít nhất một ngày làm việc trước hạn giải quyết.")
        )
    if new_due_at <= due_at:
        raise ExtensionRefused(_("Hạn mới phải sau hạn giải quyết hiện tại."))


def effective_due_at(original: dt.datetime, extended: dt.datetime | None) -> dt.datetime:
    """The due date a dossier is judged against: the extended one when there is one."""
    return extended if extended is not None else original
