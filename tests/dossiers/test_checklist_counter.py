"""Counter intake shows the checklist that applies at the counter with the applicant's case,
takes a tick per row received on paper, and refuses a dossier lacking an applicable
mandatory row, on the page and in the API.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers.models import Dossier, DossierDocument, State
from tests.dossiers.conftest import PDF_BYTES, as_user, pdf
from tests.dossiers.test_pages_citizen import page_text
from tests.factories import BIRTH_REGISTRATION_ROWS, checklist_version

LETTER = "Văn bản ủy quyền"
COUNTER_FORM = "Tờ khai bản giấy có chữ ký"


@pytest.fixture
def birth(procedure):
    checklist_version(procedure, BIRTH_REGISTRATION_ROWS)
    return procedure


@pytest.fixture
def desk(client, desk_officer):
    client.force_login(desk_officer)
    return client


def url(procedure) -> str:
    return f"/ho-so/tiep-nhan-truc-tiep/?thu_tuc={procedure.code}"


APPLICANT = {
    "applicant_kind": "person",
    "applicant_name": "Lê Văn Quầy",
    "applicant_id_number": "001090000123",
    "note": "Người nộp mang bản chính giấy chứng sinh",
}


def test_the_counter_form_lists_the_rows_that_apply_at_the_counter(desk, birth):
    response = desk.get(url(birth))
    text = page_text(response)
    assert "Anh/chị nộp thay người khác theo ủy quyền?" in text
    assert COUNTER_FORM in text
    assert "Một trong các giấy tờ sau" in text
    assert "Giấy chứng nhận kết hôn (nếu có)" in text
    assert LETTER not in text
    html = response.content.decode()
    assert 'name="paper_1"' in html
    assert 'name="paper_4"' not in html


def test_updating_the_case_adds_the_conditional_row_and_keeps_what_was_typed(desk, birth):
    response = desk.post(
        url(birth), {**APPLICANT, "channel": "counter", "dk_uy-quyen": "co", "cap_nhat": "1"}
    )
    assert response.status_code == 200
    assert LETTER in page_text(response)
    assert 'value="Lê Văn Quầy"' in response.content.decode()
    assert not Dossier.objects.exists()


def test_the_postal_channel_does_not_ask_for_the_counter_paper_form(desk, birth):
    response = desk.post(url(birth), {**APPLICANT, "channel": "postal", "cap_nhat": "1"})
    assert COUNTER_FORM not in page_text(response)


def test_a_dossier_lacking_an_applicable_row_is_refused_with_nothing_typed_lost(desk, birth):
    response = desk.post(
        url(birth),
        {
            **APPLICANT,
            "channel": "counter",
            "dk_uy-quyen": "co",
            "item_1": SimpleUploadedFile("to-khai.pdf", PDF_BYTES),
            "paper_2": "on",
        },
    )
    assert response.status_code == 400
    text = page_text(response)
    assert "Chưa tiếp nhận được: còn thiếu giấy tờ bắt buộc" in text
    assert LETTER in text.split("Chưa tiếp nhận được")[1]
    assert COUNTER_FORM in text.split("Chưa tiếp nhận được")[1]
    html = response.content.decode()
    assert 'value="Lê Văn Quầy"' in html
    assert "Người nộp mang bản chính giấy chứng sinh" in html
    assert 'name="paper_2" id="id_paper_2" checked' in html
    assert re.search(r'<input[^>]*value="co"[^>]*id="id_dk_uy-quyen_0"[^>]*checked', html)
    assert not Dossier.objects.exists()


def test_a_dossier_complete_with_paper_ticks_is_received(desk, birth):
    response = desk.post(
        url(birth),
        {
            **APPLICANT,
            "channel": "counter",
            "dk_uy-quyen": "khong",
            "item_1": SimpleUploadedFile("to-khai.pdf", PDF_BYTES),
            "paper_3": "on",
            "paper_5": "on",
        },
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.state == State.RECEIVED
    assert dossier.answers == {"uy-quyen": False}
    assert dossier.paper_items == [3, 5]
    assert dossier.missing_documents() == []


def test_the_detail_page_shows_each_applicable_row_uploaded_on_paper_or_missing(
    desk, birth, desk_officer, make_dossier
):
    dossier = make_dossier(
        "received", channel="counter", answers={"uy-quyen": True}, paper_items=[3]
    )
    DossierDocument.objects.create(
        dossier=dossier,
        item=1,
        item_name="Tờ khai đăng ký khai sinh",
        file="dossiers/x/to-khai.pdf",
        original_name="to-khai.pdf",
        size=10,
        content_type="application/pdf",
        sha256="0" * 64,
        uploaded_by=desk_officer,
        uploaded_at=dossier.created_at,
    )
    text = page_text(desk.get(f"/ho-so/{dossier.pk}/"))
    section = text.split("Thành phần hồ sơ theo danh mục")[1]
    assert "Tờ khai đăng ký khai sinh: Đã tải lên" in section
    assert "Văn bản của người làm chứng xác nhận việc sinh: Đã nhận bản giấy" in section
    assert f"{LETTER}: Còn thiếu" in section
    assert f"{COUNTER_FORM}: Còn thiếu" in section


# --- API ------------------------------------------------------------------------------------


def body(procedure, **fields):
    return {
        "procedure": procedure.code,
        "applicant_name": "Phạm Thị Quầy",
        "applicant_id_number": "001199000777",
        **fields,
    }


def test_the_api_refuses_a_counter_dossier_naming_what_is_missing(api, desk_officer, birth):
    response = as_user(api, desk_officer).post(
        "/api/v1/dossiers/counter-intake/",
        body(birth, files=[pdf()], items=["1"], answers='{"uy-quyen": true}'),
        format="multipart",
    )
    assert response.status_code == 400, response.json()
    message = response.json()["errors"]["documents"]
    assert LETTER in str(message) and COUNTER_FORM in str(message)
    assert not Dossier.objects.exists()


def test_the_api_receives_a_counter_dossier_with_paper_items(api, desk_officer, birth):
    response = as_user(api, desk_officer).post(
        "/api/v1/dossiers/counter-intake/",
        body(
            birth,
            files=[pdf()],
            items=["1"],
            answers='{"uy-quyen": false}',
            paper_items=["2", "5"],
        ),
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["answers"] == {"uy-quyen": False}
    assert data["paper_items"] == [2, 5]
    statuses = {row["item"]: row["status"] for row in data["checklist"]}
    assert statuses == {
        1: "uploaded",
        2: "paper",
        3: "not_needed",
        4: "not_applicable",
        5: "paper",
        6: "not_needed",
    }


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"answers": '{"khong-hoi": true}'}, "answers"),
        ({"answers": '{"uy-quyen": "co"}'}, "answers"),
        ({"answers": "[1]"}, "answers"),
        ({"paper_items": ["7"]}, "paper_items"),
        ({"paper_items": ["0"]}, "paper_items"),
        ({"paper_items": ["x"]}, "paper_items"),
    ],
)
def test_the_api_refuses_bad_answers_or_paper_items_naming_the_field(
    api, desk_officer, birth, fields, field
):
    response = as_user(api, desk_officer).post(
        "/api/v1/dossiers/counter-intake/",
        body(birth, files=[pdf()], items=["1"], **fields),
        format="multipart",
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Dossier.objects.exists()


def test_a_draft_takes_answers_and_refuses_unknown_ones(api, citizen, birth):
    as_user(api, citizen)
    refused = api.post(
        "/api/v1/dossiers/", {"procedure": birth.code, "answers": {"sai": True}}, format="json"
    )
    assert refused.status_code == 400
    assert "answers" in refused.json()["errors"]
    assert not Dossier.objects.exists()

    created = api.post("/api/v1/dossiers/", {"procedure": birth.code}, format="json")
    assert created.json()["answers"] == {}
    dossier_id = created.json()["id"]
    changed = api.patch(
        f"/api/v1/dossiers/{dossier_id}/", {"answers": {"uy-quyen": True}}, format="json"
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["answers"] == {"uy-quyen": True}
    letter = next(row for row in changed.json()["checklist"] if row["name"] == LETTER)
    assert letter["applies"] and letter["status"] == "missing"
    assert letter["condition"]["key"] == "uy-quyen"
    refused = api.patch(
        f"/api/v1/dossiers/{dossier_id}/", {"answers": {"uy-quyen": 1}}, format="json"
    )
    assert refused.status_code == 400
    assert "answers" in refused.json()["errors"]


def test_a_draft_cannot_be_given_paper_items(api, citizen, birth):
    as_user(api, citizen)
    created = api.post("/api/v1/dossiers/", {"procedure": birth.code}, format="json")
    response = api.patch(
        f"/api/v1/dossiers/{created.json()['id']}/", {"paper_items": [1]}, format="json"
    )
    assert response.status_code == 400
    assert "paper_items" in response.json()["errors"]


def test_the_dossier_page_costs_the_same_queries_however_many_files(
    desk, birth, desk_officer, make_dossier
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dossier = make_dossier("received", channel="counter", paper_items=[3])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert desk.get(f"/ho-so/{dossier.pk}/").status_code == 200
        return len(captured)

    def add_file(item: int) -> None:
        DossierDocument.objects.create(
            dossier=dossier,
            item=item,
            item_name=f"Thành phần {item}",
            file=f"dossiers/x/{item}.pdf",
            original_name=f"{item}.pdf",
            size=10,
            content_type="application/pdf",
            sha256="0" * 64,
            uploaded_by=desk_officer,
            uploaded_at=dossier.created_at,
        )

    add_file(1)
    queries()  # the first request of a session fills caches the next ones reuse
    few = queries()
    for item in (2, 4, 5, 6):
        add_file(item)
    assert queries() == few


def test_the_openapi_schema_describes_answers_paper_items_and_checklist_rows(client, db):
    schemas = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["components"][
        "schemas"
    ]
    for name in ("DraftCreateInputRequest", "PatchedDraftUpdateInputRequest"):
        assert schemas[name]["properties"]["answers"]["additionalProperties"] == {"type": "boolean"}
    intake = schemas["CounterIntakeInputRequest"]["properties"]
    assert "answers" in intake and intake["paper_items"]["items"]["type"] == "integer"
    detail = schemas["DossierDetail"]["properties"]
    assert "answers" in detail and "paper_items" in detail
    row = schemas["ChecklistRow"]["properties"]
    assert {"channels", "condition", "alternative_group", "applies", "status"} <= set(row)
