"""Checklist rows that say when they apply: the exchange keys, corrections and the page."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from procedures import corrections
from procedures.exchange import CatalogueInvalid, import_catalogue, procedure_to_dict
from procedures.models import (
    ChecklistCorrection,
    Procedure,
    ProcedureVersion,
    ProcessingTime,
    RequiredDocument,
    TimeUnit,
)
from procedures.portal_records.applicability import WELL_KNOWN
from procedures.portal_records.fees import read_fees, sets_a_fee
from procedures.portal_records.text import repair_displaced_fragment
from tests.factories import FeeFactory, ProcedureFactory, UserFactory
from tests.procedures.test_exchange import record
from tests.procedures.test_pages import page_text

UY_QUYEN = {"key": "uy-quyen", "question": WELL_KNOWN["uy-quyen"]}
PAPER_FORM = (
    "Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình "
    "thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính)"
)


def row(name: str, **keys: Any) -> dict[str, Any]:
    return {
        "name": name,
        "form": "original",
        "quantity": 1,
        "is_mandatory": True,
        "template_name": "",
        "channels": [],
        "condition": None,
        "alternative_group": "",
        "template_url": "",
        **keys,
    }


def birth(**changes: Any) -> dict[str, Any]:
    """A birth registration record as the build writes it: the paper form is counter-only."""
    documents = [
        row("Văn bản ủy quyền", condition=UY_QUYEN),
        row(PAPER_FORM, channels=["counter"], template_name="Mẫu số 29.docx"),
        row("Giấy chứng sinh"),
    ]
    return record("1.001193", documents=documents, **changes)


# --- exchange format ---------------------------------------------------------------------------


def test_the_new_row_keys_round_trip(db):
    documents = [
        row("Văn bản ủy quyền", condition=UY_QUYEN),
        row(PAPER_FORM, channels=["counter", "postal"], template_url="https://mau.vn/29.docx"),
        row("Giấy khai sinh", alternative_group="nhom-1"),
        row("Trích lục khai sinh", alternative_group="nhom-1", is_mandatory=False),
    ]
    import_catalogue([record("1.001193", documents=copy.deepcopy(documents))])
    procedure = Procedure.objects.get(code="1.001193")
    assert procedure_to_dict(procedure)["documents"] == documents
    assert ProcedureVersion.objects.get(procedure=procedure).content["documents"] == documents


def test_a_format_version_1_file_without_the_keys_imports_with_the_defaults(db):
    old = {"name": "Tờ khai", "form": "original", "quantity": 1, "is_mandatory": True}
    old_with_template = {**old, "name": "Giấy chứng sinh", "template_name": ""}
    import_catalogue([record(documents=[old, old_with_template])])
    exported = procedure_to_dict(Procedure.objects.get())["documents"]
    assert exported == [row("Tờ khai"), row("Giấy chứng sinh")]


def test_rows_sharing_a_condition_key_must_share_its_question(db):
    documents = [
        row("Văn bản ủy quyền", condition=UY_QUYEN),
        row(
            "Giấy tờ của người được ủy quyền",
            condition={"key": "uy-quyen", "question": "Ủy quyền?"},
        ),
    ]
    with pytest.raises(CatalogueInvalid) as caught:
        import_catalogue([record(documents=documents)])
    [error] = caught.value.errors
    assert error.field == "documents[1].condition.question"
    assert WELL_KNOWN["uy-quyen"] in error.message


# --- corrections ---------------------------------------------------------------------------


def correct_paper_form(**values: Any) -> ChecklistCorrection:
    defaults = {
        # Named as an administrator might type it: case and accents do not matter.
        "row_name": PAPER_FORM.upper(),
        "channels": ["counter", "postal"],
        "template_url": "https://mau.vn/29.docx",
    }
    return ChecklistCorrection.objects.create(procedure_code="1.001193", **{**defaults, **values})


def test_a_correction_applies_to_the_rows_and_the_current_version_at_once(db):
    import_catalogue([birth()])
    procedure = Procedure.objects.get()

    applied = corrections.apply_correction(correct_paper_form())

    assert applied.rows == 1 and applied.version == 1
    paper = RequiredDocument.objects.get(procedure=procedure, order=1)
    assert (paper.channels, paper.template_url) == (["counter", "postal"], "https://mau.vn/29.docx")
    version = ProcedureVersion.objects.get(procedure=procedure)
    names = [document["name"] for document in version.content["documents"]]
    assert names == ["Văn bản ủy quyền", PAPER_FORM, "Giấy chứng sinh"]  # positions unchanged
    assert version.content["documents"][1]["channels"] == ["counter", "postal"]
    assert version.content["documents"][1]["template_url"] == "https://mau.vn/29.docx"
    # The content still equals the procedure, so nothing new is versioned.
    assert version.content == procedure_to_dict(procedure)
    procedure.refresh_from_db()
    assert procedure.version == 1


def test_a_correction_survives_reimporting_the_rebuilt_catalogue(db):
    import_catalogue([birth()])
    corrections.apply_correction(correct_paper_form())

    # The rebuilt file still says what the rules said: counter only, no link.
    summary = import_catalogue([birth()])

    assert (summary.unchanged, summary.versions) == (1, 0)
    paper = procedure_to_dict(Procedure.objects.get())["documents"][1]
    assert paper["channels"] == ["counter", "postal"]

    # A real change to the procedure makes a new version, which holds the correction.
    summary = import_catalogue([birth(name="Đăng ký khai sinh (sửa)")])
    assert summary.versions == 1
    latest = ProcedureVersion.objects.get(number=2)
    assert latest.content["documents"][1]["channels"] == ["counter", "postal"]
    assert latest.content["documents"][1]["template_url"] == "https://mau.vn/29.docx"


def test_a_correction_saved_before_the_procedure_exists_applies_on_import(db):
    correct_paper_form(
        channels=[], condition_key="uy-quyen", condition_question=UY_QUYEN["question"]
    )
    import_catalogue([birth()])
    paper = ProcedureVersion.objects.get().content["documents"][1]
    assert (paper["channels"], paper["condition"]) == ([], UY_QUYEN)


@pytest.fixture
def superuser_client(db) -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_an_administrator_corrects_a_row_in_the_admin(superuser_client):
    import_catalogue([birth()])
    response = superuser_client.post(
        reverse("admin:procedures_checklistcorrection_add"),
        {
            "procedure_code": "1.001193",
            "row_name": "giay chung sinh",
            "is_mandatory": "on",
            "channels": ["online"],
            "condition_key": "uy-quyen",
            "condition_question": "",
            "alternative_group": "",
            "template_url": "",
            "note": "Thử",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    certificate = ProcedureVersion.objects.get().content["documents"][2]
    # A well-known key brings its fixed question.
    assert certificate["condition"] == UY_QUYEN
    assert certificate["channels"] == ["online"]


def test_the_admin_refuses_a_row_the_procedure_does_not_have(superuser_client):
    import_catalogue([birth()])
    response = superuser_client.post(
        reverse("admin:procedures_checklistcorrection_add"),
        {"procedure_code": "1.001193", "row_name": "Sổ hộ khẩu", "is_mandatory": "on"},
    )
    assert response.status_code == 200
    assert "không có giấy tờ nào tên như vậy" in response.content.decode()
    assert not ChecklistCorrection.objects.exists()


# --- procedure page ----------------------------------------------------------------------------


def test_the_page_says_when_each_row_applies_and_links_the_form(client, db):
    procedure = ProcedureFactory(code="1.001193")
    procedure.documents.all().delete()
    rows = [
        ("Văn bản ủy quyền", {"condition": UY_QUYEN}),
        (
            PAPER_FORM,
            {
                "channels": ["counter", "postal"],
                "template_name": "Mẫu số 29.docx",
                "template_url": "https://mau.vn/29.docx",
            },
        ),
        ("Giấy khai sinh", {"alternative_group": "nhom-1"}),
        ("Trích lục khai sinh", {"alternative_group": "nhom-1"}),
        ("Giấy chứng sinh", {"template_name": "Mẫu 01.docx"}),
    ]
    for order, (name, keys) in enumerate(rows):
        RequiredDocument.objects.create(procedure=procedure, order=order, name=name, **keys)

    response = client.get(procedure.get_absolute_url())
    html, text = response.content.decode(), page_text(response)

    assert f"Nếu: {WELL_KNOWN['uy-quyen']}" in text
    assert "Chỉ khi nộp trực tiếp hoặc nộp qua bưu chính" in text
    assert text.count("Một trong các giấy tờ số 3, 4") == 2
    assert '<a href="https://mau.vn/29.docx" rel="noopener">Mẫu số 29.docx</a>' in html
    assert "Mẫu: Mẫu 01.docx" in text  # named, without a link when the catalogue has none


def test_the_unit_remark_is_said_once_per_procedure(client, db):
    note = "Cổng Dịch vụ công quốc gia ghi thời hạn không kèm đơn vị; hiểu là ngày làm việc."
    procedure = ProcedureFactory(time_limit=(Decimal(1), TimeUnit.WORKING_DAYS))
    ProcessingTime.objects.create(
        procedure=procedure, channel="postal", amount=1, unit=TimeUnit.WORKING_DAYS
    )
    procedure.processing_times.update(note=note)
    text = page_text(client.get(procedure.get_absolute_url()))
    assert text.count(note) == 1


def test_different_time_notes_stay_on_their_lines(client, db):
    procedure = ProcedureFactory(time_limit=(Decimal(1), TimeUnit.WORKING_DAYS))
    procedure.processing_times.filter(channel="online").update(note="Ghi A")
    text = page_text(client.get(procedure.get_absolute_url()))
    assert "(Ghi A)" in text


def test_a_fee_set_by_a_cited_regulation_is_not_printed_free(client, db):
    procedure = ProcedureFactory()
    FeeFactory(
        procedure=procedure,
        name="Phí thẩm định",
        amount_vnd=None,
        exemption="Thực hiện theo quy định tại Thông tư số 38/2023/TT-BTC ngày 08/6/2023.",
    )
    FeeFactory(
        procedure=procedure,
        name="Lệ phí đăng ký",
        amount_vnd=None,
        exemption="Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.",
    )
    FeeFactory(
        procedure=procedure,
        name="Phí cấp phép",
        amount_vnd=None,
        exemption="theo quy định của pháp luật về phí, lệ phí",
    )
    text = page_text(client.get(procedure.get_absolute_url()))
    assert "Theo quy định tại Thông tư số 38/2023/TT-BTC" in text
    assert "Theo quy định của pháp luật về phí, lệ phí" in text
    assert "Theo quy định của địa phương" in text
    assert "Miễn phí" not in text


# --- text repaired by the build --------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "free"),
    [
        ("", True),
        ("Không quy định", True),
        ("Miễn lệ phí. Phí cấp bản sao theo Thông tư 281/2016/TT-BTC", True),
        (
            "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố … quyết định",
            False,
        ),
        ("Theo quy định của Luật phí và lệ phí và các văn bản quy phạm pháp luật", False),
        ("Thông tư số 60/2023/TT-BTC ngày 07/9/2023 của Bộ Tài chính", False),
    ],
)
def test_free_only_when_the_note_does_not_set_a_fee(note, free):
    assert sets_a_fee(note) is not free
    cell = f"Miễn phí({note})" if note else "Miễn phí"
    [fee], _rest = read_fees("online", cell)
    assert fee["exemption"].startswith("Miễn phí") is free
    assert fee["amount_vnd"] is None


def test_a_displaced_fragment_is_put_back_only_when_unambiguous():
    garbled = (
        "nộp hồ sơ đăng ký khai tâm Phục vụ hành chính công có thẩm quyền;\n"
        "hoàn tất việc sinh tại Trung \nnộp hồ sơ."
    )
    assert repair_displaced_fragment(garbled) == (
        "nộp hồ sơ đăng ký khai sinh tại Trung tâm Phục vụ hành chính công có thẩm quyền;\n"
        "hoàn tất việc nộp hồ sơ."
    )
    whole = "nộp hồ sơ tại Trung tâm Phục vụ hành chính công."
    assert repair_displaced_fragment(whole) == whole
    two_torn = garbled.replace("công có", "công, khai tâm Phục vụ có")
    assert repair_displaced_fragment(two_torn) == two_torn


def test_the_procedure_api_says_when_each_row_applies(client, db):
    import_catalogue([birth()])
    body = client.get("/api/v1/procedures/1.001193/").json()
    authorisation, paper, certificate = body["documents"]
    assert (authorisation["condition"], authorisation["applicability"]) == (UY_QUYEN, "condition")
    assert (paper["channels"], paper["applicability"]) == (["counter"], "channel")
    assert (paper["template_name"], paper["template_url"]) == ("Mẫu số 29.docx", "")
    assert (certificate["alternative_group"], certificate["applicability"]) == ("", "always")
