"""Dates typed by people, checked before they reach the workflow or a query.

The calendar counts working days only within the years :data:`~onestop.calendar.default.
FIRST_YEAR`..:data:`~onestop.calendar.default.LAST_YEAR`, and PostgreSQL only takes UTC
offsets a real time zone has; a date outside either is a 400 naming the field, not a row
that every list must then survive.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from onestop.calendar.default import FIRST_YEAR, LAST_YEAR

# The offsets of real time zones run from UTC-12:00 to UTC+14:00.
LOWEST_OFFSET = dt.timedelta(hours=-12)
HIGHEST_OFFSET = dt.timedelta(hours=14)

# "…T09:30:00 07:00": a "+" of a query string left unencoded is read as a space.
_OFFSET_AFTER_SPACE = re.compile(r"(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)$")


def validate_calendar_year(value: dt.date | dt.datetime) -> None:
    """Refuse a date the working-day calendar does not cover."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Chỉ nhận ngày trong các năm %(first)d-%(last)d của lịch làm việc."),
            code="outside_calendar",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def validate_utc_offset(value: dt.datetime) -> None:
    """Refuse a UTC offset no time zone has (PostgreSQL would fail on it)."""
    offset = value.utcoffset()
    if offset is not None and not LOWEST_OFFSET <= offset <= HIGHEST_OFFSET:
        raise ValidationError(
            _("Múi giờ phải nằm trong khoảng từ -12:00 đến +14:00 so với giờ UTC."),
            code="bad_offset",
        )


CALENDAR_DATETIME_VALIDATORS: list[Callable[[Any], None]] = [
    validate_calendar_year,
    validate_utc_offset,
]


def repair_plus_sign(text: str) -> str:
    """Put back the "+" of a UTC offset that a query string turned into a space.

    "2026-03-11T09:30:00 07:00" can only mean "+07:00" (a negative offset keeps its "-"),
    so it is read that way instead of refused.
    """
    return _OFFSET_AFTER_SPACE.sub(r"\1+\2", text.strip())


class CalendarDateTimeField(forms.DateTimeField):
    """A date and time within the calendar's years and a real time zone's offset; an
    unencoded "+" before the offset is read as a "+".
    """

    default_validators = CALENDAR_DATETIME_VALIDATORS

    def to_python(self, value: Any) -> dt.datetime | None:
        if isinstance(value, str):
            value = repair_plus_sign(value)
        return super().to_python(value)
