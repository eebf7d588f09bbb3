"""Deadline fields, all computed by the working-day calendar: start, supplement, extension."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from dossiers import services
from dossiers.deadlines import NoTimeLimit
from dossiers.exceptions import DossierConflict, InvalidInput
from dossiers.models import DossierEvent, State
from onestop import calendar
from procedures.models import Channel, ProcessingTime, SupplementPolicy, TimeUnit
from tests.dossiers.conftest import pdf
from tests.factories import ProcedureFactory

WORKING_DAYS = TimeUnit.WORKING_DAYS


def test_accepting_sets_due_and_original_due_from_the_receipt(make_dossier, desk_officer):
    dossier = make_dossier("submitted")
    services.accept_dossier(dossier=dossier, by=desk_officer)
    dossier.refresh_from_db()
    assert dossier.due_at == calendar.due_at(dossier.received_at, 5, WORKING_DAYS)
    assert dossier.original_due_at == dossier.due_at
    assert dossier.extended_due_at is None and dossier.extended_at is None
    accepted = dossier.events.get(kind="accept")
    assert datetime.fromisoformat(accepted.details["due_at"]) == dossier.due_at


def test_counter_intake_receives_with_code_due_date_and_files(desk_officer, procedure, agency):
    dossier = services.counter_intake(
        by=desk_officer,
        procedure=procedure,
        applicant=services.Applicant(name="Lê Văn Quầy", id_number="001099000123"),
        documents=[services.DocumentUpload(upload=pdf(), item=1)],
        paper_items=[2],
    )
    assert dossier.state == State.RECEIVED and dossier.channel == Channel.COUNTER
    assert dossier.code.startswith(f"{agency.code}-") and dossier.received_at is not None
    assert dossier.due_at == calendar.due_at(dossier.received_at, 5, WORKING_DAYS)
    assert dossier.documents.get().item_name == "Tờ khai"
    assert [e.kind for e in dossier.events.all()] == ["counter_intake"]


def test_a_channel_without_its_own_limit_uses_the_procedure_limit_of_another(desk_officer, agency):
    procedure = ProcedureFactory(time_limit=(Decimal(3), TimeUnit.CALENDAR_DAYS))
    procedure.processing_times.filter(channel=Channel.COUNTER).delete()
    dossier = services.counter_intake(
        by=desk_officer,
        procedure=procedure,
        applicant=services.Applicant(name="Lê Văn Quầy", id_number="001099000123"),
        paper_items=[1, 2],
    )
    assert dossier.due_at == calendar.due_at(dossier.received_at, 3, TimeUnit.CALENDAR_DAYS)


def test_a_procedure_without_any_time_limit_cannot_start_the_clock(desk_officer):
    procedure = ProcedureFactory()
    ProcessingTime.objects.filter(procedure=procedure).delete()
    with pytest.raises(NoTimeLimit):
        services.counter_intake(
            by=desk_officer,
            procedure=procedure,
            applicant=services.Applicant(name="Lê Văn Quầy", id_number="001099000123"),
        )


def supplemented(frozen_clock, make_dossier, desk_officer, citizen, policy):
    """Received 20 days ago, sent back for a supplement two working days later, back now."""
    procedure = ProcedureFactory(supplement_policy=policy)
    now = frozen_clock.now
    received = now - timedelta(days=20)
    dossier = make_dossier(
        "received",
        procedure=procedure,
        received_at=received,
        due_at=calendar.due_at(received, 5, WORKING_DAYS),
    )
    dossier.original_due_at = dossier.due_at
    dossier.save()
    services.request_supplement(
        dossier=dossier, by=desk_officer, items=[], instructions="CCCD", reason="Mờ"
    )
    # As if asked back then, after two working days of the limit were used.
    dossier.supplement_requested_at = calendar.due_at(received, 2, WORKING_DAYS)
    dossier.save()
    services.resubmit_dossier(dossier=dossier, by=citizen)
    dossier.refresh_from_db()
    return dossier


def test_after_a_supplement_the_clock_restarts_from_the_complete_dossier(
    frozen_clock, make_dossier, desk_officer, citizen
):
    dossier = supplemented(
        frozen_clock, make_dossier, desk_officer, citizen, SupplementPolicy.RESTART
    )
    back = dossier.events.get(kind="resubmit").at
    assert dossier.state == State.RECEIVED
    assert dossier.due_at == calendar.due_at(back, 5, WORKING_DAYS) == dossier.original_due_at


def test_with_the_pause_policy_the_wait_is_left_out_of_the_count(
    frozen_clock, make_dossier, desk_officer, citizen
):
    paused = supplemented(frozen_clock, make_dossier, desk_officer, citizen, SupplementPolicy.PAUSE)
    back = paused.events.get(kind="resubmit").at
    requested = calendar.due_at(paused.received_at, 2, WORKING_DAYS)
    assert paused.supplement_waits == [[requested.isoformat(), back.isoformat()]]
    assert paused.due_at == calendar.due_after_supplements(
        SupplementPolicy.PAUSE,
        received_at=paused.received_at,
        amount=5,
        unit=WORKING_DAYS,
        waits=[(requested, back)],
    )
    restarted_due = calendar.due_at(back, 5, WORKING_DAYS)
    # Two working days were used before the pause, so less time remains than on a restart.
    assert back < paused.due_at < restarted_due


def test_a_supplement_asked_before_acceptance_leaves_the_clock_alone(
    make_dossier, desk_officer, citizen
):
    dossier = make_dossier("submitted")
    services.request_supplement(
        dossier=dossier, by=desk_officer, items=[], instructions="CCCD", reason="Mờ"
    )
    services.resubmit_dossier(dossier=dossier, by=citizen)
    assert dossier.state == State.SUBMITTED and dossier.due_at is None
    assert dossier.supplement_waits == []


def test_the_leader_extends_once_and_the_original_due_date_is_kept(make_dossier, leader):
    dossier = make_dossier("processing")
    original = dossier.due_at
    new_due = original + timedelta(days=7)
    services.extend_deadline(dossier=dossier, by=leader, new_due_at=new_due, reason="Xin lỗi")
    dossier.refresh_from_db()
    assert dossier.due_at == dossier.extended_due_at == new_due
    assert dossier.original_due_at == original and dossier.extended_at is not None

    with pytest.raises(DossierConflict) as refused:
        services.extend_deadline(
            dossier=dossier, by=leader, new_due_at=new_due + timedelta(days=3), reason="Lần hai"
        )
    assert "một lần" in refused.value.message
    assert dossier.events.filter(kind="extend").count() == 1


def test_extension_must_come_a_working_day_before_the_due_date(frozen_clock, make_dossier, leader):
    now = frozen_clock.now
    due_today = calendar.due_at(now, 0, WORKING_DAYS)  # the close of the current working day
    dossier = make_dossier("processing", due_at=due_today, original_due_at=due_today)
    with pytest.raises(DossierConflict) as refused:
        services.extend_deadline(
            dossier=dossier, by=leader, new_due_at=due_today + timedelta(days=5), reason="Trễ"
        )
    assert "một ngày làm việc" in refused.value.message
    assert "extend" not in [t.name for t in dossier.get_available_user_state_transitions(leader)]


def test_the_new_due_date_must_be_later(make_dossier, leader):
    dossier = make_dossier("processing")
    with pytest.raises(InvalidInput) as refused:
        services.extend_deadline(
            dossier=dossier, by=leader, new_due_at=dossier.due_at, reason="Không đổi"
        )
    assert "new_due_at" in refused.value.errors


def test_the_database_refuses_a_second_extension_event(make_dossier, leader):
    dossier = make_dossier("processing")
    services.extend_deadline(
        dossier=dossier, by=leader, new_due_at=dossier.due_at + timedelta(days=2), reason="Một"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierEvent.objects.create(
            dossier=dossier,
            kind="extend",
            from_state="processing",
            to_state="processing",
            at=timezone.now(),
        )


def test_overdue_and_at_risk_are_queries_on_running_dossiers(frozen_clock, make_dossier):
    now = frozen_clock.now
    late = make_dossier("processing", due_at=now - timedelta(hours=1))
    soon = make_dossier("received", due_at=calendar.due_at(now, 0, WORKING_DAYS))
    make_dossier("processing", due_at=calendar.due_at(now, 10, WORKING_DAYS))
    make_dossier("supplement_requested", due_at=now - timedelta(days=1))  # waits for applicant
    make_dossier("returned", due_at=now - timedelta(days=3))
    from dossiers.models import Dossier

    assert list(Dossier.objects.overdue(now)) == [late]
    assert list(Dossier.objects.at_risk(now)) == [soon]
