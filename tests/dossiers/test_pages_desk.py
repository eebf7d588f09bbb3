"""The officers' pages: intake queue, counter intake, the agency's list with its filters,
and the actions of the dossier page, each calling the workflow's one service.
"""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dossiers.models import Dossier, DossierEvent, State
from tests.dossiers.conftest import PDF_BYTES, with_result


def page_text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def shown_actions(response) -> set[str]:
    return set(re.findall(r'data-action="([a-z_]+)"', response.content.decode()))


def as_(client, user):
    client.force_login(user)
    return client


def test_counter_intake_receives_a_dossier_with_code_and_due_date(client, desk_officer, procedure):
    as_(client, desk_officer)
    form = client.get("/ho-so/tiep-nhan-truc-tiep/", {"thu_tuc": procedure.code})
    assert form.status_code == 200
    assert 'name="item_1"' in form.content.decode()
    response = client.post(
        f"/ho-so/tiep-nhan-truc-tiep/?thu_tuc={procedure.code}",
        {
            "applicant_kind": "person",
            "applicant_name": "Lê Văn Quầy",
            "applicant_id_number": "001090000123",
            "channel": "counter",
            "item_1": SimpleUploadedFile("to-khai.pdf", PDF_BYTES),
            "paper_2": "on",
        },
        follow=True,
    )
    dossier = Dossier.objects.get()
    assert dossier.state == State.RECEIVED
    assert dossier.channel == "counter"
    assert dossier.code and dossier.due_at
    assert response.redirect_chain[-1][0] == f"/ho-so/{dossier.pk}/"
    text = page_text(response)
    assert f"Đã tiếp nhận hồ sơ {dossier.code}" in text
    assert timezone.localtime(dossier.due_at).strftime("%d/%m/%Y") in text
    assert dossier.documents.get().item == 1
    assert dossier.paper_items == [2]


def test_counter_intake_keeps_what_was_typed_when_the_applicant_is_invalid(
    client, desk_officer, procedure
):
    as_(client, desk_officer)
    response = client.post(
        f"/ho-so/tiep-nhan-truc-tiep/?thu_tuc={procedure.code}",
        {
            "applicant_kind": "person",
            "applicant_name": "Lê Văn Quầy",
            "applicant_id_number": "123",
            "channel": "counter",
        },
    )
    assert response.status_code == 400
    assert 'id="id_applicant_id_number_error"' in response.content.decode()
    assert "CCCD" in page_text(response)
    assert 'value="Lê Văn Quầy"' in response.content.decode()
    assert not Dossier.objects.exists()


def test_counter_intake_is_for_desk_officers_only(client, specialist):
    assert as_(client, specialist).get("/ho-so/tiep-nhan-truc-tiep/").status_code == 403


def test_the_intake_queue_lists_the_submitted_online_dossiers(client, desk_officer, make_dossier):
    waiting, received = make_dossier("submitted"), make_dossier("received")
    text = page_text(as_(client, desk_officer).get("/ho-so/tiep-nhan/"))
    assert waiting.code in text
    assert received.code not in text


@pytest.mark.parametrize(
    ("persona", "state", "expected"),
    [
        ("desk_officer", "submitted", {"accept", "refuse", "request_supplement", "withdraw"}),
        ("desk_officer", "received", {"request_supplement", "start_processing", "withdraw"}),
        ("desk_officer", "resolved", {"return_result"}),
        ("desk_officer", "returned", set()),
        (
            "specialist",
            "processing",
            {"forward", "ask_supplement", "submit_for_decision", "request_payment"},
        ),
        ("leader", "processing", {"ask_supplement", "extend", "approve", "reject", "stop"}),
        ("leader", "submitted", set()),
        ("citizen", "submitted", {"withdraw"}),
        ("citizen", "processing", {"withdraw"}),
        ("supervisor", "processing", set()),
    ],
)
def test_only_the_buttons_the_user_may_press_now_are_shown(
    client, request, make_dossier, persona, state, expected
):
    dossier = make_dossier(state)
    response = as_(client, request.getfixturevalue(persona)).get(f"/ho-so/{dossier.pk}/")
    assert shown_actions(response) == expected


