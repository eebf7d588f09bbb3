"""Steps, supplements, the one extension, classification and the remaining-time text."""

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.utils import translation

from onestop.calendar.deadlines import (
    ExtensionRefused,
    can_extend,
    check_extension,
    due_after_supplements,
    due_at,
    effective_due_at,
    step_due_dates,
)
from onestop.calendar.status import Outcome, Progress, outcome, progress, remaining_text
from tests.calendar.conftest import OFFICIAL, vn

WD = "working_days"


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    with translation.override("vi"):
        yield


# --- input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "amount", "unit"),
    [
        (dt.datetime(2026, 3, 2, 9), 1, WD),
        (vn(2026, 3, 2, 9), 1, "weeks"),
        (vn(2026, 3, 2, 9), -1, WD),
        (vn(2026, 3, 2, 9), "3", WD),
        (vn(2026, 3, 2, 9), Decimal("NaN"), WD),
        (vn(2026, 3, 2, 9), Decimal("1.5"), "calendar_days"),
        (vn(2031, 3, 2, 9), 1, WD),
        (vn(2030, 12, 30, 9), 5, WD),
    ],
)
def test_bad_input_is_a_value_error(received: dt.datetime, amount: object, unit: str) -> None:
    with pytest.raises(ValueError):
        due_at(received, amount, unit, OFFICIAL)  # type: ignore[arg-type]


def test_a_receipt_at_the_very_close_counts_in_that_day() -> None:
    assert due_at(vn(2026, 3, 2, 17), 1, WD, OFFICIAL) == vn(2026, 3, 3, 17)
    assert due_at(vn(2026, 3, 2, 17, 1), 1, WD, OFFICIAL) == vn(2026, 3, 4, 17)


def test_half_a_working_day_ends_mid_day_after_the_whole_days() -> None:
    # 3.75 office hours of Tuesday: 07:30 + 3 h 45 min.
    assert due_at(vn(2026, 3, 2, 9), Decimal("0.5"), WD, OFFICIAL) == vn(2026, 3, 3, 11, 15)
    assert due_at(vn(2026, 3, 2, 9), 1.5, WD, OFFICIAL) == vn(2026, 3, 4, 11, 15)


def test_same_day_ignores_the_amount() -> None:
    assert due_at(vn(2026, 3, 2, 9), 7, "same_day", OFFICIAL) == vn(2026, 3, 2, 17)


# --- steps ------------------------------------------------------------------------------------


def test_each_step_starts_where_the_previous_one_ended() -> None:
    # Received Thu 12/2/2026, the day before the Tết week (16/2-20/2).
    ends = step_due_dates(vn(2026, 2, 12, 10), [(1, WD), (4, "working_hours"), (2, WD)], OFFICIAL)
    assert ends == [vn(2026, 2, 13, 17), vn(2026, 2, 23, 11, 30), vn(2026, 2, 25, 17)]


# --- supplements ------------------------------------------------------------------------------


def test_restart_counts_the_full_limit_from_the_return() -> None:
    waits = [(vn(2026, 3, 3, 9), vn(2026, 3, 10, 9))]
    due = due_after_supplements(
        "restart",
        received_at=vn(2026, 3, 2, 9),
        amount=5,
        unit=WD,
        waits=waits,
        calendar=OFFICIAL,
    )
    assert due == vn(2026, 3, 17, 17)


def test_pause_adds_the_working_days_spent_waiting() -> None:
    # 5 working days from Mon 2/3 end Mon 9/3; waiting Tue 3/3 to Tue 10/3 is 5 working days.
    waits = [(vn(2026, 3, 3, 9), vn(2026, 3, 10, 9))]
    due = due_after_supplements(
        "pause",
        received_at=vn(2026, 3, 2, 9),
        amount=5,
        unit=WD,
        waits=waits,
        calendar=OFFICIAL,
    )
    assert due == vn(2026, 3, 16, 17)


def test_pause_of_a_same_day_limit_counts_waits_from_the_cut_off() -> None:
    # Received after the cut-off, so due on Tuesday; a wait from then to Tuesday morning
    # costs nothing, and restart gives the same Tuesday.
    received, back = vn(2026, 3, 2, 16), vn(2026, 3, 3, 8)
    common = {"received_at": received, "amount": 0, "unit": "same_day", "waits": [(received, back)]}
    pause = due_after_supplements("pause", calendar=OFFICIAL, **common)
    restart = due_after_supplements("restart", calendar=OFFICIAL, **common)
    assert pause == restart == vn(2026, 3, 3, 17)


def test_pause_adds_calendar_days_and_office_hours_in_their_own_measure() -> None:
    received, waits = vn(2026, 3, 2, 9), [(vn(2026, 3, 4, 9), vn(2026, 3, 6, 9))]
    days = due_after_supplements(
        "pause",
        received_at=received,
        amount=3,
        unit="calendar_days",
        waits=waits,
        calendar=OFFICIAL,
    )
    hours = due_after_supplements(
        "pause",
        received_at=received,
        amount=2,
        unit="working_hours",
        waits=waits,
        calendar=OFFICIAL,
    )
    assert days == vn(2026, 3, 9, 17)  # 2/3 + 3 + 2 days = Sat 7/3, so Monday
    assert hours == vn(2026, 3, 4, 11)  # 15 office hours of waiting on top of 2


