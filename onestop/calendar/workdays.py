"""The working-day calendar: a value object with constant-time lookups.

A :class:`WorkCalendar` covers a span of whole years. On construction it lists every working
day of the span once (a list of day ordinals) and, for every calendar day, the index of the
first working day on or after it. "The N-th working day after D" is then two list look-ups,
and the close of office hours of each working day is built once, so the deadline rules in
:mod:`onestop.calendar.deadlines` cost the same for 1 day as for 300.

Office time is measured in "office seconds": day index * length of the office day + seconds
of office hours already elapsed that day. Working-hour limits and the "còn 2 ngày 3 giờ"
texts are differences of such positions.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_OFFICE_HOURS: tuple[tuple[dt.time, dt.time], ...] = (
    (dt.time(7, 30), dt.time(11, 30)),
    (dt.time(13, 30), dt.time(17, 0)),
)
DEFAULT_CUTOFF = dt.time(15, 0)
_SATURDAY = 5


class CalendarRangeError(ValueError):
    """A date falls outside the years the calendar was built for."""


class DayKind(enum.Enum):
    WORKING = "working"
    WEEKEND = "weekend"
    DAY_OFF = "day_off"  # a holiday, compensatory or swapped day off on a weekday
    MAKE_UP = "make_up"  # a weekend day that is worked


def _seconds(moment: dt.time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def _check_office_hours(periods: Sequence[tuple[dt.time, dt.time]], cutoff: dt.time) -> None:
    if not periods:
        raise ValueError("office hours need at least one period")
    previous_end = dt.time(0, 0)
    for start, end in periods:
        if not previous_end <= start < end:
            raise ValueError("office hours must be ordered, non-overlapping (start, end) pairs")
        previous_end = end
    if not periods[0][0] < cutoff <= periods[-1][1]:
        raise ValueError("the intake cut-off must fall within office hours")


class WorkCalendar:
    """Working days and office hours of the years `first_year`..`last_year`.

    A day is a working day when it is Monday to Friday and not in `days_off`, or when it is in
    `working_days` (a make-up Saturday). `days_off` may also name weekend days (Tết on a
    Saturday): they are shown, and change nothing. A date may not be in both mappings.

    Raises ``ValueError`` for an empty or reversed span, overlapping office hours, a cut-off
    outside office hours or a date both off and working.
    """

    __slots__ = (
        "_base",
        "_close",
        "_closings",
        "_day_seconds",
        "_days_off",
        "_next_index",
        "_periods",
        "_workdays",
        "_working",
        "cutoff",
        "first_year",
        "last_year",
        "office_hours",
    )

    def __init__(
        self,
        *,
        first_year: int,
        last_year: int,
        days_off: Mapping[dt.date, str] | None = None,
        working_days: Mapping[dt.date, str] | None = None,
        office_hours: Sequence[tuple[dt.time, dt.time]] = DEFAULT_OFFICE_HOURS,
        cutoff: dt.time = DEFAULT_CUTOFF,
    ) -> None:
        if not dt.MINYEAR <= first_year <= last_year < dt.MAXYEAR:
            raise ValueError("the calendar needs first_year <= last_year within 1..9998")
        _check_office_hours(office_hours, cutoff)
        self._days_off = dict(days_off or {})
        self._working = dict(working_days or {})
        if clash := self._days_off.keys() & self._working.keys():
            raise ValueError(f"dates both off and working: {sorted(clash)}")
        self.first_year, self.last_year = first_year, last_year
        self.office_hours = tuple(office_hours)
        self.cutoff = cutoff
        self._close = office_hours[-1][1]
        self._periods = tuple((_seconds(s), _seconds(e)) for s, e in office_hours)
        self._day_seconds = sum(end - start for start, end in self._periods)
        self._build_index()

    def _build_index(self) -> None:
        first = dt.date(self.first_year, 1, 1).toordinal()
        last = dt.date(self.last_year, 12, 31).toordinal()
        self._base = first
        workdays: list[int] = []
        next_index: list[int] = []
        for ordinal in range(first, last + 1):
            next_index.append(len(workdays))
            if self._is_working(dt.date.fromordinal(ordinal)):
                workdays.append(ordinal)
        # Day "last + 1" exists so that "the day after" the span's last day is a valid
        # lookup; its index points past the end and fails only if actually used.
        next_index.append(len(workdays))
        self._next_index = next_index
        self._workdays = workdays
        close = self._close
        self._closings = [
            dt.datetime.combine(dt.date.fromordinal(o), close, VIETNAM) for o in workdays
        ]

    def _is_working(self, day: dt.date) -> bool:
        if day in self._working:
            return True
        return day.weekday() < _SATURDAY and day not in self._days_off

    # --- days ----------------------------------------------------------------------------

    @property
    def day_seconds(self) -> int:
        """Length of one office day in seconds (7.5 hours by default)."""
        return self._day_seconds

    def covers(self, day: dt.date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def is_working_day(self, day: dt.date) -> bool:
        """Whether `day` is worked; raises :class:`CalendarRangeError` outside the span."""
        index = self._day_position(day.toordinal())
        return self._next_index[index] < len(self._workdays) and (
            self._workdays[self._next_index[index]] == day.toordinal()
        )

    def kind(self, day: dt.date) -> DayKind:
        if day.weekday() >= _SATURDAY:
            return DayKind.MAKE_UP if day in self._working else DayKind.WEEKEND
        return DayKind.DAY_OFF if day in self._days_off else DayKind.WORKING

    def name(self, day: dt.date) -> str:
        """The holiday's or make-up day's name, or "" for an ordinary day."""
        return self._days_off.get(day) or self._working.get(day, "")

    def days_off(self) -> Mapping[dt.date, str]:
        return self._days_off

    def working_days(self) -> Mapping[dt.date, str]:
        return self._working

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is worked, else the first working day after it."""
        return self.working_day(self._next_index[self._day_position(day.toordinal())])

    def working_days_after(self, start: dt.date, end: dt.date) -> int:
        """How many working days lie in (`start`, `end`]; 0 when `end` <= `start`."""
        if end <= start:
            return 0
        after_start = self._next_index[self._day_position(start.toordinal()) + 1]
        after_end = self._next_index[self._day_position(end.toordinal()) + 1]
        return after_end - after_start

    # --- working-day indices ---------------------------------------------------------------

    def _day_position(self, ordinal: int) -> int:
        index = ordinal - self._base
        if not 0 <= index < len(self._next_index) - 1:
            raise CalendarRangeError(
                f"{dt.date.fromordinal(ordinal)} is outside the calendar's years "
                f"{self.first_year}-{self.last_year}"
            )
        return index

    def index_on_or_after(self, day: dt.date) -> int:
        """Index of the first working day on or after `day`."""
        return self._next_index[self._day_position(day.toordinal())]

    def working_day(self, index: int) -> dt.date:
        self._check_index(index)
        return dt.date.fromordinal(self._workdays[index])

    def closing(self, index: int) -> dt.datetime:
        """Close of office hours of working day `index`, an aware datetime."""
        self._check_index(index)
        return self._closings[index]

    def _check_index(self, index: int) -> None:
        if not 0 <= index < len(self._workdays):
            raise CalendarRangeError(
                f"the result falls outside the calendar's years {self.first_year}-{self.last_year}"
            )

    def local(self, moment: dt.datetime) -> dt.datetime:
        """`moment` in Vietnamese time; raises ``ValueError`` when it is naive."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("a naive datetime has no meaning here; pass an aware one")
        return moment if moment.tzinfo is VIETNAM else moment.astimezone(VIETNAM)

    def working_day_index(self, moment: dt.datetime) -> int:
        """The working day `moment` counts in: its own day, or the next working day when it
        falls on a day off or after the close. A moment exactly at the close still counts in
        its own day, so that a step ending at 17:00 hands over within that day.
        """
        local = self.local(moment)
        index = self._day_position(local.toordinal())
        if local.time() > self._close:
            index += 1
        return self._next_index[index]

    def cutoff_index(self, moment: dt.datetime) -> int:
        """Like :meth:`working_day_index`, but moving on from the intake cut-off."""
        local = self.local(moment)
        index = self._day_position(local.toordinal())
        if local.time() >= self.cutoff:
            index += 1
        return self._next_index[index]

    # --- office time -----------------------------------------------------------------------

    def position(self, moment: dt.datetime) -> int:
        """Office seconds from the span's first opening up to `moment` (to the second).

        A moment outside office hours sits at the next opening; positions only grow with time.
        """
        local = self.local(moment)
        day = self._day_position(local.toordinal())
        index = self._next_index[day]
        if index < len(self._workdays) and self._workdays[index] == local.toordinal():
            now = _seconds(local.time())
            elapsed = sum(min(max(now - start, 0), end - start) for start, end in self._periods)
            return index * self._day_seconds + elapsed
        return index * self._day_seconds

    def at_position(self, position: int, *, prefer_close: bool = True) -> dt.datetime:
        """The wall-clock moment of an office position, an aware datetime.

        A position on the boundary of two periods is both the end of one and the start of the
        next; `prefer_close` picks the earlier wall-clock time (11:30 rather than 13:30, 17:00
        rather than the next morning), which is how a deadline reads.
        """
        index, elapsed = divmod(position, self._day_seconds)
        if prefer_close and elapsed == 0 and index > 0:
            index, elapsed = index - 1, self._day_seconds
        day = self.working_day(index)
        for start, end in self._periods:
            if elapsed < end - start or (prefer_close and elapsed == end - start):
                clock = start + elapsed
                break
            elapsed -= end - start
        else:  # divmod keeps elapsed within one office day
            raise AssertionError(position)
        hours, rest = divmod(clock, 3600)
        return dt.datetime(
            day.year, day.month, day.day, hours, rest // 60, rest % 60, tzinfo=VIETNAM
        )