ACTION_INPUTS = [
    ("desk_officer", "submitted", "accept", {}, State.RECEIVED),
    ("desk_officer", "submitted", "refuse", {"reason": "Sai thẩm quyền"}, State.NOT_ACCEPTED),
    (
        "desk_officer",
        "received",
        "request_supplement",
        {"items": ["1", "2"], "reason": "Thiếu giấy tờ"},
        State.SUPPLEMENT_REQUESTED,
    ),
    ("desk_officer", "supplement_requested", "resubmit", {}, State.RECEIVED),
    ("desk_officer", "received", "start_processing", {}, State.PROCESSING),
    ("desk_officer", "awaiting_payment", "confirm_payment", {}, State.PROCESSING),
    ("desk_officer", "submitted", "withdraw", {"reason": "Theo đơn"}, State.WITHDRAWN),
    ("desk_officer", "resolved", "return_result", {}, State.RETURNED),
    ("specialist", "processing", "request_payment", {"amount_vnd": "8000"}, State.AWAITING_PAYMENT),
    ("leader", "processing", "approve", {}, State.RESOLVED),
    ("leader", "processing", "reject", {"reason": "Không đủ điều kiện"}, State.RESOLVED),
    ("leader", "processing", "stop", {"reason": "Có tranh chấp"}, State.STOPPED),
]


@pytest.mark.parametrize(("persona", "state", "name", "data", "target"), ACTION_INPUTS)
def test_each_action_through_the_page_changes_the_state_by_its_service(
    client, request, make_dossier, persona, state, name, data, target
):
    dossier = make_dossier(state)
    user = request.getfixturevalue(persona)
    if name in ("approve", "reject"):  # a decision needs its result document
        dossier = with_result(dossier, user)
    response = as_(client, user).post(
        f"/ho-so/{dossier.pk}/thao-tac/{name}/", {**data, "revision": dossier.revision}, follow=True
    )
    dossier.refresh_from_db()
    assert dossier.state == target
    assert response.redirect_chain[-1][0] == f"/ho-so/{dossier.pk}/"
    event = dossier.events.get(kind=name)
    assert event.actor == user


def test_forwarding_to_a_specialist_through_the_page(client, specialist, make_dossier):
    dossier = make_dossier("processing")
    as_(client, specialist).post(
        f"/ho-so/{dossier.pk}/thao-tac/forward/",
        {"specialist": specialist.pk, "revision": dossier.revision},
    )
    dossier.refresh_from_db()
    assert dossier.assigned_specialist == specialist
    assert dossier.events.filter(kind="forward").count() == 1


def test_extending_through_the_page_sets_the_new_due_date(client, leader, make_dossier):
    dossier = make_dossier("processing")
    new_due = timezone.localtime(dossier.due_at + timedelta(days=7))
    as_(client, leader).post(
        f"/ho-so/{dossier.pk}/thao-tac/extend/",
        {
            "new_due_at": new_due.strftime("%Y-%m-%dT%H:%M"),
            "reason": "Cần xác minh",
            "revision": dossier.revision,
        },
    )
    dossier.refresh_from_db()
    assert dossier.extended_at is not None
    assert timezone.localtime(dossier.due_at).replace(second=0, microsecond=0) == new_due.replace(
        second=0, microsecond=0
    )


def test_a_concurrent_change_shows_the_changed_message_and_changes_nothing(
    client, desk_officer, make_dossier
):
    dossier = make_dossier("submitted")
    seen = dossier.revision
    Dossier.objects.filter(pk=dossier.pk).update(revision=seen + 1)  # another officer's change
    response = as_(client, desk_officer).post(
        f"/ho-so/{dossier.pk}/thao-tac/accept/", {"revision": seen}, follow=True
    )
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert "Hồ sơ vừa được thay đổi" in page_text(response)
    assert not DossierEvent.objects.filter(dossier=dossier, kind="accept").exists()


