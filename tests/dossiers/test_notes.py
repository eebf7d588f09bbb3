"""Reasons and notes: a transition's note is internal unless the officer sends it to the
applicant; the reasons the law owes the applicant always reach them. Internal notes never
reach the citizen's page, public tracking or e-mail.
"""

import pytest
from django.core import mail

from dossiers import services
from dossiers.models import DossierEvent
from tests.dossiers.conftest import with_result

INTERNAL = "Ghi chú nội bộ: đã gọi điện xác minh"
SHARED = "Mời ông/bà mang bản chính đến đối chiếu"


@pytest.fixture
def noted(make_dossier, specialist, leader, django_capture_on_commit_callbacks):
    """A decided dossier whose hand-over note is internal and whose approval note is shared."""
    dossier = make_dossier("processing", applicant_email="an@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_dossier(
            dossier=dossier, by=specialist, specialist=specialist, note=INTERNAL
        )
        services.submit_for_decision(dossier=dossier, by=specialist, note=INTERNAL)
        with_result(dossier, specialist)
        services.approve_dossier(dossier=dossier, by=leader, note=SHARED, share_with_applicant=True)
    return dossier


def test_the_flag_is_stored_on_each_event(noted):
    flags = dict(noted.events.values_list("kind", "shared_with_applicant"))
    assert flags["forward"] is False and flags["submit_for_decision"] is False
    assert flags["approve"] is True


def test_the_reasons_the_applicant_is_owed_are_always_shared(make_dossier, desk_officer, leader):
    refused = make_dossier("submitted")
    services.refuse_dossier(dossier=refused, by=desk_officer, reason="Sai thẩm quyền")
    stopped = make_dossier("processing")
    services.stop_dossier(dossier=stopped, by=leader, reason="Có tranh chấp")
    assert refused.events.get(kind="refuse").shared_with_applicant
    assert stopped.events.get(kind="stop").shared_with_applicant


def test_the_citizen_page_shows_shared_text_only(client, noted, citizen, leader):
    client.force_login(citizen)
    page = client.get(f"/ho-so/{noted.pk}/").content.decode()
    assert SHARED in page and INTERNAL not in page
    client.force_login(leader)
    staff_page = client.get(f"/ho-so/{noted.pk}/").content.decode()
    assert INTERNAL in staff_page and SHARED in staff_page and "Nội bộ" in staff_page


def test_the_api_history_blanks_internal_notes_for_the_applicant(api, noted, citizen, leader):
    api.force_authenticate(citizen)
    reasons = {
        event["kind"]: event["reason"]
        for event in api.get(f"/api/v1/dossiers/{noted.pk}/events/").json()
    }
    assert reasons["forward"] == "" and reasons["approve"] == SHARED
    api.force_authenticate(leader)
    events = api.get(f"/api/v1/dossiers/{noted.pk}/events/").json()
    staff = {event["kind"]: (event["reason"], event["shared_with_applicant"]) for event in events}
    assert staff["forward"] == (INTERNAL, False) and staff["approve"] == (SHARED, True)


def test_tracking_shows_shared_text_only(client, api, noted):
    last4 = noted.applicant_id_number[-4:]
    page = client.get("/tra-cuu/", {"ma": noted.code, "cccd": last4}).content.decode()
    assert SHARED in page and INTERNAL not in page
    body = api.get(f"/api/v1/tracking/{noted.code}/", {"id_last4": last4}).content.decode()
    assert SHARED in body and INTERNAL not in body
    assert INTERNAL not in api.get(f"/api/v1/tracking/{noted.code}/").content.decode()


def test_e_mail_carries_shared_text_only(noted):
    bodies = "\n".join(message.body for message in mail.outbox)
    assert SHARED in bodies and INTERNAL not in bodies


def test_an_internal_note_on_a_state_change_is_not_e_mailed(
    make_dossier, desk_officer, django_capture_on_commit_callbacks
):
    dossier = make_dossier("submitted", applicant_email="an@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_dossier(dossier=dossier, by=desk_officer, note=INTERNAL)
    (message,) = mail.outbox
    assert INTERNAL not in message.body


def test_the_page_checkbox_sends_the_note_to_the_applicant(client, make_dossier, specialist):
    dossier = make_dossier("processing")
    client.force_login(specialist)
    form = client.get(f"/ho-so/{dossier.pk}/thao-tac/request_payment/").content.decode()
    assert "Gửi cho người nộp" in form
    client.post(
        f"/ho-so/{dossier.pk}/thao-tac/request_payment/",
        {
            "amount_vnd": "8000",
            "note": SHARED,
            "share_with_applicant": "on",
            "revision": dossier.revision,
        },
    )
    assert dossier.events.get(kind="request_payment").shared_with_applicant


def test_the_api_boolean_sends_the_note_and_defaults_to_internal(api, make_dossier, desk_officer):
    first, second = make_dossier("submitted"), make_dossier("submitted")
    api.force_authenticate(desk_officer)
    api.post(f"/api/v1/dossiers/{first.pk}/accept/", {"note": INTERNAL}, format="json")
    api.post(
        f"/api/v1/dossiers/{second.pk}/accept/",
        {"note": SHARED, "share_with_applicant": True},
        format="json",
    )
    assert not first.events.get(kind="accept").shared_with_applicant
    assert second.events.get(kind="accept").shared_with_applicant


def test_a_reason_recorded_before_the_flag_existed_still_reaches_the_applicant(
    make_dossier, leader
):
    dossier = make_dossier("processing")
    event = DossierEvent.objects.create(
        dossier=dossier, kind="stop", to_state="stopped", at=dossier.due_at, reason="Có tranh chấp"
    )
    assert event.shared_with_applicant is False
    assert event.for_applicant and event.applicant_text == "Có tranh chấp"
