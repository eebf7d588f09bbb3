"""Receipt by the rules of Decree 118/2025: the code names the competent agency (Điều 28),
the desk answers an online dossier within 8 working hours (Điều 17(2)), the applicant sees
an indicative due date, withdrawal before the decision (Điều 21), state names without their
national code for citizens, and no e-mail for a draft.
"""

import datetime as dt
import re
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dossiers import deadlines, services, tasks
from dossiers.models import Dossier, DossierEvent, State
from onestop import calendar
from onestop.outbox.models import OutboxTask
from procedures.models import Channel
from tests.dossiers.conftest import as_user, pdf

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
FRIDAY_AFTER_FOUR = dt.datetime(2026, 3, 13, 16, 0, tzinfo=HCM)


def page_text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def submit_online(citizen, procedure) -> Dossier:
    dossier = services.create_draft(by=citizen, procedure=procedure)
    for item in (1, 2):
        services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=item)
    return services.submit_dossier(dossier=dossier, by=citizen)


def receive_at_counter(desk, procedure, handling_agency=None) -> Dossier:
    return services.counter_intake(
        by=desk,
        procedure=procedure,
        handling_agency=handling_agency,
        applicant=services.Applicant(name="Lê Văn Quầy", id_number="001099000123"),
        documents=[services.DocumentUpload(upload=pdf(), item=1)],
        paper_items=[2],
    )


# --- codes (Điều 28) ------------------------------------------------------------------------


def test_a_dossier_received_for_another_agency_carries_the_competent_agencys_code(
    frozen_clock, procedure, agency, other_agency, desk_officer
):
    procedure.agencies.add(other_agency)
    own = receive_at_counter(desk_officer, procedure)
    for_other = receive_at_counter(desk_officer, procedure, handling_agency=other_agency)
    assert own.code == f"{agency.code}-260311-0001"
    # Numbered in the handling agency's own sequence of the day, not the desk's.
    assert for_other.code == f"{other_agency.code}-260311-0001"
    assert for_other.receiving_agency == agency and for_other.handling_agency == other_agency


def test_an_inter_agency_procedure_is_coded_with_the_receiving_desk(
    frozen_clock, procedure, agency, other_agency, desk_officer
):
    procedure.is_inter_agency = True
    procedure.save()
    dossier = receive_at_counter(desk_officer, procedure, handling_agency=other_agency)
    assert dossier.code == f"{agency.code}-260311-0001"


def test_an_online_dossier_is_coded_at_submission_with_its_handling_agency(
    frozen_clock, citizen, procedure, agency, other_agency
):
    dossier = services.create_draft(by=citizen, procedure=procedure)
    Dossier.objects.filter(pk=dossier.pk).update(handling_agency=other_agency)
    dossier.refresh_from_db()
    for item in (1, 2):
        services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=item)
    services.submit_dossier(dossier=dossier, by=citizen)
    assert dossier.code == f"{other_agency.code}-260311-0001"

    procedure.is_inter_agency = True
    procedure.save()
    linked = services.create_draft(by=citizen, procedure=procedure)
    Dossier.objects.filter(pk=linked.pk).update(handling_agency=other_agency)
    linked.refresh_from_db()
    for item in (1, 2):
        services.attach_document(dossier=linked, by=citizen, upload=pdf(), item=item)
    services.submit_dossier(dossier=linked, by=citizen)
    assert linked.code == f"{agency.code}-260311-0001"


# --- the desk's 8 working hours (Điều 17(2)(c)) ---------------------------------------------


def test_eight_working_hours_from_friday_after_four_end_on_monday_afternoon(
    frozen_clock, citizen, procedure
):
    # 16:00-17:00 on Friday, 07:30-11:30 and 13:30-16:30 on Monday: 1 + 4 + 3 hours.
    frozen_clock.move_to(FRIDAY_AFTER_FOUR)
    dossier = submit_online(citizen, procedure)
    assert dossier.intake_due_at == dt.datetime(2026, 3, 16, 16, 30, tzinfo=HCM)
    dossier.refresh_from_db()
    assert dossier.intake_due_at == dt.datetime(2026, 3, 16, 16, 30, tzinfo=HCM)


