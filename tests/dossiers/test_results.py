"""The result document (Decree 118/2025 Điều 22): no decision without it, and the applicant
downloads it only once the result is returned; everyone else who may not see it gets 404.
"""

import datetime

import pytest

from dossiers import services
from dossiers.exceptions import TransitionNotAllowed
from dossiers.models import DossierResult, State
from tests.dossiers.conftest import PNG_BYTES, pdf, with_result

MISSING = "Chưa có văn bản kết quả"


def result_body(**overrides):
    body = {"file": pdf("quyet-dinh.pdf"), "number": "15/QĐ-UBND", "issued_on": "2025-12-01"}
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


@pytest.mark.parametrize("name", ["approve", "reject"])
def test_a_decision_without_the_result_document_is_refused(make_dossier, leader, name):
    dossier = make_dossier("processing")
    arguments = {"reason": "Không đủ điều kiện"} if name == "reject" else {}
    with pytest.raises(TransitionNotAllowed, match=MISSING):
        services.BY_TRANSITION[name](dossier=dossier, by=leader, **arguments)
    dossier.refresh_from_db()
    assert dossier.state == State.PROCESSING and not dossier.events.filter(kind=name).exists()


def test_the_api_answers_409_in_vietnamese_without_the_result(api, make_dossier, leader):
    dossier = make_dossier("processing")
    api.force_authenticate(leader)
    response = api.post(f"/api/v1/dossiers/{dossier.pk}/approve/", {}, format="json")
    assert response.status_code == 409
    assert MISSING in response.json()["detail"]


def test_the_page_says_what_is_missing_before_and_after_pressing(client, make_dossier, leader):
    dossier = make_dossier("processing")
    client.force_login(leader)
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert 'id="result-missing"' in page and 'id="attach-result"' in page
    response = client.post(
        f"/ho-so/{dossier.pk}/thao-tac/approve/", {"revision": dossier.revision}, follow=True
    )
    assert MISSING in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == State.PROCESSING


def test_approving_with_the_result_records_its_number_and_date(make_dossier, specialist, leader):
    dossier = with_result(make_dossier("processing"), specialist, number="15/QĐ-UBND")
    services.approve_dossier(dossier=dossier, by=leader)
    dossier.refresh_from_db()
    assert dossier.state == State.RESOLVED and dossier.result == "granted"
    event = dossier.events.get(kind="approve")
    assert event.details["result_number"] == "15/QĐ-UBND"
    assert event.details["result_issued_on"] == "2025-12-01"


