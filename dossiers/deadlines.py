"""The dossier's deadlines, computed by the working-day calendar.

The rules are summed up in docs/architecture.md, "Deadlines", and given in docs/calendar.md.

This module only chooses *which* limit applies and *which* calendar rule to call; all date
arithmetic is ``onestop.calendar``'s.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossiers.exceptions import DossierConflict
from onestop import calendar
from onestop.calendar.default import alert_window_setting
from procedures.models import Channel, TimeUnit

WORKING_DAYS = TimeUnit.WORKING_DAYS
# Decree 118/2025 Điều 17(2)(c): the desk answers an online submission within 8 working hours.
INTAKE_CHECK_HOURS = 8

# A catalogue record may give a time limit for some channels only; the law sets one time
# limit per procedure, so the dossier falls back to the limit of another channel.
FALLBACK_CHANNELS = [Channel.ONLINE, Channel.COUNTER, Channel.POSTAL]


class NoTimeLimit(DossierConflict):
    default_message = _(
        "Thủ tục chưa có thời hạn giải quyết trong danh mục: cần cập nhật danh mục trước khi "
        "tiếp nhận hồ sơ."
    )


def time_limit(version: Any, channel: str) -> tuple[float, str]:
    """(amount, unit) of `version` for `channel`, or of the first channel that has one."""
    for candidate in [channel, *FALLBACK_CHANNELS]:
        limit = version.time_limit(candidate)
        if limit is not None:
            return limit
    raise NoTimeLimit()


def due_from(version: Any, channel: str, start: datetime) -> datetime:
    amount, unit = time_limit(version, channel)
    return calendar.due_at(start, amount, unit)


def intake_due(submitted_at: datetime) -> datetime:
    """When the desk must have accepted, refused or asked for a supplement of an online
    dossier the system received at `submitted_at`: 8 working hours later, counted in office
    hours only (a submission after hours counts from the next opening).
    """
    return calendar.due_at(submitted_at, INTAKE_CHECK_HOURS, TimeUnit.WORKING_HOURS)


def indicative_due(version: Any, channel: str, at: datetime) -> datetime | None:
    """The due date the dossier would get if the desk accepted it at `at`: shown to the
    applicant as indicative ("dự kiến"), never stored; None without a time limit.
    """
    try:
        return due_from(version, channel, at)
    except (NoTimeLimit, ValueError):
        return None


def after_supplement(dossier: Any) -> datetime:
    """The due date once the complete dossier is back: counted again from its return, or
    the original count with every wait for the applicant left out (the procedure's policy).
    """
    amount, unit = time_limit(dossier.procedure_version, dossier.channel)
    waits = [
        (datetime.fromisoformat(requested), datetime.fromisoformat(returned))
        for requested, returned in dossier.supplement_waits
    ]
    return calendar.due_after_supplements(
        dossier.supplement_policy,
        received_at=dossier.received_at,
        amount=amount,
        unit=unit,
        waits=waits,
    )


def recomputed_due(dossier: Any) -> datetime:
    """The original due date the calendar gives `dossier` now, computed as its transitions
    compute it: from the receipt, or after its supplement waits under the procedure's policy.
    """
    if dossier.supplement_waits:
        return after_supplement(dossier)
    return due_from(dossier.procedure_version, dossier.channel, dossier.received_at)


def may_extend(due_at: datetime | None, at: datetime | None = None) -> bool:
    """Whether the one extension can still be granted (no later than a working day before)."""
    return due_at is not None and calendar.can_extend(due_at, at or timezone.now())


def latest_extension(dossier: Any) -> datetime:
    """The latest due date the one extension may set: the procedure's own time limit,
    counted again from the current due date (the portal's bound; Decree 118/2025 Điều 19(6)
    allows one extension and sets no length). Raises ``ValueError`` when that end falls
    outside the calendar's years, NoTimeLimit when the procedure has no limit.
    """
    return due_from(dossier.procedure_version, dossier.channel, dossier.due_at)


def at_risk_until(at: datetime) -> datetime:
    """The latest due date that is "at risk" at `at`: the close of the working day that is
    the alert window's number of working days after the one `at` counts in.
    """
    return calendar.due_at(at, alert_window_setting(), WORKING_DAYS)