def test_a_submission_in_the_morning_is_due_the_next_morning(db, frozen_clock):
    # Wednesday 09:30: 2 + 3.5 hours that day, 2.5 on Thursday.
    assert deadlines.intake_due(frozen_clock.now) == dt.datetime(2026, 3, 12, 10, 0, tzinfo=HCM)


def test_a_submission_on_saturday_counts_from_monday_opening(db, frozen_clock):
    saturday = dt.datetime(2026, 3, 14, 10, 0, tzinfo=HCM)
    assert deadlines.intake_due(saturday) == dt.datetime(2026, 3, 17, 8, 0, tzinfo=HCM)


def test_the_intake_queue_is_sorted_by_intake_deadline_and_marks_the_late_ones(
    frozen_clock, client, desk_officer, make_dossier
):
    now = frozen_clock.now
    later = make_dossier("submitted", intake_due_at=now + dt.timedelta(hours=6))
    late = make_dossier("submitted", intake_due_at=now - dt.timedelta(hours=1))
    soon = make_dossier("submitted", intake_due_at=now + dt.timedelta(hours=1))
    make_dossier("received")  # not waiting for the check
    client.force_login(desk_officer)
    response = client.get("/ho-so/tiep-nhan/")
    shown = [dossier.code for dossier in response.context["page"].object_list]
    assert shown == [late.code, soon.code, later.code]
    html = response.content.decode()
    assert html.count("Quá hạn tiếp nhận") == 1 and html.count("deadline-overdue") == 1
    assert "Hạn tiếp nhận" in html


def test_the_intake_queue_costs_the_same_queries_for_three_dossiers_as_for_twelve(
    frozen_clock, client, desk_officer, make_dossier
):
    client.force_login(desk_officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/ho-so/tiep-nhan/").status_code == 200
        return len(captured)

    for hours in range(3):
        make_dossier("submitted", intake_due_at=frozen_clock.now + dt.timedelta(hours=hours))
    few = queries()
    for hours in range(9):
        make_dossier("submitted", intake_due_at=frozen_clock.now + dt.timedelta(hours=hours))
    assert queries() == few


def test_the_api_lists_and_details_the_intake_deadline(frozen_clock, api, citizen, procedure):
    dossier = submit_online(citizen, procedure)
    as_user(api, citizen)
    detail = api.get(f"/api/v1/dossiers/{dossier.pk}/").json()
    assert detail["intake_due_at"] == "2026-03-12T10:00:00+07:00"
    (row,) = api.get("/api/v1/dossiers/").json()["results"]
    assert row["intake_due_at"] == detail["intake_due_at"]


def test_a_dossier_back_from_a_supplement_before_acceptance_gets_eight_new_hours(
    frozen_clock, citizen, procedure, desk_officer
):
    dossier = submit_online(citizen, procedure)
    services.request_supplement(dossier=dossier, by=desk_officer, items=[1], reason="Mờ")
    frozen_clock.move_to(FRIDAY_AFTER_FOUR)
    services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=1)
    dossier.refresh_from_db()
    services.resubmit_dossier(dossier=dossier, by=citizen)
    assert dossier.state == State.SUBMITTED
    assert dossier.intake_due_at == dt.datetime(2026, 3, 16, 16, 30, tzinfo=HCM)


# --- the indicative due date -----------------------------------------------------------------


