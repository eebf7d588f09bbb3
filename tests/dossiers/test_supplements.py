"""The one supplement (Decree 118/2025 Điều 11, 16, 19(5)): requested once, by checklist
rows; resubmitted only with a new file for each; asked by the handling agency within 3
working days of receipt; closed by the desk when 15 days pass without it.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dossiers import services, supplements
from dossiers.exceptions import DossierConflict, InvalidInput, TransitionNotAllowed
from dossiers.models import Dossier, DossierEvent, State
from onestop import calendar
from tests.dossiers.conftest import pdf

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def url(dossier: Dossier, action: str = "") -> str:
    return f"/api/v1/dossiers/{dossier.pk}/" + (f"{action}/" if action else "")


def page(client, user, path, data=None):
    client.force_login(user)
    return client.post(path, data) if data is not None else client.get(path)


def sent_back(make_dossier, desk_officer, state="received", **request):
    dossier = make_dossier(state)
    arguments = {"items": [2], "reason": "Bản chụp mờ", **request}
    services.request_supplement(dossier=dossier, by=desk_officer, **arguments)
    return dossier


# --- once only ------------------------------------------------------------------------------


def test_a_second_request_for_a_supplement_is_a_409_with_the_reason(
    api, make_dossier, desk_officer, citizen
):
    dossier = sent_back(make_dossier, desk_officer)
    services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=2)
    dossier.refresh_from_db()
    services.resubmit_dossier(dossier=dossier, by=citizen)
    assert dossier.state == State.RECEIVED and dossier.supplement_round == 1

    api.force_authenticate(desk_officer)
    detail = api.get(url(dossier)).json()
    assert "request_supplement" not in detail["available_transitions"]
    again = api.post(url(dossier, "request_supplement"), {"items": [1], "reason": "Lại"})
    assert again.status_code == 409
    assert again.json()["code"] == "not_allowed_now"
    assert "một lần" in again.json()["detail"]
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED
    assert dossier.events.filter(kind="request_supplement").count() == 1


def test_the_page_no_longer_offers_a_second_request_and_says_why(
    client, make_dossier, desk_officer
):
    dossier = make_dossier("received", supplement_round=1)
    detail = page(client, desk_officer, f"/ho-so/{dossier.pk}/").content.decode()
    assert 'data-action="request_supplement"' not in detail
    assert 'id="supplement-once"' in detail
    refused = page(client, desk_officer, f"/ho-so/{dossier.pk}/thao-tac/request_supplement/")
    assert refused.status_code == 302
    followed = client.get(refused["Location"]).content.decode()
    assert "chỉ được yêu cầu bổ sung một lần" in followed


# --- rows by number -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"items": [3], "reason": "x"},  # the checklist has two rows
        {"items": [0], "reason": "x"},
        {"items": ["Bản sao CCCD"], "reason": "x"},
        {"items": [], "reason": "x"},  # neither rows nor instructions
        {"reason": "x"},
    ],
)
def test_the_requested_rows_must_be_rows_of_the_checklist(api, make_dossier, desk_officer, body):
    dossier = make_dossier("received")
    api.force_authenticate(desk_officer)
    response = api.post(url(dossier, "request_supplement"), body, format="json")
    assert response.status_code == 400, response.json()
    assert "items" in response.json()["errors"]
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED


def test_the_service_refuses_a_row_outside_the_checklist(make_dossier, desk_officer):
    with pytest.raises(InvalidInput) as refused:
        sent_back(make_dossier, desk_officer, items=[1, 5])
    assert "items" in refused.value.errors


def test_the_request_stores_rows_and_text_and_the_api_names_them(
    api, make_dossier, desk_officer, frozen_clock
):
    dossier = make_dossier("received")
    api.force_authenticate(desk_officer)
    body = {"items": [2, 1, 2], "instructions": "Chụp rõ cả hai mặt", "reason": "Mờ"}
    answer = api.post(url(dossier, "request_supplement"), body, format="json")
    assert answer.status_code == 200, answer.json()
    supplement = answer.json()["supplement"]
    assert supplement["items"] == [
        {"item": 1, "name": "Tờ khai"},
        {"item": 2, "name": "Giấy chứng sinh"},
    ]
    assert supplement["instructions"] == "Chụp rõ cả hai mặt"
    assert supplement["missing"] == ["Tờ khai", "Giấy chứng sinh"]
    dossier.refresh_from_db()
    assert dossier.supplement_items == [1, 2]
    event = dossier.events.get(kind="request_supplement")
    assert event.details["rows"] == [1, 2]
    assert event.details["items"] == ["Tờ khai", "Giấy chứng sinh"]


def test_a_request_stored_as_names_is_still_read(client, make_dossier, citizen):
    dossier = make_dossier("supplement_requested", supplement_items=["Giấy chứng sinh bản gốc"])
    assert supplements.requested_rows(dossier.supplement_items) == []
    text = page(client, citizen, f"/ho-so/{dossier.pk}/bo-sung/").content.decode()
    assert "Giấy chứng sinh bản gốc" in text


# --- resubmission needs the requested files -------------------------------------------------


def test_resubmitting_without_a_new_file_for_each_requested_row_is_refused(
    api, make_dossier, desk_officer, citizen
):
    dossier = sent_back(make_dossier, desk_officer, items=[1, 2])
    # A file of the first filing does not count: the row asks for a new one.
    services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=1)
    dossier.refresh_from_db()
    with pytest.raises(TransitionNotAllowed) as refused:
        services.resubmit_dossier(dossier=dossier, by=citizen)
    assert "Giấy chứng sinh" in refused.value.message and "Tờ khai" not in refused.value.message

    api.force_authenticate(citizen)
    assert "resubmit" not in api.get(url(dossier)).json()["available_transitions"]
    conflict = api.post(url(dossier, "resubmit"), {}, format="json")
    assert conflict.status_code == 409 and conflict.json()["code"] == "not_allowed_now"
    assert "Giấy chứng sinh" in conflict.json()["detail"]

    services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=2)
    accepted = api.post(url(dossier, "resubmit"), {}, format="json")
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["state"] == State.RECEIVED


def test_the_supplement_page_shows_exactly_the_requested_rows_and_what_is_missing(
    client, make_dossier, desk_officer, citizen
):
    dossier = sent_back(make_dossier, desk_officer, items=[2], instructions="Chụp rõ nét")
    text = page(client, citizen, f"/ho-so/{dossier.pk}/bo-sung/").content.decode()
    assert 'id="item-2"' in text and 'id="item-1"' not in text
    assert "Chụp rõ nét" in text
    assert 'id="item-other"' in text  # somewhere to put what the text asks for

    dossier.refresh_from_db()
    refused = client.post(
        f"/ho-so/{dossier.pk}/bo-sung/", {"resubmit": "1", "revision": dossier.revision}
    )
    assert refused.status_code == 400
    body = refused.content.decode()
    assert 'id="supplement-missing"' in body and "Chưa tải lên tệp bổ sung" in body
    dossier.refresh_from_db()
    assert dossier.state == State.SUPPLEMENT_REQUESTED

    client.post(f"/ho-so/{dossier.pk}/bo-sung/", {"item": "2", "file": pdf()})
    dossier.refresh_from_db()
    done = client.post(
        f"/ho-so/{dossier.pk}/bo-sung/", {"resubmit": "1", "revision": dossier.revision}
    )
    assert done.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED


def test_the_desk_request_page_offers_the_checklist_rows(client, make_dossier, desk_officer):
    dossier = make_dossier("received")
    form = page(client, desk_officer, f"/ho-so/{dossier.pk}/thao-tac/request_supplement/")
    text = form.content.decode()
    assert 'name="items" value="1"' in text and 'name="items" value="2"' in text
    bad = client.post(
        f"/ho-so/{dossier.pk}/thao-tac/request_supplement/",
        {"items": ["7"], "reason": "x", "revision": dossier.revision},
    )
    assert bad.status_code == 200 and "items" in bad.context["form"].errors
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED


# --- round labels ---------------------------------------------------------------------------


def test_documents_say_first_filing_or_which_supplement(
    api, client, make_dossier, desk_officer, citizen
):
    dossier = make_dossier("draft")
    services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=1)
    services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=2)
    dossier.refresh_from_db()
    services.submit_dossier(dossier=dossier, by=citizen)
    services.request_supplement(dossier=dossier, by=desk_officer, items=[2], reason="Mờ")
    services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=2)

    text = page(client, citizen, f"/ho-so/{dossier.pk}/").content.decode()
    assert "Nộp lần đầu" in text and "Lần bổ sung 1" in text
    assert "Lần nộp 0" not in text
    supplement_page = client.get(f"/ho-so/{dossier.pk}/bo-sung/").content.decode()
    assert "Nộp lần đầu:" in supplement_page and "Lần nộp 0" not in supplement_page
    api.force_authenticate(citizen)
    labels = [row["round_display"] for row in api.get(url(dossier, "documents")).json()]
    assert labels == ["Nộp lần đầu", "Nộp lần đầu", "Lần bổ sung 1"]


# --- the handling agency's request and its 3 working days -----------------------------------

# Received on Friday 13 March 2026 at 10:00: three working days end on Wednesday 18 March,
# the weekend of 14-15 March not counted.
RECEIVED = datetime(2026, 3, 13, 10, 0, tzinfo=VN)


@pytest.fixture
def in_processing(make_dossier, frozen_clock):
    frozen_clock.move_to(RECEIVED)
    return make_dossier("processing", received_at=RECEIVED)


def test_the_agency_request_limit_is_three_working_days_after_receipt(in_processing):
    limit = supplements.agency_request_limit(in_processing)
    assert limit == calendar.due_at(RECEIVED, 3, "working_days")
    assert timezoneless(limit) == (2026, 3, 18)


def timezoneless(moment):
    local = moment.astimezone(VN)
    return (local.year, local.month, local.day)


def test_an_agency_request_in_time_is_recorded_without_a_warning(
    client, in_processing, frozen_clock, specialist, desk_officer
):
    frozen_clock.move_to(datetime(2026, 3, 18, 10, 0, tzinfo=VN))  # Wednesday
    services.ask_supplement(
        dossier=in_processing, by=specialist, items=[2], instructions="Bản gốc", reason="Sai tên"
    )
    in_processing.refresh_from_db()
    assert in_processing.state == State.PROCESSING
    assert in_processing.agency_supplement_by == specialist
    assert in_processing.agency_supplement_at == frozen_clock.now
    assert in_processing.agency_supplement == {
        "items": [2],
        "instructions": "Bản gốc",
        "reason": "Sai tên",
    }
    event = in_processing.events.get(kind="ask_supplement")
    assert event.details["late"] is False and event.actor == specialist
    text = page(client, desk_officer, f"/ho-so/{in_processing.pk}/").content.decode()
    assert 'id="agency-supplement"' in text
    assert "quá 03 ngày làm việc kể từ ngày tiếp nhận" not in text


def test_a_late_agency_request_is_recorded_with_the_warning_and_prefills_the_desk_form(
    api, client, in_processing, frozen_clock, leader, desk_officer
):
    frozen_clock.move_to(datetime(2026, 3, 19, 8, 0, tzinfo=VN))  # Thursday: one day late
    api.force_authenticate(leader)
    body = {"items": [1], "instructions": "Ký lại", "reason": "Thiếu chữ ký"}
    answer = api.post(url(in_processing, "ask_supplement"), body, format="json")
    assert answer.status_code == 200, answer.json()
    asked = answer.json()["agency_supplement"]
    assert asked["late"] is True and asked["items"] == [1]
    assert asked["requested_by"] == leader.get_full_name()
    event = in_processing.events.get(kind="ask_supplement")
    assert event.details["late"] is True

    text = page(client, desk_officer, f"/ho-so/{in_processing.pk}/").content.decode()
    assert "quá 03 ngày làm việc kể từ ngày tiếp nhận" in text
    form = client.get(f"/ho-so/{in_processing.pk}/thao-tac/request_supplement/")
    assert form.context["form"].initial["items"] == [1]
    assert form.context["form"].initial["reason"] == "Thiếu chữ ký"
    in_processing.refresh_from_db()
    sent = client.post(
        f"/ho-so/{in_processing.pk}/thao-tac/request_supplement/",
        {
            "items": ["1"],
            "instructions": "Ký lại",
            "reason": "Thiếu chữ ký",
            "revision": in_processing.revision,
        },
    )
    assert sent.status_code == 302
    in_processing.refresh_from_db()
    assert in_processing.state == State.SUPPLEMENT_REQUESTED
    assert in_processing.supplement_items == [1]


def test_only_the_handling_agency_asks_and_only_while_processing(
    make_dossier, desk_officer, specialist
):
    with pytest.raises(PermissionDenied):
        services.ask_supplement(
            dossier=make_dossier("processing"), by=desk_officer, items=[1], reason="x"
        )
    with pytest.raises(DossierConflict):
        services.ask_supplement(
            dossier=make_dossier("processing", supplement_round=1),
            by=specialist,
            items=[1],
            reason="x",
        )


# --- closing after the supplement period ----------------------------------------------------


def test_the_supplement_period_is_15_calendar_days_from_the_request(
    make_dossier, desk_officer, frozen_clock
):
    dossier = sent_back(make_dossier, desk_officer)  # Wednesday 11 March 2026, 09:30
    assert timezoneless(dossier.supplement_due_at) == (2026, 3, 26)
    assert dossier.supplement_due_at == calendar.due_at(frozen_clock.now, 15, "calendar_days")


def test_the_desk_closes_only_after_the_period(
    api, make_dossier, desk_officer, frozen_clock, django_capture_on_commit_callbacks
):
    dossier = sent_back(make_dossier, desk_officer)
    api.force_authenticate(desk_officer)
    frozen_clock.move_to(datetime(2026, 3, 26, 9, 0, tzinfo=VN))  # day 15, period still open
    early = api.post(url(dossier, "close_unsupplemented"), {}, format="json")
    assert early.status_code == 409
    assert "close_unsupplemented" not in api.get(url(dossier)).json()["available_transitions"]

    frozen_clock.move_to(datetime(2026, 3, 27, 8, 0, tzinfo=VN))
    assert "close_unsupplemented" in api.get(url(dossier)).json()["available_transitions"]
    closed = api.post(url(dossier, "close_unsupplemented"), {}, format="json")
    assert closed.status_code == 200, closed.json()
    assert closed.json()["state"] == State.STOPPED
    assert closed.json()["closing_reason"] == "Không hoàn thiện hồ sơ"
    event = dossier.events.get(kind="close_unsupplemented")
    assert event.actor == desk_officer and event.to_state == State.STOPPED


def test_a_procedure_may_set_its_own_supplement_period(make_dossier, desk_officer, frozen_clock):
    dossier = make_dossier("received")
    version = dossier.procedure_version
    version.content = {**version.content, "supplement_period_days": 5}
    version.save()
    services.request_supplement(dossier=dossier, by=desk_officer, items=[1], reason="Mờ")
    # Five days from Wednesday 11 March end on Monday 16 March.
    assert timezoneless(dossier.supplement_due_at) == (2026, 3, 16)
    frozen_clock.move_to(datetime(2026, 3, 16, 16, 0, tzinfo=VN))
    with pytest.raises(TransitionNotAllowed):
        services.close_unsupplemented(dossier=dossier, by=desk_officer)
    frozen_clock.move_to(datetime(2026, 3, 17, 8, 0, tzinfo=VN))
    services.close_unsupplemented(dossier=dossier, by=desk_officer)
    assert dossier.state == State.STOPPED


def test_the_page_closes_a_due_dossier(client, make_dossier, desk_officer, frozen_clock):
    dossier = sent_back(make_dossier, desk_officer)
    frozen_clock.move_to(datetime(2026, 3, 30, 9, 0, tzinfo=VN))
    dossier.refresh_from_db()
    detail = page(client, desk_officer, f"/ho-so/{dossier.pk}/").content.decode()
    assert 'data-action="close_unsupplemented"' in detail
    done = client.post(
        f"/ho-so/{dossier.pk}/thao-tac/close_unsupplemented/", {"revision": dossier.revision}
    )
    assert done.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.STOPPED and dossier.closing_reason == "Không hoàn thiện hồ sơ"


def test_the_command_closes_every_due_dossier_once_as_the_system(
    make_dossier, desk_officer, frozen_clock, capsys
):
    due = [sent_back(make_dossier, desk_officer) for _ in range(2)]
    frozen_clock.advance(timedelta(days=10))
    not_yet = sent_back(make_dossier, desk_officer)
    frozen_clock.move_to(datetime(2026, 3, 27, 9, 0, tzinfo=VN))

    call_command("close_unsupplemented")
    assert "Đã đóng 2 hồ sơ" in capsys.readouterr().out
    for dossier in due:
        dossier.refresh_from_db()
        assert dossier.state == State.STOPPED
        event = dossier.events.get(kind="close_unsupplemented")
        assert event.actor is None and "Hệ thống" in event.actor_name
        assert event.details["system"] is True
    not_yet.refresh_from_db()
    assert not_yet.state == State.SUPPLEMENT_REQUESTED

    call_command("close_unsupplemented")
    assert "Đã đóng 0 hồ sơ" in capsys.readouterr().out
    assert DossierEvent.objects.filter(kind="close_unsupplemented").count() == 2


def queue_queries(client, user) -> tuple[int, str]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/ho-so/viec-can-lam/")
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_desk_queue_lists_the_dossiers_due_for_closing_in_fixed_queries(
    client, make_dossier, desk_officer, frozen_clock
):
    first = sent_back(make_dossier, desk_officer)
    frozen_clock.advance(timedelta(days=12))
    later = sent_back(make_dossier, desk_officer)
    frozen_clock.move_to(datetime(2026, 3, 27, 9, 0, tzinfo=VN))
    few, text = queue_queries(client, desk_officer)
    assert 'id="due-for-closing"' in text
    assert first.code in text and later.code not in text

    frozen_clock.move_to(datetime(2026, 3, 11, 9, 30, tzinfo=VN))
    for _ in range(5):
        sent_back(make_dossier, desk_officer)
    frozen_clock.move_to(datetime(2026, 3, 27, 9, 0, tzinfo=VN))
    many, text = queue_queries(client, desk_officer)
    assert many == few
    assert text.count("thao-tac/close_unsupplemented/") == 6


@pytest.mark.postgres
def test_the_due_for_closing_list_is_served_by_its_index(make_dossier, desk_officer):
    at = datetime(2026, 3, 27, 9, 0, tzinfo=VN)
    query = Dossier.objects.filter(receiving_agency_id=desk_officer.agency_id).due_for_closing(at)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = query.order_by("supplement_due_at").explain()
        cursor.execute("SET enable_seqscan = on")
    assert "dossier_supplement_due_idx" in plan


def test_the_schema_documents_the_supplement_bodies_and_refusals(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    paths = schema["paths"]
    for name in ("request_supplement", "ask_supplement", "close_unsupplemented"):
        assert f"/api/v1/dossiers/{{id}}/{name}/" in paths
    request = paths["/api/v1/dossiers/{id}/request_supplement/"]["post"]
    assert "errors.items" in request["responses"]["400"]["description"]
    assert "một lần" in request["responses"]["409"]["description"]
    body = schema["components"]["schemas"]["SupplementInputRequest"]["properties"]
    assert body["items"]["items"]["type"] == "integer" and "instructions" in body
    detail = schema["components"]["schemas"]["DossierDetail"]["properties"]
    assert "agency_supplement" in detail
    assert "round_display" in schema["components"]["schemas"]["Document"]["properties"]
