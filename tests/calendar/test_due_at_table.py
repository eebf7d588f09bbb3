"""Due dates around the holidays of 2025, 2026 and 2027, written from the official calendar.

Public servants work Monday to Friday, 07:30-11:30 and 13:30-17:00; the intake cut-off is
15:00. The days off below come from the announcements cited beside each group, read with
the Labour Code 2019 (art. 111(3): a holiday on a weekly rest day is made up on the next
working day; art. 112: the holidays and the Prime Minister's power to fix Tết and the day
beside 2/9). Each expected value is worked out by hand from those days, not from the code.
"""

import datetime as dt

import pytest

from onestop.calendar.deadlines import due_at
from onestop.calendar.holidays_source import package_days
from tests.calendar.conftest import OFFICIAL, vn

WD, CD, WH, SD = "working_days", "calendar_days", "working_hours", "same_day"

# Tết Ất Tỵ 2025: Mon 27/1 to Fri 31/1 off, 9 days with the weekends 25/1-2/2 (công văn
# 8726/VPCP-KGVX of 26/11/2024; thông báo 6150/TB-BLĐTBXH). Note that 27/1 (28 tháng Chạp)
# is off too: the Tết week is not 28/1-2/2.
TET_2025 = [
    ("1 wd from the Friday before Tết", vn(2025, 1, 24, 10), 1, WD, vn(2025, 2, 3, 17)),
    ("3 wd from the Friday before Tết", vn(2025, 1, 24, 10), 3, WD, vn(2025, 2, 5, 17)),
    ("2 wd from Thursday: Fri then Mon 3/2", vn(2025, 1, 23, 10), 2, WD, vn(2025, 2, 3, 17)),
    ("after the close counts on Mon 3/2", vn(2025, 1, 24, 17, 30), 1, WD, vn(2025, 2, 4, 17)),
    ("received on Saturday 25/1", vn(2025, 1, 25, 9), 1, WD, vn(2025, 2, 4, 17)),
    ("received during Tết", vn(2025, 1, 29, 10), 1, WD, vn(2025, 2, 4, 17)),
    ("10 cd end on Thu 30/1, a Tết day", vn(2025, 1, 20, 9), 10, CD, vn(2025, 2, 3, 17)),
    ("3 cd end on Sat 25/1", vn(2025, 1, 22, 9), 3, CD, vn(2025, 2, 3, 17)),
    ("3 cd end on Thu 23/1, a working day", vn(2025, 1, 20, 9), 3, CD, vn(2025, 1, 23, 17)),
    ("8 wh: 1 h on Friday, 7 h on Mon 3/2", vn(2025, 1, 24, 16), 8, WH, vn(2025, 2, 3, 16, 30)),
    ("same day before the cut-off", vn(2025, 1, 24, 14, 59), 0, SD, vn(2025, 1, 24, 17)),
    ("same day at the cut-off", vn(2025, 1, 24, 15), 0, SD, vn(2025, 2, 3, 17)),
    ("same day during Tết", vn(2025, 1, 29, 10), 0, SD, vn(2025, 2, 3, 17)),
]

# 30/4-1/5/2025: Wed 30/4 to Sun 4/5 off; Fri 2/5 swapped with Sat 26/4, a working day
# (the Prime Minister's swap announced in thông báo 6150/TB-BLĐTBXH). Hùng Kings' day,
# 10/3 âm lịch, was Monday 7/4/2025.
MAY_2025 = [
    (
        "1 wd from Friday ends on the make-up Saturday",
        vn(2025, 4, 25, 10),
        1,
        WD,
        vn(2025, 4, 26, 17),
    ),
    ("2 wd from Friday", vn(2025, 4, 25, 10), 2, WD, vn(2025, 4, 28, 17)),
    ("1 wd from Tuesday 29/4", vn(2025, 4, 29, 10), 1, WD, vn(2025, 5, 5, 17)),
    (
        "received on the make-up Saturday after the close",
        vn(2025, 4, 26, 18),
        1,
        WD,
        vn(2025, 4, 29, 17),
    ),
    ("same day after the cut-off on Friday", vn(2025, 4, 25, 16), 0, SD, vn(2025, 4, 26, 17)),
    ("same day on the make-up Saturday", vn(2025, 4, 26, 10), 0, SD, vn(2025, 4, 26, 17)),
    ("5 cd end on Sat 3/5", vn(2025, 4, 28, 9), 5, CD, vn(2025, 5, 5, 17)),
    ("2 wh over the holidays", vn(2025, 4, 29, 16), 2, WH, vn(2025, 5, 5, 8, 30)),
    ("1 wd over Hùng Kings' day", vn(2025, 4, 4, 10), 1, WD, vn(2025, 4, 8, 17)),
]