def test_the_api_attaches_a_result_by_multipart(api, make_dossier, specialist, leader):
    dossier = make_dossier("processing")
    api.force_authenticate(specialist)
    url = f"/api/v1/dossiers/{dossier.pk}/result/"
    response = api.post(url, result_body(), format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["number"] == "15/QĐ-UBND"
    assert response.json()["download_url"].endswith(f"/dossiers/{dossier.pk}/result/download/")
    again = api.post(url, result_body(number="16/QĐ-UBND"), format="multipart")
    assert again.status_code == 201
    assert DossierResult.objects.get(dossier=dossier).number == "16/QĐ-UBND"
    api.force_authenticate(leader)
    decided = api.post(f"/api/v1/dossiers/{dossier.pk}/approve/", {}, format="json")
    assert decided.status_code == 200
    assert decided.json()["result_display"] == "Giải quyết: chấp thuận"
    assert decided.json()["result_document"]["number"] == "16/QĐ-UBND"


@pytest.mark.parametrize("missing", ["file", "number", "issued_on"])
def test_a_result_without_one_of_its_fields_is_a_400_naming_it(
    api, make_dossier, specialist, missing
):
    dossier = make_dossier("processing")
    api.force_authenticate(specialist)
    response = api.post(
        f"/api/v1/dossiers/{dossier.pk}/result/", result_body(**{missing: None}), format="multipart"
    )
    assert response.status_code == 400
    assert missing in response.json()["errors"]
    assert not DossierResult.objects.exists()


def test_a_result_must_be_a_pdf_dated_no_later_than_today(
    frozen_clock, api, make_dossier, specialist
):
    dossier = make_dossier("processing")
    api.force_authenticate(specialist)
    url = f"/api/v1/dossiers/{dossier.pk}/result/"
    png = pdf("ket-qua.png", PNG_BYTES)
    assert api.post(url, result_body(file=png), format="multipart").status_code == 400
    future = (frozen_clock.now + datetime.timedelta(days=3)).date().isoformat()
    response = api.post(url, result_body(issued_on=future), format="multipart")
    assert response.status_code == 400 and "issued_on" in response.json()["errors"]
    assert not DossierResult.objects.exists()


def test_only_the_handling_agency_attaches_and_only_while_processing(
    api, make_dossier, desk_officer, citizen, desk_officer_other_agency, specialist
):
    dossier = make_dossier("processing")
    url = f"/api/v1/dossiers/{dossier.pk}/result/"
    for user, status in ((desk_officer, 403), (citizen, 403), (desk_officer_other_agency, 404)):
        api.force_authenticate(user)
        assert api.post(url, result_body(), format="multipart").status_code == status
    resolved = make_dossier("resolved")
    api.force_authenticate(specialist)
    late = api.post(f"/api/v1/dossiers/{resolved.pk}/result/", result_body(), format="multipart")
    assert late.status_code == 409


def test_the_result_page_attaches_a_pdf_with_number_and_date(client, make_dossier, leader):
    dossier = make_dossier("processing")
    client.force_login(leader)
    assert client.get(f"/ho-so/{dossier.pk}/ket-qua/").status_code == 200
    empty = client.post(f"/ho-so/{dossier.pk}/ket-qua/", {"number": "", "issued_on": ""})
    assert empty.status_code == 400
    assert "Vui lòng nhập số, mã số giấy tờ" in empty.content.decode()
    response = client.post(
        f"/ho-so/{dossier.pk}/ket-qua/",
        {"file": pdf(), "number": "7/QĐ", "issued_on": "2025-11-28"},
    )
    assert response.status_code == 302
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert "7/QĐ" in page and 'id="result-missing"' not in page


def decided(make_dossier, specialist, leader, desk_officer, *, returned: bool):
    dossier = with_result(make_dossier("processing"), specialist)
    services.approve_dossier(dossier=dossier, by=leader)
    if returned:
        services.return_result(dossier=dossier, by=desk_officer)
    return dossier


def test_the_applicant_downloads_the_result_only_once_returned(
    client, api, make_dossier, citizen, specialist, leader, desk_officer
):
    dossier = decided(make_dossier, specialist, leader, desk_officer, returned=False)
    client.force_login(citizen)
    api.force_authenticate(citizen)
    page_url = f"/ho-so/{dossier.pk}/ket-qua/tai-ve/"
    api_url = f"/api/v1/dossiers/{dossier.pk}/result/download/"
    assert client.get(page_url).status_code == 404
    assert api.get(api_url).status_code == 404
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/result/").status_code == 404
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/").json()["result_document"] is None
    assert "ket-qua/tai-ve" not in client.get(f"/ho-so/{dossier.pk}/").content.decode()

    services.return_result(dossier=dossier, by=desk_officer)
    response = client.get(page_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert api.get(api_url).status_code == 200
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/").json()["result_document"]["number"]
    assert "ket-qua/tai-ve" in client.get(f"/ho-so/{dossier.pk}/").content.decode()


@pytest.mark.parametrize("persona", ["other_citizen", "desk_officer_other_agency"])
def test_anyone_else_gets_404_for_the_result_even_after_return(
    request, client, api, make_dossier, specialist, leader, desk_officer, persona
):
    dossier = decided(make_dossier, specialist, leader, desk_officer, returned=True)
    user = request.getfixturevalue(persona)
    client.force_login(user)
    api.force_authenticate(user)
    assert client.get(f"/ho-so/{dossier.pk}/ket-qua/tai-ve/").status_code == 404
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/result/download/").status_code == 404


@pytest.mark.parametrize("persona", ["desk_officer", "specialist", "leader", "supervisor"])
def test_officers_of_its_agencies_download_the_result_once_attached(
    request, client, make_dossier, specialist, persona
):
    dossier = with_result(make_dossier("processing"), specialist)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/ho-so/{dossier.pk}/ket-qua/tai-ve/").status_code == 200


def test_result_labels_read_as_the_decision_with_its_reason(
    client, make_dossier, citizen, specialist, leader
):
    granted = with_result(make_dossier("processing"), specialist)
    services.approve_dossier(dossier=granted, by=leader)
    refused = with_result(make_dossier("processing"), specialist)
    services.reject_dossier(dossier=refused, by=leader, reason="Người được khai sinh đã có giấy")
    for user in (citizen, leader):
        client.force_login(user)
        assert "Giải quyết: chấp thuận" in client.get(f"/ho-so/{granted.pk}/").content.decode()
        page = client.get(f"/ho-so/{refused.pk}/").content.decode()
        assert "Từ chối giải quyết: Người được khai sinh đã có giấy" in page
