"""Which stored due dates a calendar change would move.

Editing the calendar changes future computations only: a stored due date stays as it was
until someone asks for it to be recomputed. :func:`changed_due_dates` is the pure half of
that request; the management command that feeds it the open dossiers and saves the answers
belongs with the dossier model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass

from onestop.calendar.deadlines import Amount, due_at
from onestop.calendar.workdays import WorkCalendar


@dataclass(frozen=True)
class DueRow:
    """One open dossier's clock: when it started, its limit, and the due date stored now.

    `started_at` is the receipt, or the complete dossier's return after a supplement under
    the "restart" policy. An extended due date is a leader's decision, not arithmetic, so
    rows carry the original due date only.
    """

    key: Hashable
    started_at: dt.datetime
    amount: Amount
    unit: str
    current_due_at: dt.datetime


@dataclass(frozen=True)
class DueChange:
    key: Hashable
    old_due_at: dt.datetime
    new_due_at: dt.datetime


def changed_due_dates(rows: Iterable[DueRow], calendar: WorkCalendar) -> Iterator[DueChange]:
    """Yield a change for every row whose due date on `calendar` differs from the stored one.

    Raises ``ValueError`` as :func:`~onestop.calendar.deadlines.due_at` does, on the first
    bad row.
    """
    for row in rows:
        new = due_at(row.started_at, row.amount, row.unit, calendar)
        if new != row.current_due_at:
            yield DueChange(row.key, row.current_due_at, new)