# Quốc khánh 2025: Sat 30/8 to Tue 2/9 off, i.e. Mon 1/9 and Tue 2/9 (thông báo
# 6150/TB-BLĐTBXH).
SEPTEMBER_2025 = [
    ("1 wd from Friday 29/8", vn(2025, 8, 29, 10), 1, WD, vn(2025, 9, 3, 17)),
    ("2 wd from Thursday 28/8", vn(2025, 8, 28, 10), 2, WD, vn(2025, 9, 3, 17)),
    ("same day at the cut-off on Friday", vn(2025, 8, 29, 15), 0, SD, vn(2025, 9, 3, 17)),
    ("7 cd end on Mon 1/9", vn(2025, 8, 25, 10), 7, CD, vn(2025, 9, 3, 17)),
]

# Tết Dương lịch 2026: Thu 1/1 to Sun 4/1 off, Fri 2/1 swapped with Sat 10/1 (công văn
# 12729/VPCP-KGVX of 25/12/2025). holidays 0.109 lacks the swap; see test below.
NEW_YEAR_2026 = [
    ("1 wd from New Year's Eve", vn(2025, 12, 31, 10), 1, WD, vn(2026, 1, 5, 17)),
    (
        "1 wd from Fri 9/1 ends on the make-up Sat 10/1",
        vn(2026, 1, 9, 10),
        1,
        WD,
        vn(2026, 1, 10, 17),
    ),
    ("same day after the cut-off on 31/12", vn(2025, 12, 31, 16), 0, SD, vn(2026, 1, 5, 17)),
]

# Tết Bính Ngọ 2026: Mon 16/2 to Fri 20/2 off, 9 days with the weekends 14/2-22/2 (the
# government's announcement of October 2025).
TET_2026 = [
    ("1 wd from the Friday before Tết", vn(2026, 2, 13, 10), 1, WD, vn(2026, 2, 23, 17)),
    ("5 wd from the Friday before Tết", vn(2026, 2, 13, 10), 5, WD, vn(2026, 2, 27, 17)),
    ("10 cd end on Sun 22/2", vn(2026, 2, 12, 10), 10, CD, vn(2026, 2, 23, 17)),
    ("received during Tết", vn(2026, 2, 18, 9), 1, WD, vn(2026, 2, 24, 17)),
    ("4 wh end exactly at Friday's close", vn(2026, 2, 13, 11), 4, WH, vn(2026, 2, 13, 17)),
    ("5 wh run over Tết", vn(2026, 2, 13, 11), 5, WH, vn(2026, 2, 23, 8, 30)),
    (
        "4 wh from the lunch break: 3.5 h, then 0.5 h",
        vn(2026, 2, 12, 12),
        4,
        WH,
        vn(2026, 2, 13, 8),
    ),
]

# 2026: Hùng Kings' day fell on Sunday 26/4, made up on Monday 27/4 (art. 111(3)); 30/4 and
# 1/5 were Thursday and Friday.
MAY_2026 = [
    ("1 wd from Fri 24/4 skips Mon 27/4", vn(2026, 4, 24, 10), 1, WD, vn(2026, 4, 28, 17)),
    ("1 wd from Wed 29/4", vn(2026, 4, 29, 10), 1, WD, vn(2026, 5, 4, 17)),
    ("same day just after the cut-off", vn(2026, 4, 29, 15, 1), 0, SD, vn(2026, 5, 4, 17)),
    ("8 cd end on Thu 30/4", vn(2026, 4, 22, 10), 8, CD, vn(2026, 5, 4, 17)),
]