@pytest.mark.parametrize("policy", ["restart", "pause", "again"])
def test_waits_must_be_ordered_and_the_policy_known(policy: str) -> None:
    waits = [(vn(2026, 3, 10, 9), vn(2026, 3, 5, 9))]
    with pytest.raises(ValueError):
        due_after_supplements(
            policy,
            received_at=vn(2026, 3, 2, 9),
            amount=5,
            unit=WD,
            waits=waits,
            calendar=OFFICIAL,
        )


# --- extension --------------------------------------------------------------------------------


def test_extension_needs_a_working_day_before_the_due_day() -> None:
    due = vn(2026, 2, 23, 17)  # Monday after Tết
    assert can_extend(due, vn(2026, 2, 13, 16, 59), OFFICIAL)  # Friday before Tết
    assert not can_extend(due, vn(2026, 2, 13, 17, 30), OFFICIAL)  # counts on Monday
    assert not can_extend(due, vn(2026, 2, 18, 10), OFFICIAL)  # during Tết
    assert not can_extend(due, vn(2026, 2, 23, 8), OFFICIAL)


def test_extension_is_granted_once_and_only_later() -> None:
    due, now = vn(2026, 3, 13, 17), vn(2026, 3, 10, 9)
    check_extension(
        due_at=due,
        new_due_at=vn(2026, 3, 20, 17),
        now=now,
        already_extended=False,
        calendar=OFFICIAL,
    )
    with pytest.raises(ExtensionRefused, match="một lần"):
        check_extension(
            due_at=due,
            new_due_at=vn(2026, 3, 20, 17),
            now=now,
            already_extended=True,
            calendar=OFFICIAL,
        )
    with pytest.raises(ExtensionRefused, match="sau hạn"):
        check_extension(
            due_at=due, new_due_at=due, now=now, already_extended=False, calendar=OFFICIAL
        )
    with pytest.raises(ExtensionRefused, match="ít nhất một ngày"):
        check_extension(
            due_at=due,
            new_due_at=vn(2026, 3, 20, 17),
            now=vn(2026, 3, 13, 9),
            already_extended=False,
            calendar=OFFICIAL,
        )


def test_the_extended_due_date_is_kept_beside_the_original() -> None:
    original, extended = vn(2026, 3, 13, 17), vn(2026, 3, 20, 17)
    assert effective_due_at(original, None) == original
    assert effective_due_at(original, extended) == extended


# --- classification ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("finished", "expected"),
    [
        (vn(2026, 3, 12, 16), Outcome.EARLY),
        (vn(2026, 3, 13, 8), Outcome.ON_TIME),
        (vn(2026, 3, 13, 17), Outcome.ON_TIME),
        (vn(2026, 3, 13, 17, 1), Outcome.LATE),
        (vn(2026, 3, 16, 8), Outcome.LATE),
    ],
)
def test_finished_dossiers_are_early_on_time_or_late(
    finished: dt.datetime, expected: Outcome
) -> None:
    assert outcome(finished, vn(2026, 3, 13, 17), OFFICIAL) is expected


@pytest.mark.parametrize(
    ("now", "window", "expected"),
    [
        (vn(2026, 3, 11, 16), 1, Progress.ON_TRACK),  # Wednesday
        (vn(2026, 3, 12, 8), 1, Progress.AT_RISK),  # Thursday, the day before
        (vn(2026, 3, 13, 16), 1, Progress.AT_RISK),  # the due day
        (vn(2026, 3, 12, 8), 0, Progress.ON_TRACK),
        (vn(2026, 3, 11, 16), 2, Progress.AT_RISK),
        (vn(2026, 3, 13, 17, 1), 1, Progress.OVERDUE),
    ],
)
def test_open_dossiers_are_on_track_at_risk_or_overdue(
    now: dt.datetime, window: int, expected: Progress
) -> None:
    assert progress(vn(2026, 3, 13, 17), now, OFFICIAL, alert_window=window) is expected


def test_the_alert_window_counts_working_days_across_tet() -> None:
    # Due Monday 23/2/2026; the Friday before Tết is the working day before it.
    assert progress(vn(2026, 2, 23, 17), vn(2026, 2, 13, 9), OFFICIAL) is Progress.AT_RISK
    assert progress(vn(2026, 2, 23, 17), vn(2026, 2, 12, 9), OFFICIAL) is Progress.ON_TRACK


@pytest.mark.parametrize(
    ("now", "text"),
    [
        (vn(2026, 3, 11, 13, 30), "còn 2 ngày 3 giờ"),  # 3.5 h Wed + Thu + Fri
        (vn(2026, 3, 13, 16, 15), "còn 45 phút"),
        (vn(2026, 3, 13, 17), "còn dưới 1 phút"),
        (vn(2026, 3, 13, 18), "quá hạn dưới 1 phút"),
        (vn(2026, 3, 17, 9, 30), "quá hạn 1 ngày 2 giờ"),  # Mon 7.5 h + Tue 2 h
        (vn(2026, 3, 16, 11, 30), "quá hạn 4 giờ"),
    ],
)
def test_remaining_time_reads_in_office_days_and_hours(now: dt.datetime, text: str) -> None:
    assert remaining_text(vn(2026, 3, 13, 17), now, OFFICIAL) == text
