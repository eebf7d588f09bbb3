"""The calendar value object and the days it takes from the ``holidays`` package."""

import datetime as dt
import subprocess
import sys

import pytest

from onestop.calendar.holidays_source import (
    ANNOUNCED_CORRECTIONS,
    MAKE_UP_DAY_NAME,
    official_days,
    package_days,
)
from onestop.calendar.workdays import CalendarRangeError, DayKind, WorkCalendar
from tests.calendar.conftest import OFFICIAL, vn

D = dt.date


def test_weekdays_work_and_weekends_rest() -> None:
    calendar = WorkCalendar(first_year=2030, last_year=2030)
    assert calendar.is_working_day(D(2030, 3, 15))  # a Friday
    assert not calendar.is_working_day(D(2030, 3, 16))
    assert calendar.kind(D(2030, 3, 16)) is DayKind.WEEKEND


def test_days_off_and_make_up_days_change_the_week() -> None:
    calendar = WorkCalendar(
        first_year=2030,
        last_year=2030,
        days_off={D(2030, 3, 15): "Ngày nghỉ tỉnh"},
        working_days={D(2030, 3, 16): "Làm bù"},
    )
    assert not calendar.is_working_day(D(2030, 3, 15))
    assert calendar.is_working_day(D(2030, 3, 16))
    assert calendar.kind(D(2030, 3, 15)) is DayKind.DAY_OFF
    assert calendar.kind(D(2030, 3, 16)) is DayKind.MAKE_UP
    assert calendar.name(D(2030, 3, 15)) == "Ngày nghỉ tỉnh"
    assert calendar.next_working_day(D(2030, 3, 15)) == D(2030, 3, 16)


def test_a_day_cannot_be_both_off_and_worked() -> None:
    with pytest.raises(ValueError, match="both off and working"):
        WorkCalendar(
            first_year=2030,
            last_year=2030,
            days_off={D(2030, 3, 16): "x"},
            working_days={D(2030, 3, 16): "y"},
        )


@pytest.mark.parametrize(
    ("hours", "cutoff"),
    [
        ((), dt.time(15)),
        (((dt.time(13), dt.time(12)),), dt.time(12, 30)),
        (((dt.time(7), dt.time(12)), (dt.time(11), dt.time(17))), dt.time(15)),
        (((dt.time(7), dt.time(17)),), dt.time(18)),
    ],
)
def test_office_hours_must_be_ordered_and_contain_the_cutoff(
    hours: tuple[tuple[dt.time, dt.time], ...], cutoff: dt.time
) -> None:
    with pytest.raises(ValueError):
        WorkCalendar(first_year=2030, last_year=2030, office_hours=hours, cutoff=cutoff)


def test_dates_outside_the_span_are_refused() -> None:
    calendar = WorkCalendar(first_year=2030, last_year=2030)
    with pytest.raises(CalendarRangeError):
        calendar.is_working_day(D(2031, 1, 2))
    with pytest.raises(CalendarRangeError):
        calendar.closing(calendar.index_on_or_after(D(2030, 12, 31)) + 1)


def test_working_days_after_counts_the_half_open_interval() -> None:
    # Tết 2026: Mon 16/2 to Fri 20/2 off; (13/2, 27/2] holds 23/2 to 27/2.
    assert OFFICIAL.working_days_after(D(2026, 2, 13), D(2026, 2, 27)) == 5
    assert OFFICIAL.working_days_after(D(2026, 2, 27), D(2026, 2, 13)) == 0


def test_office_positions_skip_lunch_nights_and_holidays() -> None:
    friday_close = OFFICIAL.position(vn(2026, 2, 13, 17))
    assert OFFICIAL.position(vn(2026, 2, 13, 20)) == friday_close
    assert OFFICIAL.position(vn(2026, 2, 18, 10)) == friday_close  # during Tết
    assert OFFICIAL.position(vn(2026, 2, 23, 7, 30)) == friday_close
    assert OFFICIAL.position(vn(2026, 2, 23, 12, 15)) - friday_close == 4 * 3600
    assert OFFICIAL.day_seconds == 7.5 * 3600


def test_a_boundary_position_reads_as_the_earlier_close() -> None:
    friday_close = OFFICIAL.position(vn(2026, 2, 13, 17))
    assert OFFICIAL.at_position(friday_close) == vn(2026, 2, 13, 17)
    assert OFFICIAL.at_position(friday_close, prefer_close=False) == vn(2026, 2, 23, 7, 30)
    noon = OFFICIAL.position(vn(2026, 2, 23, 11, 30))
    assert OFFICIAL.at_position(noon) == vn(2026, 2, 23, 11, 30)
    assert OFFICIAL.at_position(noon, prefer_close=False) == vn(2026, 2, 23, 13, 30)


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        OFFICIAL.position(dt.datetime(2026, 2, 23, 9))


# --- what the holidays package gives --------------------------------------------------------


def test_package_lists_the_labour_code_holidays_of_2026_in_vietnamese() -> None:
    days = package_days([2026]).days_off
    assert days[D(2026, 1, 1)] == "Tết Dương lịch"
    assert days[D(2026, 2, 17)] == "Tết Nguyên Đán"
    assert D(2026, 4, 27) in days  # Hùng Kings' day on Sunday 26/4, made up on Monday
    assert {D(2026, 4, 30), D(2026, 5, 1), D(2026, 9, 1), D(2026, 9, 2)} <= days.keys()


def test_package_swaps_keep_their_make_up_saturdays() -> None:
    days = package_days([2025])
    assert D(2025, 5, 2) in days.days_off
    assert days.working_days == {D(2025, 4, 26): MAKE_UP_DAY_NAME}


def test_make_up_days_of_other_years_are_not_leaked() -> None:
    # The package keeps the working Saturdays of every year it knows in one set.
    assert all(day.year == 2027 for day in package_days([2027]).working_days)


def test_names_follow_the_portal_language() -> None:
    assert package_days([2026], "en").days_off[D(2026, 2, 17)] == "Lunar New Year"
    assert package_days([2026], "fr").days_off[D(2026, 2, 17)] == "Tết Nguyên Đán"


def test_announced_corrections_win_over_the_package() -> None:
    days = official_days([2026])
    for correction in ANNOUNCED_CORRECTIONS:
        mapping = days.days_off if correction.day_off else days.working_days
        assert mapping[correction.date] == correction.name


def test_years_without_lunar_tables_have_only_weekends() -> None:
    assert package_days([2101]).days_off == {}
    calendar = WorkCalendar(first_year=2101, last_year=2101)
    assert calendar.is_working_day(D(2101, 1, 3))  # a Monday


def test_importing_the_package_loads_neither_holidays_nor_the_database() -> None:
    probe = (
        "import sys, onestop.calendar; "
        "assert 'holidays' not in sys.modules, 'holidays'; "
        "assert 'onestop.calendar.default' not in sys.modules, 'default'"
    )
    subprocess.run([sys.executable, "-c", probe], check=True)