# Quốc khánh 2026: Sat 29/8 to Wed 2/9 off, Mon 31/8 swapped with Sat 22/8 (as holidays
# 0.109 records it from the 2026 announcement it cites).
SEPTEMBER_2026 = [
    (
        "1 wd from Fri 21/8 ends on the make-up Sat 22/8",
        vn(2026, 8, 21, 10),
        1,
        WD,
        vn(2026, 8, 22, 17),
    ),
    ("1 wd from Fri 28/8", vn(2026, 8, 28, 10), 1, WD, vn(2026, 9, 3, 17)),
    ("3 cd end on Mon 31/8", vn(2026, 8, 28, 10), 3, CD, vn(2026, 9, 3, 17)),
]

# 2027 has no announcement yet; these follow the Labour Code alone. 1/1 is a Friday;
# Hùng Kings' day (10/3 âm lịch) is Friday 16/4; 30/4 is a Friday and 1/5 a Saturday, made
# up on Monday 3/5 (art. 111(3)).
YEAR_2027 = [
    ("1 wd from 31/12/2026", vn(2026, 12, 31, 10), 1, WD, vn(2027, 1, 4, 17)),
    ("1 wd over Hùng Kings' day", vn(2027, 4, 15, 10), 1, WD, vn(2027, 4, 19, 17)),
    ("1 wd over 30/4, 1/5 and its make-up Monday", vn(2027, 4, 29, 10), 1, WD, vn(2027, 5, 4, 17)),
    ("4 cd end on Mon 3/5", vn(2027, 4, 29, 10), 4, CD, vn(2027, 5, 4, 17)),
]

CASES = TET_2025 + MAY_2025 + SEPTEMBER_2025 + NEW_YEAR_2026 + TET_2026 + MAY_2026
CASES += SEPTEMBER_2026 + YEAR_2027


@pytest.mark.parametrize(
    ("received", "amount", "unit", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_due_date_follows_the_official_calendar(
    received: dt.datetime, amount: int, unit: str, expected: dt.datetime
) -> None:
    assert due_at(received, amount, unit, OFFICIAL) == expected


def test_due_date_is_in_vietnamese_time_whatever_the_input_zone() -> None:
    received = dt.datetime(2025, 1, 24, 3, 0, tzinfo=dt.UTC)  # 10:00 in Hà Nội
    due = due_at(received, 1, WD, OFFICIAL)
    assert due == vn(2025, 2, 3, 17)
    assert due.utcoffset() == dt.timedelta(hours=7)


def test_tet_2027_follows_the_package_until_the_prime_minister_decides() -> None:
    # Tết Đinh Mùi: 1 tháng Giêng is Saturday 6/2/2027. The Labour Code gives five days
    # and leaves the exact days to the Prime Minister. holidays 0.109 places the make-up
    # day for Saturday before Tết (Thu 4/2) and for Sunday after it (Wed 10/2), as the
    # decisions of 2014-2025 did. Documented decision: follow it, and record the Prime
    # Minister's decision as an override when it is published.
    assert due_at(vn(2027, 2, 3, 10), 1, WD, OFFICIAL) == vn(2027, 2, 11, 17)
    off = [vn(2027, 2, d).date() for d in (4, 5, 8, 9, 10)]
    assert not any(OFFICIAL.is_working_day(day) for day in off)


def test_package_alone_misses_the_new_year_2026_swap() -> None:
    # Exposes the disagreement that holidays_source.ANNOUNCED_CORRECTIONS fixes.
    package = package_days([2026])
    assert dt.date(2026, 1, 2) not in package.days_off
    assert dt.date(2026, 1, 10) not in package.working_days
    assert not OFFICIAL.is_working_day(dt.date(2026, 1, 2))
    assert OFFICIAL.is_working_day(dt.date(2026, 1, 10))


def test_package_agrees_that_28_thang_chap_2025_was_off() -> None:
    assert dt.date(2025, 1, 27) in package_days([2025]).days_off
    assert not OFFICIAL.is_working_day(dt.date(2025, 1, 27))
