"""Early, on time or late; on track, at risk or overdue; and how much time is left.

A finished dossier is judged against its due date, the extended one when it was extended
(:func:`~onestop.calendar.deadlines.effective_due_at`). Remaining and overdue time is office
time, read in office days and hours ("còn 2 ngày 3 giờ"), because that is the time the
agency actually has.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from onestop.calendar.workdays import CalendarRangeError, WorkCalendar

DEFAULT_ALERT_WINDOW = 1  # working days; settings.DEADLINE_ALERT_WINDOW_WORKING_DAYS


class Outcome(models.TextChoices):
    EARLY = "early", gettext_lazy("Trước hạn")
    ON_TIME = "on_time", gettext_lazy("Đúng hạn")
    LATE = "late", gettext_lazy("Quá hạn")


class Progress(models.TextChoices):
    ON_TRACK = "on_track", gettext_lazy("Trong hạn")
    AT_RISK = "at_risk", gettext_lazy("Sắp đến hạn")
    OVERDUE = "overdue", gettext_lazy("Quá hạn")


def outcome(finished_at: dt.datetime, due_at: dt.datetime, calendar: WorkCalendar) -> Outcome:
    """Early when finished before the due day, on time when on the due day by the due time,
    late otherwise. Days are Vietnamese calendar days. Raises ``ValueError`` for naive input.
    """
    finished, due = calendar.local(finished_at), calendar.local(due_at)
    if finished.date() < due.date():
        return Outcome.EARLY
    return Outcome.ON_TIME if finished <= due else Outcome.LATE


def progress(
    due_at: dt.datetime,
    now: dt.datetime,
    calendar: WorkCalendar,
    *,
    alert_window: int = DEFAULT_ALERT_WINDOW,
) -> Progress:
    """Overdue after the due time; at risk when the due day is at most `alert_window`
    working days after the working day `now` counts in (so with the default of 1, the day
    before the due day and the due day itself); on track before that.

    A due date outside the calendar's years is far from any `now` the calendar covers, so it
    is never at risk: it reads as overdue or on track instead of failing the whole list.
    """
    if alert_window < 0:
        raise ValueError("the alert window cannot be negative")
    if calendar.local(now) > calendar.local(due_at):
        return Progress.OVERDUE
    try:
        at_risk = calendar.working_day_index(now) + alert_window >= calendar.working_day_index(
            due_at
        )
    except CalendarRangeError:
        return Progress.ON_TRACK
    return Progress.AT_RISK if at_risk else Progress.ON_TRACK


def office_time_text(seconds: int, day_seconds: int) -> str:
    """ "2 ngày 3 giờ", "3 giờ", "45 phút": whole office days and hours, minutes only when
    less than an hour is left, "dưới 1 phút" for less than a minute.
    """
    days, rest = divmod(max(seconds, 0), day_seconds)
    hours, rest = divmod(rest, 3600)
    parts = []
    if days:
        parts.append(ngettext("%(count)d ngày", "%(count)d ngày", days) % {"count": days})
    if hours:
        parts.append(ngettext("%(count)d giờ", "%(count)d giờ", hours) % {"count": hours})
    if not parts:
        minutes = rest // 60
        if not minutes:
            return _("dưới 1 phút")
        parts.append(ngettext("%(count)d phút", "%(count)d phút", minutes) % {"count": minutes})
    return " ".join(parts)


def remaining_text(due_at: dt.datetime, now: dt.datetime, calendar: WorkCalendar) -> str | None:
    """ "còn 2 ngày 3 giờ" before the due time, "quá hạn 1 ngày 2 giờ" after it, counting
    office time only (an evening or a holiday does not use up the agency's time).

    None when either moment lies outside the calendar's years: office time cannot be
    counted there, and a page shows the date alone rather than failing.
    """
    try:
        between = calendar.position(due_at) - calendar.position(now)
    except CalendarRangeError:
        return None
    if calendar.local(now) > calendar.local(due_at):
        late = office_time_text(-between, calendar.day_seconds)
        return _("quá hạn %(time)s") % {"time": late}
    left = office_time_text(between, calendar.day_seconds)
    return _("còn %(time)s") % {"time": left}
