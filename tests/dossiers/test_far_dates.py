"""Dates the calendar cannot count: an extension is bounded before anything is stored, and
a due date outside the calendar's years (set by hand, or left from before) never fails a
page or the API.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from dossiers import services
from dossiers.exceptions import InvalidInput
from onestop import calendar
from onestop.calendar.status import Progress, progress, remaining_text
from onestop.calendar.workdays import WorkCalendar
from procedures.models import TimeUnit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 11, 9, 30, tzinfo=VN)  # a Wednesday
RECEIVED = datetime(2026, 3, 10, 9, 0, tzinfo=VN)
DUE = datetime(2026, 3, 17, 17, 0, tzinfo=VN)  # 5 working days after the receipt
FAR = datetime(9999, 12, 31, 17, 0, tzinfo=VN)


@pytest.fixture
def at_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


@pytest.fixture
def processing(make_dossier, at_now):
    return make_dossier("processing", received_at=RECEIVED, due_at=DUE, original_due_at=DUE)


def nothing_changed(dossier) -> bool:
    dossier.refresh_from_db()
    return dossier.due_at == DUE and dossier.extended_at is None and not dossier.events.exists()


def test_the_factory_due_date_is_five_working_days_after_the_receipt(db):
    assert calendar.due_at(RECEIVED, 5, TimeUnit.WORKING_DAYS) == DUE


def test_an_extension_to_year_9999_is_a_400_and_nothing_is_stored(api, leader, processing):
    api.force_authenticate(leader)
    response = api.post(
        f"/api/v1/dossiers/{processing.pk}/extend/",
        {"new_due_at": "9999-12-31T17:00:00+07:00", "reason": "x"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "new_due_at" in body["errors"]
    assert "2000-2100" in body["errors"]["new_due_at"][0]
    assert nothing_changed(processing)


def test_an_extension_past_the_procedures_time_limit_again_is_refused(leader, processing):
    latest = calendar.due_at(DUE, 5, TimeUnit.WORKING_DAYS)
    assert latest == datetime(2026, 3, 24, 17, 0, tzinfo=VN)
    with pytest.raises(InvalidInput) as refused:
        services.extend_deadline(
            dossier=processing,
            by=leader,
            new_due_at=latest.replace(minute=1),
            reason="Cần xác minh",
        )
    assert "24/03/2026" in refused.value.errors["new_due_at"]
    assert nothing_changed(processing)


def test_an_extension_up_to_the_time_limit_again_is_granted(leader, processing):
    latest = datetime(2026, 3, 24, 17, 0, tzinfo=VN)
    services.extend_deadline(dossier=processing, by=leader, new_due_at=latest, reason="Xác minh")
    processing.refresh_from_db()
    assert processing.due_at == processing.extended_due_at == latest


def test_the_extension_page_shows_the_error_and_keeps_the_input(client, leader, processing):
    client.force_login(leader)
    response = client.post(
        f"/ho-so/{processing.pk}/thao-tac/extend/",
        {
            "new_due_at": "9999-12-31T17:00",
            "reason": "Cần xác minh",
            "revision": processing.revision,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_new_due_at_error"' in html and "lịch làm việc" in html
    assert 'value="9999-12-31T17:00"' in html and "Cần xác minh" in html
    assert nothing_changed(processing)


@pytest.fixture
def far_dossier(make_dossier, at_now):
    """A dossier whose due date was written straight into the database."""
    return make_dossier("processing", received_at=RECEIVED, due_at=FAR, original_due_at=FAR)


@pytest.mark.parametrize("persona", ["leader", "desk_officer", "supervisor", "citizen"])
def test_a_due_date_outside_the_calendar_leaves_every_list_and_page_working(
    request, client, api, far_dossier, persona
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    api.force_authenticate(user)
    for path in ("/ho-so/", f"/ho-so/{far_dossier.pk}/"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "31/12/9999" in page.content.decode()
    listed = api.get("/api/v1/dossiers/")
    assert listed.status_code == 200
    row = next(r for r in listed.json()["results"] if r["id"] == str(far_dossier.pk))
    assert row["progress"] == "on_track"
    detail = api.get(f"/api/v1/dossiers/{far_dossier.pk}/")
    assert detail.status_code == 200 and detail.json()["due_at"].startswith("9999-12-31")
    assert "extend" not in detail.json()["available_transitions"]


def test_the_deadline_helpers_degrade_outside_the_calendars_years(db):
    small = WorkCalendar(first_year=2026, last_year=2026)
    assert remaining_text(FAR, NOW, small) is None
    assert progress(FAR, NOW, small) == Progress.ON_TRACK
    past = datetime(2001, 1, 2, 17, 0, tzinfo=VN)
    assert progress(past, NOW, small) == Progress.OVERDUE
    assert remaining_text(past, NOW, small) is None
    assert not calendar.can_extend(FAR, NOW)
