"""Due dates per second: ``onestop.calendar.due_at`` against ``numpy.busday_offset``.

Both sides get the same 20,000 receipts (2025-2027, any time of day) and limits of 1-60
working days, and the same list of weekday days off (the portal calendar's). numpy gets its
best case: dates already converted to ``datetime64[D]``, a prebuilt ``busdaycalendar``, one
scalar call per due date. It still does less than ``due_at``: no time of day, no time zone,
no office hours and no make-up Saturdays, so the share of identical due dates is printed too.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from bench.timing import best_seconds

RECEIPTS = 20_000
SEED = 20260217


def _receipts() -> list[tuple[dt.datetime, int]]:
    from onestop.calendar.workdays import VIETNAM

    rng = random.Random(SEED)
    start = dt.datetime(2025, 1, 1, tzinfo=VIETNAM)
    span = int((dt.datetime(2027, 12, 31, tzinfo=VIETNAM) - start).total_seconds())
    return [
        (start + dt.timedelta(seconds=rng.randrange(span)), rng.randint(1, 60))
        for _ in range(RECEIPTS)
    ]


def _numpy_inputs(
    receipts: list[tuple[dt.datetime, int]],
) -> tuple[np.busdaycalendar, list[tuple[np.datetime64, int]]]:
    from onestop.calendar.default import default_calendar

    calendar = default_calendar()
    weekday_days_off = sorted(day for day in calendar.days_off() if day.weekday() < 5)
    busdays = np.busdaycalendar(weekmask="1111100", holidays=weekday_days_off)
    days = [(np.datetime64(moment.date(), "D"), amount) for moment, amount in receipts]
    return busdays, days


def _agreement(
    receipts: list[tuple[dt.datetime, int]],
    days: list[tuple[np.datetime64, int]],
    busdays: np.busdaycalendar,
) -> float:
    """Share of receipts before 17:00 that get numpy's due day: numpy cannot know the time
    of day, so later receipts differ by design; make-up Saturdays are the rest.
    """
    from onestop.calendar import due_at

    compared = same = 0
    for (moment, amount), (day, _amount) in zip(receipts, days, strict=True):
        if moment.time() > dt.time(17):
            continue
        compared += 1
        theirs = np.busday_offset(day, amount, roll="forward", busdaycal=busdays)
        same += due_at(moment, amount, "working_days").date() == theirs.astype(dt.date)
    return same / compared


def main() -> None:
    from onestop.calendar import due_at
    from onestop.calendar.default import default_calendar

    receipts = _receipts()
    busdays, days = _numpy_inputs(receipts)
    default_calendar()  # built once per process, not part of the measurement

    def ours() -> None:
        for moment, amount in receipts:
            due_at(moment, amount, "working_days")

    def theirs() -> None:
        for day, amount in days:
            np.busday_offset(day, amount, roll="forward", busdaycal=busdays)

    ours_seconds = best_seconds(ours, repeat=5, number=1)
    numpy_seconds = best_seconds(theirs, repeat=5, number=1)
    same = _agreement(receipts, days, busdays)
    ours_rate, numpy_rate = RECEIPTS / ours_seconds, RECEIPTS / numpy_seconds
    print(f"  {RECEIPTS} receipts 2025-2027, 1-60 working days; best of 5 runs")
    print(f"  {'onestop.calendar.due_at (working days)':<48} {ours_rate:>12,.0f} /s")
    print(f"  {'numpy.busday_offset, scalar calls':<48} {numpy_rate:>12,.0f} /s")
    print(f"  {'ratio (due_at / numpy; target >= 1)':<48} {ours_rate / numpy_rate:>12.2f}x")
    print(f"  same due day as numpy for receipts before the close: {same:.2%}")


if __name__ == "__main__":
    from bench.setup import configure

    configure()
    main()
