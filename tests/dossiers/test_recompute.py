"""After an administrator changes the calendar, stored due dates move only when asked to."""

import datetime as dt
from collections.abc import Callable, Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dossiers import deadlines
from dossiers.models import Dossier, DossierEvent
from onestop import calendar
from onestop.calendar import default
from onestop.calendar.models import CalendarOverride, OverrideKind
from onestop.calendar.workdays import VIETNAM
from procedures.models import SupplementPolicy, TimeUnit
from tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db
WD = TimeUnit.WORKING_DAYS
# Received Monday 7/12/2026: 5 working days end Monday 14/12 at 17:00.
MONDAY = dt.datetime(2026, 12, 7, 9, tzinfo=VIETNAM)
DAY_OFF = dt.date(2026, 12, 9)


@pytest.fixture(autouse=True)
def fresh_default_calendar() -> Iterator[None]:
    # An override rolled back with its test must not stay in this process's calendar.
    default.forget()
    yield
    default.forget()


@pytest.fixture
def override(django_capture_on_commit_callbacks) -> Callable[[dt.date, str], None]:
    """What the administrator does in the admin: one override, committed."""

    def add(day: dt.date, kind: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            CalendarOverride.objects.create(
                date=day, kind=kind, name="Điều chỉnh của tỉnh", reason="QĐ số 1/QĐ-UBND"
            )

    return add


@pytest.fixture
def day_off(override) -> Callable[[dt.date], None]:
    return lambda day: override(day, OverrideKind.DAY_OFF)


@pytest.fixture
def received(make_dossier) -> Callable[..., Dossier]:
    """A dossier received at `at` whose stored due date the calendar of now gave it."""

    def make(state: str = "processing", at: dt.datetime = MONDAY, **fields: object) -> Dossier:
        due = calendar.due_at(at, 5, WD)
        values = {"received_at": at, "due_at": due, "original_due_at": due, **fields}
        return make_dossier(state, **values)

    return make


def listing(*args: str) -> str:
    out = StringIO()
    call_command("recompute_due_dates", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def vn(day: int, hour: int = 17) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, tzinfo=VIETNAM)


def test_the_listing_names_the_moved_open_dossiers_and_changes_nothing(received, day_off):
    moved = [received("received"), received("processing"), received("awaiting_payment")]
    later = received(at=vn(10, 9))  # received after the new day off
    waiting = received("supplement_requested")
    finished = [received(state) for state in ("resolved", "returned", "withdrawn", "stopped")]
    day_off(DAY_OFF)

    text = listing()

    for dossier in moved:
        assert f"{dossier.code} | {dossier.handling_agency.code}" in text
    assert "14/12/2026 17:00 | 15/12/2026 17:00" in text
    for dossier in [later, waiting, *finished]:
        assert dossier.code not in text
    assert "Tổng cộng: 3 hồ sơ" in text
    for dossier in [*moved, later, waiting, *finished]:
        revision, due = dossier.revision, dossier.due_at
        dossier.refresh_from_db()
        assert dossier.revision == revision and dossier.due_at == dossier.original_due_at == due
    assert not DossierEvent.objects.filter(kind=DossierEvent.Kind.RECOMPUTE_DUE).exists()


def test_applying_moves_the_due_dates_and_appends_one_event_each(received, day_off):
    moved = [received("received"), received("processing")]
    finished = received("returned")
    day_off(DAY_OFF)

    assert "Đã tính lại hạn giải quyết của 2 hồ sơ." in listing("--apply")

    for dossier in moved:
        dossier.refresh_from_db()
        assert dossier.due_at == dossier.original_due_at == vn(15)
        event = dossier.events.get()
        assert event.kind == DossierEvent.Kind.RECOMPUTE_DUE and event.actor is None
        assert event.from_state == event.to_state == dossier.state
        assert event.details["old_due_at"] == vn(14).isoformat()
        assert event.details["new_due_at"] == vn(15).isoformat()
    finished_due = finished.due_at
    finished.refresh_from_db()
    assert finished.due_at == finished_due and not finished.events.exists()


def test_a_second_run_changes_nothing(received, day_off):
    dossier = received()
    day_off(DAY_OFF)
    listing("--apply")
    dossier.refresh_from_db()
    revision = dossier.revision

    assert "Tổng cộng: 0 hồ sơ" in listing()
    assert "Đã tính lại hạn giải quyết của 0 hồ sơ." in listing("--apply")
    dossier.refresh_from_db()
    assert dossier.revision == revision and dossier.events.count() == 1


def test_an_extended_dossier_keeps_the_leaders_due_date(received, day_off):
    dossier = received(extended_at=vn(9, 10), extended_due_at=vn(21), due_at=vn(21))
    day_off(DAY_OFF)

    assert dossier.code not in listing()
    listing("--apply")
    dossier.refresh_from_db()
    assert (dossier.due_at, dossier.original_due_at) == (vn(21), vn(14))
    assert not dossier.events.exists()


@pytest.mark.parametrize("policy", [SupplementPolicy.PAUSE, SupplementPolicy.RESTART])
def test_a_dossier_back_from_a_supplement_is_recomputed_under_its_policy(
    make_dossier, day_off, policy
):
    # Asked for a supplement Tuesday 8/12 at 09:00, complete again Friday 11/12 at 09:00.
    waits = [(vn(8, 9), vn(11, 9))]
    dossier = make_dossier(
        "processing",
        procedure=ProcedureFactory(supplement_policy=policy),
        received_at=MONDAY,
        supplement_waits=[[start.isoformat(), end.isoformat()] for start, end in waits],
    )
    dossier.due_at = dossier.original_due_at = deadlines.after_supplement(dossier)
    dossier.save()
    old = dossier.due_at
    day_off(dt.date(2026, 12, 16))
    expected = calendar.due_after_supplements(
        policy, received_at=MONDAY, amount=5, unit=WD, waits=waits
    )
    assert expected != old and expected != calendar.due_at(MONDAY, 5, WD)

    listing("--apply")

    dossier.refresh_from_db()
    assert dossier.due_at == dossier.original_due_at == expected
    if policy == SupplementPolicy.RESTART:
        assert expected == calendar.due_at(vn(11, 9), 5, WD)


def test_the_agency_option_keeps_to_that_agencys_dossiers(received, other_agency, day_off):
    ours = received()
    theirs = received(receiving_agency=other_agency, handling_agency=other_agency)
    day_off(DAY_OFF)

    text = listing("--agency", other_agency.code)

    assert theirs.code in text and ours.code not in text


def test_an_unknown_agency_is_refused() -> None:
    with pytest.raises(CommandError, match="Không có cơ quan mã X"):
        listing("--agency", "X")


@pytest.mark.parametrize(
    ("day", "kind", "new_due", "mails"),
    [
        (DAY_OFF, OverrideKind.DAY_OFF, vn(15), 1),
        (dt.date(2026, 12, 12), OverrideKind.WORKING_DAY, vn(12), 0),  # a make-up Saturday
    ],
)
def test_the_applicant_hears_only_of_a_later_due_date(
    received, override, mailoutbox, django_capture_on_commit_callbacks, day, kind, new_due, mails
):
    dossier = received(applicant_email="an@example.vn")
    override(day, kind)
    with django_capture_on_commit_callbacks(execute=True):
        listing("--apply")
    dossier.refresh_from_db()
    assert dossier.due_at == new_due
    assert len(mailoutbox) == mails
    if mails:
        assert mailoutbox[0].to == ["an@example.vn"]
        assert "tính lại hạn giải quyết theo lịch làm việc mới" in mailoutbox[0].body


def queries_of_listing() -> int:
    default.default_calendar()  # built once per change, not per dossier
    with CaptureQueriesContext(connection) as captured:
        listing()
    return len(captured)


def test_the_listing_costs_the_same_queries_for_3_or_20_dossiers(received, day_off):
    for _ in range(3):
        received()
    day_off(DAY_OFF)
    few = queries_of_listing()
    for _ in range(17):
        received(due_at=vn(14), original_due_at=vn(14))  # stored before the day off
    assert "Tổng cộng: 20 hồ sơ" in listing()
    assert queries_of_listing() == few


def test_a_long_run_reports_its_progress(received, day_off, monkeypatch):
    monkeypatch.setattr("dossiers.recompute.PROGRESS_EVERY", 2)
    for _ in range(5):
        received()
    day_off(DAY_OFF)
    err = StringIO()
    call_command("recompute_due_dates", stdout=StringIO(), stderr=err)
    assert err.getvalue().splitlines() == ["Đã xem 2 hồ sơ", "Đã xem 4 hồ sơ"]
