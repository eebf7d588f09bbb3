"""A dossier's whole life through the services, and what each step leaves behind."""

from datetime import timedelta

import pytest

from dossiers import services
from dossiers.models import DossierEvent, State
from tests.dossiers.conftest import pdf, with_result


@pytest.fixture
def submitted(citizen, procedure):
    dossier = services.create_draft(by=citizen, procedure=procedure)
    services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=1)
    services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=2)
    return services.submit_dossier(dossier=dossier, by=citizen)


def test_an_online_dossier_goes_from_draft_to_returned_with_one_event_per_step(
    submitted, desk_officer, specialist, leader
):
    services.accept_dossier(dossier=submitted, by=desk_officer)
    services.start_processing(dossier=submitted, by=desk_officer, specialist=specialist)
    services.submit_for_decision(dossier=submitted, by=specialist)
    with_result(submitted, specialist)
    services.approve_dossier(dossier=submitted, by=leader)
    services.return_result(dossier=submitted, by=desk_officer)

    submitted.refresh_from_db()
    assert submitted.state == State.RETURNED and submitted.status_code == 10
    assert submitted.result == "granted" and submitted.returned_at is not None
    assert [(e.kind, e.from_state, e.to_state) for e in submitted.events.all()] == [
        ("create", "", "draft"),
        ("submit", "draft", "submitted"),
        ("accept", "submitted", "received"),
        ("start_processing", "received", "processing"),
        ("submit_for_decision", "processing", "processing"),
        ("approve", "processing", "resolved"),
        ("return_result", "resolved", "returned"),
    ]


def test_submission_assigns_the_national_code_of_the_agency_handling_it(
    frozen_clock, submitted, agency
):
    # The clock is frozen before `submitted` is made, so the code carries that day.
    assert submitted.code == f"{agency.code}-260311-0001"
    assert submitted.search_text.startswith(submitted.code.lower())


def test_the_draft_takes_the_applicant_from_the_profile(citizen, procedure):
    dossier = services.create_draft(by=citizen, procedure=procedure)
    assert dossier.applicant_name == citizen.get_full_name()
    assert dossier.applicant_id_number == citizen.citizen_id
    assert dossier.code is None and dossier.state == State.DRAFT


def test_events_record_the_actor_and_the_agency(submitted, desk_officer, agency):
    services.refuse_dossier(dossier=submitted, by=desk_officer, reason="Sai thủ tục")
    event = submitted.events.get(kind=DossierEvent.Kind.REFUSE)
    assert event.actor == desk_officer and event.agency == agency
    assert event.reason == "Sai thủ tục" and event.actor_name == desk_officer.get_full_name()


def test_accepting_starts_the_clock_from_the_version_time_limit(submitted, desk_officer):
    services.accept_dossier(dossier=submitted, by=desk_officer)
    assert submitted.received_at is not None
    assert submitted.due_at == submitted.original_due_at
    assert submitted.due_at > submitted.received_at + timedelta(days=4)
    assert submitted.extended_due_at is None