def test_a_concurrent_change_keeps_the_typed_reason_on_the_form(client, leader, make_dossier):
    dossier = make_dossier("processing")
    seen = dossier.revision
    Dossier.objects.filter(pk=dossier.pk).update(revision=seen + 1)
    response = as_(client, leader).post(
        f"/ho-so/{dossier.pk}/thao-tac/reject/", {"reason": "Hồ sơ giả mạo", "revision": seen}
    )
    assert response.status_code == 200
    assert "Hồ sơ vừa được thay đổi" in page_text(response)
    assert "Hồ sơ giả mạo" in response.content.decode()
    assert f'name="revision" value="{seen + 1}"' in response.content.decode()


def test_a_missing_reason_is_an_error_on_its_field(client, desk_officer, make_dossier):
    dossier = make_dossier("submitted")
    response = as_(client, desk_officer).post(
        f"/ho-so/{dossier.pk}/thao-tac/refuse/", {"reason": "  ", "revision": dossier.revision}
    )
    assert response.status_code == 200
    assert 'id="id_reason_error"' in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED


def test_an_action_the_user_may_not_take_shows_a_message(client, specialist, make_dossier):
    dossier = make_dossier("submitted")
    response = as_(client, specialist).post(
        f"/ho-so/{dossier.pk}/thao-tac/accept/", {"revision": dossier.revision}, follow=True
    )
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert "không có quyền" in page_text(response)


def test_irreversible_actions_ask_for_confirmation(client, desk_officer, make_dossier):
    dossier = make_dossier("resolved")
    response = as_(client, desk_officer).get(f"/ho-so/{dossier.pk}/thao-tac/return_result/")
    assert "không thể hoàn tác" in page_text(response)
    assert "Xác nhận: Trả kết quả" in page_text(response)
    dossier.refresh_from_db()
    assert dossier.state == State.RESOLVED


def test_the_agency_list_searches_code_and_name_ignoring_accents(
    client, desk_officer, make_dossier
):
    found = make_dossier("received", applicant_name="Trần Thị Đào")
    other = make_dossier("received", applicant_name="Lê Văn Bình")
    text = page_text(as_(client, desk_officer).get("/ho-so/", {"q": "tran thi dao"}))
    assert found.code in text
    assert other.code not in text


def test_the_agency_list_filters_overdue_and_state(
    frozen_clock, client, desk_officer, make_dossier
):
    # Two working days late on a Wednesday morning; on a Monday it would be a few hours.
    late = make_dossier("processing", due_at=frozen_clock.now - timedelta(days=2))
    on_time = make_dossier("processing")
    submitted = make_dossier("submitted")
    as_(client, desk_officer)
    overdue = page_text(client.get("/ho-so/", {"overdue": "true"}))
    assert late.code in overdue and on_time.code not in overdue
    assert "Quá hạn 2 ngày" in overdue
    by_state = page_text(client.get("/ho-so/", {"state": "submitted"}))
    assert submitted.code in by_state and late.code not in by_state


def test_a_supervisor_filters_by_one_of_the_agencies_under_them(
    client, supervisor, make_dossier, agency
):
    mine = make_dossier("received")
    client.force_login(supervisor)
    response = client.get("/ho-so/", {"agency": agency.code})
    assert 'name="agency"' in response.content.decode()
    assert mine.code in page_text(response)
    elsewhere = client.get("/ho-so/", {"agency": supervisor.agency.code})
    assert mine.code not in page_text(elsewhere)


def test_an_officer_of_one_agency_has_no_agency_filter(client, desk_officer):
    client.force_login(desk_officer)
    assert 'name="agency"' not in client.get("/ho-so/").content.decode()


def test_counter_intake_refuses_a_disguised_file_and_creates_nothing(
    client, desk_officer, procedure
):
    as_(client, desk_officer)
    response = client.post(
        f"/ho-so/tiep-nhan-truc-tiep/?thu_tuc={procedure.code}",
        {
            "applicant_kind": "person",
            "applicant_name": "Lê Văn Quầy",
            "applicant_id_number": "001090000123",
            "channel": "postal",
            "item_1": SimpleUploadedFile("to-khai.pdf", b"<html><script>x</script></html>"),
        },
    )
    assert response.status_code == 400
    assert "không phải PDF, JPEG hay PNG" in page_text(response)
    assert 'value="Lê Văn Quầy"' in response.content.decode()
    assert not Dossier.objects.exists()
