"""Serializer fields of the API's request bodies that refuse what the database cannot hold.

DRF's ``CharField`` already refuses a NUL character, but a ``SlugRelatedField`` is not a
``CharField``: it hands the raw text to a query, and PostgreSQL fails on the NUL. Numbers
past the column's range and dates outside the calendar fail the same way, after the
request has been accepted.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from onestop.bad_requests import NUL_IN_FIELD
from onestop.calendar.inputs import CALENDAR_DATETIME_VALIDATORS

# The range of a PostgreSQL bigint (and of Django's BigIntegerField).
BIGINT_MAX = 2**63 - 1
AMOUNT_BOUNDS = _("Số tiền phải từ 0 đến 9223372036854775807 đồng.")


class CodeRelatedField(serializers.SlugRelatedField):
    """A record named by its code (or user name); a NUL character is refused before any
    query runs.
    """

    default_error_messages = {"null_characters": NUL_IN_FIELD}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and "\x00" in data:
            self.fail("null_characters")
        return super().to_internal_value(data)


class CalendarDateTimeField(serializers.DateTimeField):
    """A date and time within the working-day calendar's years and a real UTC offset."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("validators", list(CALENDAR_DATETIME_VALIDATORS))
        super().__init__(**kwargs)


def amount_vnd_field(**kwargs: Any) -> serializers.IntegerField:
    """An amount of đồng that fits the database's bigint column, with both bounds named."""
    return serializers.IntegerField(
        min_value=0,
        max_value=BIGINT_MAX,
        error_messages={"min_value": AMOUNT_BOUNDS, "max_value": AMOUNT_BOUNDS},
        **kwargs,
    )
