"""Properties of the deadline rules over random receipts on the official 2024-2030 calendar.

The counting property checks the indexed arithmetic against a day-by-day walk that uses
nothing but ``is_working_day``.
"""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from onestop.calendar.deadlines import (
    PAUSE,
    RESTART,
    UNITS,
    due_after_supplements,
    due_at,
    step_due_dates,
)
from onestop.calendar.workdays import VIETNAM
from tests.calendar.conftest import OFFICIAL

CLOSE = dt.time(17)
ZONES = st.sampled_from([VIETNAM, dt.UTC, dt.timezone(dt.timedelta(hours=-5))])
# Receipts stay two years clear of the calendar's end, so no limit runs off it.
moments = st.builds(
    lambda naive, zone: naive.replace(tzinfo=VIETNAM).astimezone(zone),
    st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2028, 12, 31)),
    ZONES,
)
units = st.sampled_from(sorted(UNITS))
amounts = st.integers(min_value=0, max_value=120)
waiting = st.lists(st.integers(min_value=0, max_value=30 * 24 * 3600), min_size=2, max_size=6)

FAST = settings(max_examples=150, deadline=None)


def _receipt_day(received: dt.datetime) -> dt.date:
    """The working day a receipt counts in, walking one day at a time."""
    local = received.astimezone(VIETNAM)
    day = local.date()
    if local.time() > CLOSE:
        day += dt.timedelta(days=1)
    while not OFFICIAL.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


@FAST
@given(moments, amounts, units)
def test_the_due_date_is_never_a_day_off(received: dt.datetime, amount: int, unit: str) -> None:
    due = due_at(received, amount, unit, OFFICIAL)
    assert OFFICIAL.is_working_day(due.date())
    assert due.tzinfo is VIETNAM


@FAST
@given(moments, amounts, st.integers(min_value=1, max_value=60), units)
def test_more_time_never_gives_an_earlier_date(
    received: dt.datetime, amount: int, more: int, unit: str
) -> None:
    assert due_at(received, amount, unit, OFFICIAL) <= due_at(
        received, amount + more, unit, OFFICIAL
    )


@FAST
@given(moments, amounts)
def test_n_working_days_follow_the_day_of_receipt(received: dt.datetime, amount: int) -> None:
    due = due_at(received, amount, "working_days", OFFICIAL)
    day, counted = _receipt_day(received), 0
    while day < due.date():
        day += dt.timedelta(days=1)
        counted += OFFICIAL.is_working_day(day)
    assert counted == amount
    assert due.time() == CLOSE


@FAST
@given(moments, amounts, units, waiting)
def test_restart_never_gives_an_earlier_date_than_pause(
    received: dt.datetime, amount: int, unit: str, gaps: list[int]
) -> None:
    moments_after = []
    moment = received
    for gap in gaps:
        moment += dt.timedelta(seconds=gap)
        moments_after.append(moment)
    waits = list(zip(moments_after[::2], moments_after[1::2], strict=False))
    common = {"received_at": received, "amount": amount, "unit": unit, "waits": waits}
    restart = due_after_supplements(RESTART, calendar=OFFICIAL, **common)
    pause = due_after_supplements(PAUSE, calendar=OFFICIAL, **common)
    assert pause <= restart
    assert due_at(received, amount, unit, OFFICIAL) <= pause


@FAST
@given(moments, st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=5))
def test_working_day_steps_add_up_to_the_whole_limit(
    received: dt.datetime, steps: list[int]
) -> None:
    ends = step_due_dates(received, [(n, "working_days") for n in steps], OFFICIAL)
    assert ends[-1] == due_at(received, sum(steps), "working_days", OFFICIAL)
    assert ends == sorted(ends)
