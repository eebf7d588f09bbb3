"""The citizen's pages: the submission wizard, drafts, my dossiers, supplement, withdraw."""

import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers.models import Dossier, State
from tests.dossiers.conftest import PDF_BYTES, PNG_BYTES


def page_text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def upload(client, dossier, item, name="to-khai.pdf", content=PDF_BYTES, url="draft_documents"):
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(f"/ho-so/{dossier.pk}/{url_part(url)}/", {"item": item, "file": file})


def url_part(name: str) -> str:
    return {"draft_documents": "giay-to", "supplement": "bo-sung"}[name]


@pytest.fixture
def signed_in(client, citizen):
    citizen.full_name = "Nguyễn Văn An"
    citizen.phone = "0912345678"
    citizen.address = "12 Lê Lợi, phường Hòa Bình"
    citizen.save()
    client.force_login(citizen)
    return client


def start_draft(client, procedure) -> Dossier:
    response = client.post(
        f"/ho-so/nop/{procedure.code}/",
        {
            "applicant_kind": "person",
            "applicant_name": "Nguyễn Văn An",
            "applicant_id_number": "001090000001",
            "applicant_phone": "0912345678",
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ho-so/{dossier.pk}/giay-to/"
    return dossier


def test_choosing_a_procedure_lists_those_filed_online(signed_in, procedure):
    response = signed_in.get("/ho-so/nop/", {"q": "khai sinh"})
    assert response.status_code == 200
    assert f'href="/ho-so/nop/{procedure.code}/"' in response.content.decode()


def test_the_applicant_step_is_prefilled_from_the_profile(signed_in, procedure):
    response = signed_in.get(f"/ho-so/nop/{procedure.code}/")
    form = response.context["form"]
    assert form["applicant_name"].value() == "Nguyễn Văn An"
    assert form["applicant_id_number"].value() == "001090000001"
    assert form["applicant_phone"].value() == "0912345678"
    assert form["applicant_address"].value() == "12 Lê Lợi, phường Hòa Bình"
    assert 'for="id_applicant_name"' in response.content.decode()


def test_the_wizard_keeps_a_draft_and_enforces_mandatory_uploads_then_submit_gives_a_code(
    signed_in, procedure
):
    dossier = start_draft(signed_in, procedure)
    assert dossier.state == State.DRAFT

    assert upload(signed_in, dossier, "1").status_code == 302
    review = signed_in.get(f"/ho-so/{dossier.pk}/xem-lai/")
    assert "Giấy chứng sinh" in [str(name) for name in review.context["missing"]]

    refused = signed_in.post(
        f"/ho-so/{dossier.pk}/xem-lai/",
        {"revision": review.context["dossier"].revision},
        follow=True,
    )
    dossier.refresh_from_db()
    assert dossier.state == State.DRAFT
    assert "Còn thiếu giấy tờ bắt buộc" in page_text(refused)

    assert (
        upload(signed_in, dossier, "2", name="giay-chung-sinh.png", content=PNG_BYTES).status_code
        == 302
    )
    review = signed_in.get(f"/ho-so/{dossier.pk}/xem-lai/")
    assert review.context["missing"] == []
    submitted = signed_in.post(
        f"/ho-so/{dossier.pk}/xem-lai/",
        {"revision": review.context["dossier"].revision},
        follow=True,
    )
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert dossier.code
    assert dossier.code in page_text(submitted)


def test_a_draft_is_resumable_from_my_dossiers(signed_in, procedure):
    dossier = start_draft(signed_in, procedure)
    response = signed_in.get("/ho-so/")
    assert response.status_code == 200
    assert f'href="/ho-so/{dossier.pk}/giay-to/"' in response.content.decode()
    assert "Đang soạn" in page_text(response)


def test_an_upload_of_the_wrong_type_is_refused_on_its_item_and_nothing_is_stored(
    signed_in, procedure
):
    dossier = start_draft(signed_in, procedure)
    response = upload(signed_in, dossier, "1", name="to-khai.pdf", content=b"<html>hi</html>")
    assert response.status_code == 400
    assert "không phải PDF, JPEG hay PNG" in page_text(response)
    assert 'aria-invalid="true"' in response.content.decode()
    assert dossier.documents.count() == 0


def test_my_dossiers_show_state_and_due_date(signed_in, make_dossier):
    dossier = make_dossier("received")
    text = page_text(signed_in.get("/ho-so/"))
    assert dossier.code in text
    assert "Được tiếp nhận" in text
    assert "còn" in text


def test_the_applicant_supplements_and_resubmits(signed_in, make_dossier):
    dossier = make_dossier("supplement_requested", supplement_items=["Giấy chứng sinh"])
    page = signed_in.get(f"/ho-so/{dossier.pk}/")
    assert f'href="/ho-so/{dossier.pk}/bo-sung/"' in page.content.decode()
    assert upload(signed_in, dossier, "2", url="supplement").status_code == 302
    assert dossier.documents.get().round == 1
    dossier.refresh_from_db()
    signed_in.post(f"/ho-so/{dossier.pk}/bo-sung/", {"resubmit": "1", "revision": dossier.revision})
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED


def test_withdrawing_asks_for_confirmation_first(signed_in, make_dossier):
    dossier = make_dossier("submitted")
    page = signed_in.get(f"/ho-so/{dossier.pk}/")
    assert f'href="/ho-so/{dossier.pk}/thao-tac/withdraw/"' in page.content.decode()
    confirm = signed_in.get(f"/ho-so/{dossier.pk}/thao-tac/withdraw/")
    assert "không thể hoàn tác" in page_text(confirm)
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    signed_in.post(
        f"/ho-so/{dossier.pk}/thao-tac/withdraw/",
        {"reason": "Nộp nhầm", "revision": dossier.revision},
    )
    dossier.refresh_from_db()
    assert dossier.state == State.WITHDRAWN
    assert dossier.closing_reason == "Nộp nhầm"


def test_the_dossier_page_shows_the_timeline(signed_in, procedure):
    dossier = start_draft(signed_in, procedure)
    text = page_text(signed_in.get(f"/ho-so/{dossier.pk}/"))
    assert "Quá trình xử lý" in text
    assert "Tạo hồ sơ" in text


def test_an_anonymous_visitor_is_sent_to_sign_in(client, procedure):
    response = client.get(f"/ho-so/nop/{procedure.code}/")
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]


def test_submitting_a_draft_changed_in_another_tab_reloads_the_review(signed_in, procedure):
    dossier = start_draft(signed_in, procedure)
    seen = dossier.revision
    upload(signed_in, dossier, "1")  # from another tab: the draft moves on
    response = signed_in.post(f"/ho-so/{dossier.pk}/xem-lai/", {"revision": seen}, follow=True)
    dossier.refresh_from_db()
    assert dossier.state == State.DRAFT
    assert "Hồ sơ vừa được thay đổi" in page_text(response)
    assert response.context["dossier"].revision == dossier.revision


def test_the_applicant_step_keeps_what_was_typed_after_a_concurrent_change(signed_in, procedure):
    dossier = start_draft(signed_in, procedure)
    seen = dossier.revision
    upload(signed_in, dossier, "1")
    response = signed_in.post(
        f"/ho-so/{dossier.pk}/nguoi-nop/",
        {
            "applicant_kind": "person",
            "applicant_name": "Nguyễn Văn Bình",
            "applicant_id_number": "001090000001",
            "revision": seen,
        },
    )
    assert response.status_code == 200
    assert 'value="Nguyễn Văn Bình"' in response.content.decode()
    dossier.refresh_from_db()
    assert f'name="revision" value="{dossier.revision}"' in response.content.decode()


def test_starting_again_offers_the_draft_already_begun(signed_in, procedure):
    dossier = start_draft(signed_in, procedure)
    response = signed_in.get(f"/ho-so/nop/{procedure.code}/")
    assert f'href="/ho-so/{dossier.pk}/giay-to/"' in response.content.decode()
