"""The public page of the working-day calendar: any year as twelve month grids."""

from __future__ import annotations

import calendar as month_layout
import datetime as dt
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from onestop.calendar.default import calendar_for_year
from onestop.calendar.models import CalendarOverride
from onestop.calendar.workdays import DayKind, WorkCalendar

FIRST_YEAR, LAST_YEAR = 1, 9998


@dataclass(frozen=True)
class DayCell:
    day: dt.date
    kind: str
    name: str
    overridden: bool
    today: bool


@dataclass(frozen=True)
class Month:
    title: str
    weeks: list[list[DayCell | None]]
    named: list[DayCell]


def _weekday_names() -> list[str]:
    return [_("T2"), _("T3"), _("T4"), _("T5"), _("T6"), _("T7"), _("CN")]


def _month(calendar: WorkCalendar, year: int, month: int, overridden: set[dt.date]) -> Month:
    today = timezone.localdate()
    weeks: list[list[DayCell | None]] = []
    named: list[DayCell] = []
    for week in month_layout.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row: list[DayCell | None] = []
        for day in week:
            if day.month != month:
                row.append(None)
                continue
            cell = DayCell(
                day, calendar.kind(day).value, calendar.name(day), day in overridden, day == today
            )
            row.append(cell)
            if cell.name:
                named.append(cell)
        weeks.append(row)
    return Month(date_format(dt.date(year, month, 1), "F"), weeks, named)


def _requested_year(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404(_("Năm không hợp lệ: hãy nhập một số, ví dụ 2026."))
    return int(raw)


def year_calendar(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """The calendar of `year` (from the path or ``?year=``; this year by default)."""
    if year is None:
        asked = _requested_year(request)
        if asked is not None:
            return redirect("calendar:year", asked)
        year = timezone.localdate().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(_("Lịch chỉ hiển thị các năm từ 1 đến 9998."))
    calendar = calendar_for_year(year, get_language() or "vi")
    overridden = set(
        CalendarOverride.objects.filter(date__year=year).values_list("date", flat=True)
    )
    months = [_month(calendar, year, month, overridden) for month in range(1, 13)]
    working = sum(
        calendar.kind(dt.date.fromordinal(o)) in (DayKind.WORKING, DayKind.MAKE_UP)
        for o in range(dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal() + 1)
    )
    context = {
        "year": year,
        "months": months,
        "weekdays": _weekday_names(),
        "working_day_count": working,
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
        "has_holidays": bool(calendar.days_off()),
    }
    return render(request, "calendar/year.html", context)
