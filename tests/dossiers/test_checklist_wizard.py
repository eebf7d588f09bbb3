"""The online wizard asks the applicant's case first, shows only the rows that apply, and
keeps the submit button disabled until what applies is there; the service refuses alone.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dossiers import services
from dossiers.exceptions import TransitionNotAllowed
from dossiers.models import Dossier, DossierDocument, State
from tests.dossiers.conftest import pdf
from tests.dossiers.test_pages_citizen import page_text, start_draft, upload
from tests.factories import BIRTH_REGISTRATION_ROWS, checklist_version

PROXY_QUESTION = "Anh/chị nộp thay người khác theo ủy quyền?"
LETTER = "Văn bản ủy quyền"
COUNTER_FORM = "Tờ khai bản giấy có chữ ký"


@pytest.fixture
def birth(procedure):
    checklist_version(procedure, BIRTH_REGISTRATION_ROWS)
    return procedure


@pytest.fixture
def signed_in(client, citizen):
    client.force_login(citizen)
    return client


@pytest.fixture
def draft(signed_in, birth) -> Dossier:
    return start_draft(signed_in, birth)


def answer(client, dossier, value: str):
    return client.post(f"/ho-so/{dossier.pk}/giay-to/", {"answers": "1", "dk_uy-quyen": value})


def test_the_documents_step_asks_the_conditions_before_showing_any_row(signed_in, draft):
    text = page_text(signed_in.get(f"/ho-so/{draft.pk}/giay-to/"))
    assert PROXY_QUESTION in text
    assert "Trả lời các câu hỏi ở trên để xem những giấy tờ anh/chị cần nộp." in text
    assert "Giấy chứng sinh" not in text


def test_once_answered_only_the_rows_that_apply_online_are_shown(signed_in, draft):
    response = answer(signed_in, draft, "khong")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.answers == {"uy-quyen": False}

    text = page_text(signed_in.get(f"/ho-so/{draft.pk}/giay-to/"))
    assert "Tờ khai đăng ký khai sinh" in text
    assert "Một trong các giấy tờ sau" in text
    assert "Giấy chứng sinh" in text
    assert "Văn bản của người làm chứng xác nhận việc sinh" in text
    assert "Giấy chứng nhận kết hôn (nếu có)" in text
    assert LETTER not in text
    assert COUNTER_FORM not in text
    assert "Đổi câu trả lời" in text


def test_answering_yes_adds_the_conditional_row(signed_in, draft):
    answer(signed_in, draft, "co")
    text = page_text(signed_in.get(f"/ho-so/{draft.pk}/giay-to/"))
    assert LETTER in text
    assert f"Vì anh/chị trả lời “Có”: {PROXY_QUESTION}" in text


def test_a_question_left_unanswered_is_refused_and_asked_again(signed_in, draft):
    response = signed_in.post(f"/ho-so/{draft.pk}/giay-to/", {"answers": "1"})
    assert response.status_code == 400
    assert "Vui lòng trả lời câu hỏi này." in page_text(response)
    draft.refresh_from_db()
    assert draft.answers == {}


def test_changing_an_answer_keeps_the_uploaded_files(signed_in, draft):
    answer(signed_in, draft, "co")
    assert upload(signed_in, draft, "4", name="uy-quyen.pdf").status_code == 302
    answer(signed_in, draft, "khong")
    assert DossierDocument.objects.filter(dossier=draft, item=4).exists()
    assert "uy-quyen.pdf" not in page_text(signed_in.get(f"/ho-so/{draft.pk}/giay-to/"))

    answer(signed_in, draft, "co")
    assert "uy-quyen.pdf" in page_text(signed_in.get(f"/ho-so/{draft.pk}/giay-to/"))


def test_the_review_button_is_disabled_until_what_applies_is_there(signed_in, draft):
    answer(signed_in, draft, "khong")
    response = signed_in.get(f"/ho-so/{draft.pk}/xem-lai/")
    html = response.content.decode()
    assert 'disabled aria-describedby="submit-blocked"' in html
    text = page_text(response)
    assert "Tờ khai đăng ký khai sinh" in text.split("còn thiếu giấy tờ bắt buộc.")[1]
    assert "một trong: Giấy chứng sinh / Văn bản của người làm chứng" in text

    upload(signed_in, draft, "1")
    upload(signed_in, draft, "3", name="lam-chung.pdf")
    response = signed_in.get(f"/ho-so/{draft.pk}/xem-lai/")
    assert "disabled" not in response.content.decode().split('name="revision"')[1]
    assert "Chưa nộp được" not in page_text(response)


def test_the_review_button_is_disabled_while_a_question_is_unanswered(signed_in, draft):
    upload(signed_in, draft, "1")
    upload(signed_in, draft, "2")
    response = signed_in.get(f"/ho-so/{draft.pk}/xem-lai/")
    assert 'disabled aria-describedby="submit-blocked"' in response.content.decode()
    assert "chưa trả lời các câu hỏi" in page_text(response)


def test_submit_is_refused_when_a_row_that_applies_is_missing(signed_in, draft, citizen):
    answer(signed_in, draft, "co")
    upload(signed_in, draft, "1")
    upload(signed_in, draft, "2")
    draft.refresh_from_db()
    with pytest.raises(TransitionNotAllowed, match=LETTER):
        services.submit_dossier(dossier=draft, by=citizen)
    response = signed_in.post(f"/ho-so/{draft.pk}/xem-lai/")
    assert response.status_code == 200
    assert Dossier.objects.get(pk=draft.pk).state == State.DRAFT


def test_an_online_birth_registration_without_the_letter_or_the_counter_form_is_submitted(
    signed_in, draft, citizen
):
    answer(signed_in, draft, "khong")
    upload(signed_in, draft, "1")
    upload(signed_in, draft, "2", name="chung-sinh.pdf")
    draft.refresh_from_db()
    services.submit_dossier(dossier=draft, by=citizen)
    assert Dossier.objects.get(pk=draft.pk).state == State.SUBMITTED


def test_a_version_without_the_new_keys_still_requires_every_mandatory_row(
    signed_in, procedure, citizen
):
    dossier = start_draft(signed_in, procedure)
    upload(signed_in, dossier, "1")
    dossier.refresh_from_db()
    with pytest.raises(TransitionNotAllowed, match="Giấy chứng sinh"):
        services.submit_dossier(dossier=dossier, by=citizen)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("step", ["giay-to", "xem-lai"])
def test_the_checklist_steps_cost_the_same_queries_however_many_files(signed_in, draft, step):
    answer(signed_in, draft, "co")
    upload(signed_in, draft, "1")
    few = count_queries(signed_in, f"/ho-so/{draft.pk}/{step}/")
    for item in ("2", "3", "4", "6", "other"):
        upload(signed_in, draft, item)
    assert count_queries(signed_in, f"/ho-so/{draft.pk}/{step}/") == few


def test_the_api_submit_refuses_with_the_missing_rows(api, citizen, birth):
    api.force_authenticate(citizen)
    created = api.post(
        "/api/v1/dossiers/", {"procedure": birth.code, "answers": {"uy-quyen": True}}, format="json"
    )
    assert created.status_code == 201, created.json()
    dossier_id = created.json()["id"]
    api.post(
        f"/api/v1/dossiers/{dossier_id}/documents/",
        {"file": pdf(), "item": "1"},
        format="multipart",
    )
    response = api.post(f"/api/v1/dossiers/{dossier_id}/submit/", {}, format="json")
    assert response.status_code == 409
    assert LETTER in response.json()["detail"]