def test_after_submitting_the_citizen_sees_the_time_limit_and_an_indicative_due_date(
    frozen_clock, client, citizen, procedure
):
    dossier = services.create_draft(by=citizen, procedure=procedure)
    for item in (1, 2):
        services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=item)
    client.force_login(citizen)
    dossier.refresh_from_db()
    response = client.post(
        f"/ho-so/{dossier.pk}/xem-lai/", {"revision": dossier.revision}, follow=True
    )
    text = page_text(response)
    expected = calendar.due_at(frozen_clock.now, 5, "working_days")
    assert "Thời hạn giải quyết 5 ngày làm việc" in text
    assert f"Ngày hẹn trả dự kiến {expected:%H:%M %d/%m/%Y} Dự kiến" in text
    assert "Chỉ để tham khảo" in text
    assert 'class="indicative-due"' in response.content.decode()


def test_the_submit_response_carries_the_indicative_due_date_until_acceptance(
    frozen_clock, api, citizen, procedure, desk_officer
):
    dossier = services.create_draft(by=citizen, procedure=procedure)
    for item in (1, 2):
        services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=item)
    as_user(api, citizen)
    data = api.post(f"/api/v1/dossiers/{dossier.pk}/submit/", {}, format="json").json()
    expected = calendar.due_at(frozen_clock.now, 5, "working_days")
    assert data["indicative_due_at"] == expected.isoformat()
    assert data["due_at"] is None
    assert data["time_limit"] == {
        "amount": 5.0,
        "unit": "working_days",
        "unit_display": "ngày làm việc",
    }
    dossier.refresh_from_db()
    services.accept_dossier(dossier=dossier, by=desk_officer)
    accepted = api.get(f"/api/v1/dossiers/{dossier.pk}/").json()
    assert accepted["indicative_due_at"] is None and accepted["due_at"]


def test_a_received_dossier_shows_its_real_due_date_not_an_indicative_one(
    frozen_clock, client, citizen, make_dossier
):
    dossier = make_dossier("received")
    client.force_login(citizen)
    text = page_text(client.get(f"/ho-so/{dossier.pk}/"))
    assert "dự kiến" not in text.lower() and "Hẹn trả kết quả" in text


# --- withdrawal (Điều 21) --------------------------------------------------------------------


def test_the_applicant_withdraws_a_dossier_waiting_for_fees(make_dossier, citizen):
    dossier = make_dossier("awaiting_payment")
    services.withdraw_dossier(dossier=dossier, by=citizen, reason="Không cần nữa")
    dossier.refresh_from_db()
    assert dossier.state == State.WITHDRAWN and dossier.finished_at is not None
    assert dossier.closing_reason == "Không cần nữa"
    assert dossier.events.get().kind == DossierEvent.Kind.WITHDRAW


def test_the_desk_withdraws_a_dossier_waiting_for_fees_through_the_api(
    api, make_dossier, desk_officer
):
    dossier = make_dossier("awaiting_payment")
    as_user(api, desk_officer)
    assert "withdraw" in api.get(f"/api/v1/dossiers/{dossier.pk}/").json()["available_transitions"]
    response = api.post(
        f"/api/v1/dossiers/{dossier.pk}/withdraw/", {"reason": "Theo đơn"}, format="json"
    )
    assert response.status_code == 200 and response.json()["state"] == "withdrawn"


def test_no_withdrawal_after_the_decision(api, make_dossier, citizen):
    dossier = make_dossier("resolved")
    as_user(api, citizen)
    assert api.post(f"/api/v1/dossiers/{dossier.pk}/withdraw/", {}).status_code == 409


# --- state names without their national code for citizens -----------------------------------


def test_citizen_pages_name_the_state_without_its_national_code(
    client, citizen, desk_officer, make_dossier
):
    dossier = make_dossier("processing")
    client.force_login(citizen)
    for path in ("/ho-so/", f"/ho-so/{dossier.pk}/"):
        text = page_text(client.get(path))
        assert "Đang xử lý" in text and "4. Đang xử lý" not in text
        assert "Mã trạng thái" not in text
    client.force_login(desk_officer)
    assert "4. Đang xử lý" in page_text(client.get(f"/ho-so/{dossier.pk}/"))
    assert "4. Đang xử lý" in page_text(client.get("/ho-so/"))


