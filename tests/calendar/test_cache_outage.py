"""A calendar change saved while the cache is down reaches the other processes afterwards."""

import datetime as dt

from django.test import override_settings

from onestop.calendar import default
from onestop.calendar.models import CalendarOverride, OverrideKind
from tests.outages import CLOSED_PORT_CACHES


def test_a_change_saved_during_an_outage_is_announced_once_the_cache_is_back(
    db, django_capture_on_commit_callbacks
):
    default.forget()
    before = default._shared_version()
    with (
        override_settings(CACHES=CLOSED_PORT_CACHES),
        django_capture_on_commit_callbacks(execute=True),
    ):
        CalendarOverride.objects.create(
            date=dt.date(2030, 1, 16), kind=OverrideKind.DAY_OFF, name="Nghỉ", reason="QĐ thử"
        )
    assert default._shared_version() == before  # nobody could be told yet
    default._checked_at = 0.0  # this process's next look at the counter
    assert not default.default_calendar().is_working_day(dt.date(2030, 1, 16))
    assert default._shared_version() == before + 1
    default.forget()
