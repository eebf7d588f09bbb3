"""Administrators' overrides: they change due dates, reach other processes, and are checked."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

import onestop.calendar
from onestop.calendar import default
from onestop.calendar.models import CalendarOverride, OverrideKind
from tests.calendar.conftest import vn

pytestmark = pytest.mark.django_db
WD = "working_days"


def add_override(day: dt.date, kind: str, name: str = "Điều chỉnh") -> CalendarOverride:
    return CalendarOverride.objects.create(
        date=day, kind=kind, name=name, reason="Quyết định của UBND tỉnh"
    )


def test_an_extra_day_off_moves_the_due_date(django_capture_on_commit_callbacks) -> None:
    # Tuesday 10/3/2026 is an ordinary working day.
    assert onestop.calendar.due_at(vn(2026, 3, 9, 10), 1, WD) == vn(2026, 3, 10, 17)
    with django_capture_on_commit_callbacks(execute=True):
        add_override(dt.date(2026, 3, 10), OverrideKind.DAY_OFF, "Ngày giải phóng tỉnh")
    assert onestop.calendar.due_at(vn(2026, 3, 9, 10), 1, WD) == vn(2026, 3, 11, 17)


def test_a_holiday_the_province_works_counts_again(django_capture_on_commit_callbacks) -> None:
    # Ngày Văn hóa Việt Nam, Tuesday 24/11/2026, is a day off in the package.
    assert onestop.calendar.due_at(vn(2026, 11, 23, 10), 1, WD) == vn(2026, 11, 25, 17)
    with django_capture_on_commit_callbacks(execute=True):
        add_override(dt.date(2026, 11, 24), OverrideKind.WORKING_DAY)
    assert onestop.calendar.due_at(vn(2026, 11, 23, 10), 1, WD) == vn(2026, 11, 24, 17)


def test_a_make_up_saturday_counts(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        add_override(dt.date(2026, 3, 14), OverrideKind.WORKING_DAY, "Làm bù")
    assert onestop.calendar.due_at(vn(2026, 3, 13, 10), 1, WD) == vn(2026, 3, 14, 17)
    assert onestop.calendar.due_at(vn(2026, 3, 14, 10), 0, "same_day") == vn(2026, 3, 14, 17)


def test_deleting_an_override_restores_the_official_day(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        override = add_override(dt.date(2026, 3, 10), OverrideKind.DAY_OFF)
    assert onestop.calendar.due_at(vn(2026, 3, 9, 10), 1, WD) == vn(2026, 3, 11, 17)
    with django_capture_on_commit_callbacks(execute=True):
        CalendarOverride.objects.filter(pk=override.pk).delete()  # the admin's bulk delete
    assert onestop.calendar.due_at(vn(2026, 3, 9, 10), 1, WD) == vn(2026, 3, 10, 17)


def test_an_uncommitted_override_changes_nothing_yet(django_capture_on_commit_callbacks):
    before = onestop.calendar.due_at(vn(2026, 3, 9, 10), 1, WD)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        add_override(dt.date(2026, 3, 10), OverrideKind.DAY_OFF)
    assert onestop.calendar.due_at(vn(2026, 3, 9, 10), 1, WD) == before
    assert len(callbacks) == 1


def test_other_processes_rebuild_when_the_shared_version_moves(monkeypatch) -> None:
    calendar = default.default_calendar()
    assert default.default_calendar() is calendar  # cached
    add_override(dt.date(2026, 3, 10), OverrideKind.DAY_OFF)
    # Another process committed: only the counter in the shared cache tells us.
    cache.incr(default.VERSION_KEY)
    assert default.default_calendar() is calendar  # within the re-check interval
    monkeypatch.setattr(default, "RECHECK_SECONDS", 0.0)
    rebuilt = default.default_calendar()
    assert rebuilt is not calendar
    assert not rebuilt.is_working_day(dt.date(2026, 3, 10))


def test_office_hours_and_cut_off_come_from_the_settings(settings) -> None:
    settings.OFFICE_HOURS = [("08:00", "12:00"), ("13:00", "16:30")]
    settings.INTAKE_CUTOFF = "14:00"
    default.forget()
    assert onestop.calendar.due_at(vn(2026, 3, 9, 10), 1, WD) == vn(2026, 3, 10, 16, 30)
    assert onestop.calendar.due_at(vn(2026, 3, 9, 14), 0, "same_day") == vn(2026, 3, 10, 16, 30)
    assert onestop.calendar.due_at(vn(2026, 3, 9, 11), 2, "working_hours") == vn(2026, 3, 9, 14)


@pytest.mark.parametrize(
    ("day", "kind", "field"),
    [
        (dt.date(2026, 3, 10), OverrideKind.WORKING_DAY, "date"),  # already worked
        (dt.date(2026, 3, 15), OverrideKind.DAY_OFF, "date"),  # a Sunday
        (dt.date(2026, 2, 17), OverrideKind.DAY_OFF, "date"),  # already Tết
    ],
)
def test_an_override_that_changes_nothing_is_refused(day: dt.date, kind: str, field: str):
    override = CalendarOverride(date=day, kind=kind, name="x", reason="y")
    with pytest.raises(ValidationError) as error:
        override.full_clean()
    assert field in error.value.message_dict


def test_an_override_needs_a_name_and_a_reason() -> None:
    override = CalendarOverride(date=dt.date(2026, 3, 10), kind=OverrideKind.DAY_OFF)
    with pytest.raises(ValidationError) as error:
        override.full_clean()
    assert {"name", "reason"} <= error.value.message_dict.keys()


def test_administrators_edit_overrides_in_the_admin(client, administrator) -> None:
    assert administrator.has_perm("workcalendar.add_calendaroverride")
    client.force_login(administrator)
    response = client.post(
        "/quan-tri/workcalendar/calendaroverride/add/",
        {
            "date": "10/03/2026",
            "kind": "day_off",
            "name": "Ngày giải phóng tỉnh",
            "reason": "Quyết định số 1/QĐ-UBND",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    override = CalendarOverride.objects.get()
    assert override.created_by == administrator
    assert client.get("/quan-tri/workcalendar/calendaroverride/").status_code == 200
