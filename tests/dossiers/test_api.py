"""The dossier API: bodies, status codes, filters, drafts, counter intake and tracking."""

from datetime import timedelta

import pytest
from django.core.cache import cache

from dossiers.models import Dossier
from procedures.models import OnlineMode
from tests.dossiers.conftest import counter_intake_body, pdf
from tests.factories import AgencyFactory, ProcedureFactory


def url(dossier: Dossier, action: str = "") -> str:
    return f"/api/v1/dossiers/{dossier.pk}/" + (f"{action}/" if action else "")


@pytest.fixture
def desk_api(api, desk_officer):
    api.force_authenticate(desk_officer)
    return api


@pytest.fixture
def citizen_api(api, citizen):
    api.force_authenticate(citizen)
    return api


@pytest.mark.parametrize(
    ("transition", "state", "field"),
    [
        ("refuse", "submitted", "reason"),
        ("request_supplement", "received", "reason"),
        ("request_supplement", "received", "items"),
        ("reject", "processing", "reason"),
        ("stop", "processing", "reason"),
        ("extend", "processing", "new_due_at"),
    ],
)
def test_a_missing_reason_or_item_is_a_400_naming_the_field(
    request, make_dossier, transition, state, field
):
    persona = "leader" if transition in ("reject", "stop", "extend") else "desk_officer"
    client = request.getfixturevalue("api")
    client.force_authenticate(request.getfixturevalue(persona))
    dossier = make_dossier(state)
    body = {"reason": "Có lý do", "items": ["CCCD"], "new_due_at": "2030-01-01T17:00:00+07:00"}
    body.pop(field)
    response = client.post(url(dossier, transition), body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"] and field in response.json()["detail"]
    dossier.refresh_from_db()
    assert dossier.state == state and dossier.events.count() == 0


def test_a_blank_reason_is_refused_too(desk_api, make_dossier):
    dossier = make_dossier("submitted")
    response = desk_api.post(url(dossier, "refuse"), {"reason": "   "}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["errors"]


def test_a_transition_the_state_does_not_allow_is_a_409_with_a_clear_message(
    desk_api, make_dossier
):
    dossier = make_dossier("returned")
    response = desk_api.post(url(dossier, "accept"), {}, format="json")
    assert response.status_code == 409
    assert "Đã trả kết quả" in response.json()["detail"]


def test_the_detail_has_code_state_status_code_due_date_and_available_transitions(
    desk_api, make_dossier
):
    dossier = make_dossier("submitted")
    data = desk_api.get(url(dossier)).json()
    assert data["code"] == dossier.code and data["state"] == "submitted"
    assert data["status_code"] == 1 and data["due_at"] is None
    assert sorted(data["available_transitions"]) == [
        "accept",
        "refuse",
        "request_supplement",
        "withdraw",
    ]
    assert data["checklist"][0] == {
        "item": 1,
        "name": "Tờ khai",
        "is_mandatory": True,
        "channels": [],
        "condition": None,
        "alternative_group": "",
        "template_name": "",
        "template_url": "",
        "applies": True,
        "status": "missing",
    }
    assert data["answers"] == {} and data["paper_items"] == []
    assert data["applicant"]["id_number"] == dossier.applicant_id_number


def test_accepting_through_the_api_returns_the_dossier_with_its_due_date(desk_api, make_dossier):
    dossier = make_dossier("submitted")
    response = desk_api.post(url(dossier, "accept"), {"note": "Đủ giấy tờ"}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert data["state"] == "received" and data["status_code"] == 2 and data["due_at"]
    assert "start_processing" in data["available_transitions"]


def test_a_citizen_creates_a_draft_from_a_procedure_code(citizen_api, procedure, citizen):
    response = citizen_api.post(
        "/api/v1/dossiers/", {"procedure": procedure.code, "applicant_phone": "0912345678"}
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["state"] == "draft" and data["code"] is None and data["status_code"] is None
    assert data["applicant"]["name"] == citizen.get_full_name()
    assert data["applicant"]["phone"] == "0912345678"
    assert data["receiving_agency"]["code"] == procedure.agencies.get().code


def test_an_offline_procedure_cannot_be_filed_online(citizen_api, agency):
    procedure = ProcedureFactory(online_mode=OnlineMode.OFFLINE)
    procedure.agencies.add(agency)
    response = citizen_api.post("/api/v1/dossiers/", {"procedure": procedure.code})
    assert response.status_code == 400 and "procedure" in response.json()["errors"]


def test_an_officer_cannot_file_an_online_draft(desk_api, procedure):
    assert desk_api.post("/api/v1/dossiers/", {"procedure": procedure.code}).status_code == 403


def test_patch_changes_draft_fields_only(citizen_api, make_dossier):
    dossier = make_dossier("draft")
    response = citizen_api.patch(url(dossier), {"applicant_address": "Số 1 Tràng Tiền"})
    assert response.status_code == 200 and response.json()["applicant"]["address"]
    refused = citizen_api.patch(url(dossier), {"state": "returned", "due_at": "2030-01-01"})
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"state", "due_at"}
    bad_id = citizen_api.patch(url(dossier), {"applicant_id_number": "12345"})
    assert bad_id.status_code == 400 and "applicant_id_number" in bad_id.json()["errors"]


def test_patch_after_submission_is_a_409(citizen_api, make_dossier):
    dossier = make_dossier("submitted")
    response = citizen_api.patch(url(dossier), {"applicant_address": "Khác"})
    assert response.status_code == 409


def test_a_citizen_submits_once_every_mandatory_document_is_there(citizen_api, make_dossier):
    dossier = make_dossier("draft")
    missing = citizen_api.post(url(dossier, "submit"), {}, format="json")
    assert missing.status_code == 409 and "Tờ khai" in missing.json()["detail"]
    for item in ("1", "2"):
        uploaded = citizen_api.post(
            url(dossier, "documents"), {"file": pdf(), "item": item}, format="multipart"
        )
        assert uploaded.status_code == 201, uploaded.json()
    submitted = citizen_api.post(url(dossier, "submit"), {}, format="json")
    assert submitted.status_code == 200 and submitted.json()["code"]


def test_counter_intake_creates_a_received_dossier_with_code_and_due_date(
    desk_api, procedure, agency
):
    response = desk_api.post(
        "/api/v1/dossiers/counter-intake/",
        counter_intake_body(procedure),
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["state"] == "received" and data["channel"] == "counter"
    assert data["code"].startswith(agency.code) and data["due_at"]
    assert Dossier.objects.get(pk=data["id"]).documents.count() == 2


def test_counter_intake_is_for_desk_officers(api, citizen, procedure):
    api.force_authenticate(citizen)
    response = api.post(
        "/api/v1/dossiers/counter-intake/",
        {"procedure": procedure.code, "applicant_name": "A", "applicant_id_number": "0" * 12},
    )
    assert response.status_code == 403


def test_the_list_filters_by_state_procedure_channel_agency_and_due_date(
    frozen_clock, desk_api, make_dossier, procedure, agency
):
    now = frozen_clock.now
    received = make_dossier("received", due_at=now + timedelta(days=2))
    late = make_dossier("processing", due_at=now - timedelta(hours=2))
    other_procedure = make_dossier("submitted", procedure=ProcedureFactory(), channel="postal")

    def ids(**params):
        return {row["id"] for row in desk_api.get("/api/v1/dossiers/", params).json()["results"]}

    assert ids(state="received") == {str(received.pk)}
    assert ids(state=["received", "processing"]) == {str(received.pk), str(late.pk)}
    assert ids(procedure=procedure.code) == {str(received.pk), str(late.pk)}
    assert ids(channel="postal") == {str(other_procedure.pk)}
    assert ids(overdue="true") == {str(late.pk)}
    assert str(late.pk) not in ids(overdue="false")
    assert ids(due_before=(now + timedelta(days=1)).isoformat()) == {str(late.pk)}
    assert len(ids(agency=agency.code)) == 3 and ids(agency=AgencyFactory().code) == set()


def test_q_finds_by_code_or_applicant_name_ignoring_accents(desk_api, make_dossier):
    hoa = make_dossier("submitted", applicant_name="Nguyễn Thị Hoà")
    make_dossier("submitted", applicant_name="Trần Văn Bình")

    def ids(q):
        return [row["id"] for row in desk_api.get("/api/v1/dossiers/", {"q": q}).json()["results"]]

    assert ids("nguyen thi hoa") == [str(hoa.pk)]
    assert ids("NGUYỄN hoà") == [str(hoa.pk)]
    assert ids(hoa.code[-9:]) == [str(hoa.pk)]


def test_the_list_is_paginated(desk_api, make_dossier):
    for _ in range(3):
        make_dossier("submitted")
    page = desk_api.get("/api/v1/dossiers/", {"page_size": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]


def test_the_events_route_lists_the_timeline(desk_api, make_dossier):
    dossier = make_dossier("submitted")
    desk_api.post(url(dossier, "accept"), {}, format="json")
    events = desk_api.get(url(dossier, "events")).json()
    assert [(e["kind"], e["from_state"], e["to_state"]) for e in events] == [
        ("accept", "submitted", "received")
    ]
    assert events[0]["actor_name"] and events[0]["agency"]["code"]


@pytest.fixture
def tracked(make_dossier, desk_officer):
    dossier = make_dossier("submitted", applicant_name="Nguyễn Văn An")
    from dossiers import services

    services.accept_dossier(dossier=dossier, by=desk_officer)
    cache.clear()
    return dossier


def test_tracking_by_code_alone_says_only_that_it_exists_and_its_state_class(api, tracked):
    data = api.get(f"/api/v1/tracking/{tracked.code}/").json()
    assert data == {
        "tier": "code",
        "code": tracked.code,
        "state_class": "in_progress",
        "state_class_display": "Đang giải quyết",
    }
    assert "Đăng ký khai sinh" not in str(data) and "received" not in str(data)


def test_tracking_with_the_last_four_digits_shows_procedure_state_and_stage(api, tracked):
    last4 = tracked.applicant_id_number[-4:]
    data = api.get(f"/api/v1/tracking/{tracked.code}/", {"id_last4": last4}).json()
    assert data["tier"] == "applicant"
    assert data["procedure"] == "Đăng ký khai sinh"
    assert (data["state"], data["state_display"], data["status_code"]) == (
        "received",
        "Được tiếp nhận",
        2,
    )
    assert data["stage"] == {"step": 2, "of": 5, "label": "Đã tiếp nhận"}
    assert data["state_class"] == "in_progress"


def test_tracking_with_the_last_four_digits_adds_the_timeline_and_a_masked_name(api, tracked):
    last4 = tracked.applicant_id_number[-4:]
    data = api.get(f"/api/v1/tracking/{tracked.code}/", {"id_last4": last4}).json()
    assert data["applicant"] == "N***** V** A*"
    assert [row["kind"] for row in data["timeline"]] == ["accept"]
    assert data["timeline"][0]["agency"] == tracked.receiving_agency.name
    text = str(data)
    assert tracked.applicant_id_number not in text and "actor" not in text


def test_tracking_with_wrong_digits_or_an_unknown_code_is_a_404(api, tracked):
    wrong = "0000" if not tracked.applicant_id_number.endswith("0000") else "1111"
    assert api.get(f"/api/v1/tracking/{tracked.code}/", {"id_last4": wrong}).status_code == 404
    assert api.get("/api/v1/tracking/000.00.00.H00-000000-0001/").status_code == 404


def test_guessing_is_rate_limited(api, tracked):
    cache.clear()
    answers = [
        api.get(f"/api/v1/tracking/{tracked.code}/", {"id_last4": f"{n:04d}"}).status_code
        for n in range(31)
    ]
    assert answers[-1] == 429 and 429 not in answers[:30]


def test_every_lookup_counts_even_the_ones_that_find_a_dossier(api, tracked):
    cache.clear()
    answers = [api.get(f"/api/v1/tracking/{tracked.code}/").status_code for _ in range(31)]
    assert answers[:30] == [200] * 30
    limited = api.get(f"/api/v1/tracking/{tracked.code}/")
    assert answers[-1] == 429 and limited.status_code == 429
    assert limited.json()["code"] == "throttled"


def test_if_match_turns_a_stale_client_into_a_409(desk_api, make_dossier):
    dossier = make_dossier("submitted")
    seen = desk_api.get(url(dossier))["ETag"]
    assert seen == f'"{dossier.revision}"'
    note = desk_api.post(url(dossier, "request_supplement"), {"instructions": "A", "reason": "B"})
    assert note.status_code == 200
    changed = desk_api.post(url(dossier, "resubmit"), {}, format="json", HTTP_IF_MATCH=seen)
    assert changed.status_code == 409 and changed.json()["code"] == "dossier_changed"
    fresh = desk_api.post(url(dossier, "resubmit"), {}, format="json", HTTP_IF_MATCH=note["ETag"])
    assert fresh.status_code == 200


def test_a_large_list_counts_up_to_the_limit_and_says_so(desk_api, make_dossier, settings):
    settings.DOSSIER_LIST_COUNT_LIMIT = 3
    for _ in range(5):
        make_dossier("submitted")
    capped = desk_api.get("/api/v1/dossiers/", {"page_size": 2}).json()
    assert capped["count"] == 3 and capped["count_exact"] is False
    assert len(capped["results"]) == 2 and capped["next"]
    exact = desk_api.get("/api/v1/dossiers/", {"page_size": 2, "channel": "postal"}).json()
    assert exact["count"] == 0 and exact["count_exact"] is True