def test_tracking_names_the_state_without_its_national_code(make_dossier):
    from django.test import Client

    dossier = make_dossier("processing", applicant_id_number="001090004321")
    text = page_text(Client(REMOTE_ADDR="10.9.8.7").get("/tra-cuu/", {"ma": dossier.code}))
    assert "4." not in text.replace(dossier.code, "")
    detailed = Client(REMOTE_ADDR="10.9.8.6").get("/tra-cuu/", {"ma": dossier.code, "cccd": "4321"})
    text = page_text(detailed)
    assert "Đang xử lý" in text and "4. Đang xử lý" not in text and "Mã trạng thái" not in text


def test_the_e_mail_names_the_state_without_its_national_code(
    make_dossier, desk_officer, django_capture_on_commit_callbacks
):
    dossier = make_dossier("received")
    with django_capture_on_commit_callbacks(execute=True):
        services.start_processing(dossier=dossier, by=desk_officer)
    (message,) = mail.outbox
    assert "Đang xử lý" in message.subject and "4" not in message.subject.replace(dossier.code, "")
    assert "Trạng thái: Đang xử lý." in message.body


# --- no e-mail for a draft ------------------------------------------------------------------


def test_creating_a_draft_sends_no_e_mail_but_submitting_does(
    citizen, procedure, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = services.create_draft(by=citizen, procedure=procedure)
    assert mail.outbox == [] and not OutboxTask.objects.exists()
    for item in (1, 2):
        services.attach_document(dossier=dossier, by=citizen, upload=pdf(), item=item)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_dossier(dossier=dossier, by=citizen)
    (message,) = mail.outbox
    assert "Mới đăng ký" in message.subject


def test_a_draft_started_through_the_api_sends_no_e_mail(
    api, citizen, procedure, django_capture_on_commit_callbacks
):
    as_user(api, citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/dossiers/", {"procedure": procedure.code})
    assert response.status_code == 201 and mail.outbox == []
    event = DossierEvent.objects.get(kind=DossierEvent.Kind.CREATE)
    assert event.dossier.channel == Channel.ONLINE
    assert not tasks.ApplicantNotice.objects.filter(event=event).exists()


# --- where each role lands after signing in --------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("citizen", "/ho-so/"),
        ("desk_officer", "/ho-so/tiep-nhan/"),
        ("specialist", "/ho-so/viec-can-lam/"),
        ("leader", "/ho-so/viec-can-lam/"),
        ("supervisor", "/ho-so/"),
        ("administrator", "/quan-tri/"),
    ],
)
def test_each_role_lands_where_its_work_is(db, request, client, persona, landing):
    user = request.getfixturevalue(persona)
    response = client.post(
        "/tai-khoan/dang-nhap/",
        {"username": user.username, "password": "onestop-test"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == landing
    assert response.status_code == 200


def test_a_safe_next_wins_and_an_outside_one_is_ignored(client, desk_officer, procedure):
    credentials = {"username": desk_officer.username, "password": "onestop-test"}
    asked = client.post(f"/tai-khoan/dang-nhap/?next=/thu-tuc/{procedure.code}/", credentials)
    assert asked.url == f"/thu-tuc/{procedure.code}/"
    client.logout()
    outside = client.post(
        "/tai-khoan/dang-nhap/?next=https://evil.example/", credentials, follow=True
    )
    assert outside.redirect_chain[-1][0] == "/ho-so/tiep-nhan/"


def test_the_schema_documents_the_intake_and_indicative_fields(client, db):
    schemas = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["components"]
    detail = schemas["schemas"]["DossierDetail"]["properties"]
    for name in ("intake_due_at", "indicative_due_at", "time_limit"):
        assert detail[name]["readOnly"] is True, name
    assert schemas["schemas"]["DossierList"]["properties"]["intake_due_at"]["readOnly"] is True
