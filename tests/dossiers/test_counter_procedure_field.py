"""Counter intake's procedure field takes a code or a name, in the page and the API
(docs/catalogue-search.md, "Finding one procedure by name")."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dossiers.models import Dossier
from tests.dossiers.conftest import PDF_BYTES, counter_intake_body
from tests.factories import ProcedureFactory

PAGE = "/ho-so/tiep-nhan-truc-tiep/"


@pytest.fixture
def birth_variants(procedure) -> None:
    """Beside `procedure` ("Đăng ký khai sinh"), procedures whose names hold its words."""
    ProcedureFactory(code="1.000110", name="Đăng ký khai sinh có yếu tố nước ngoài")
    ProcedureFactory(code="1.004884", name="Đăng ký lại khai sinh")


@pytest.fixture
def desk_api(api, desk_officer):
    api.force_authenticate(desk_officer)
    return api


def text_of(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.mark.parametrize("typed", ["Đăng ký khai sinh", "dang ky khai sinh", "ĐĂNG KÝ KHAI SINH"])
def test_a_name_chooses_the_procedure_of_that_exact_name(
    client, desk_officer, procedure, birth_variants, typed
):
    client.force_login(desk_officer)
    response = client.get(PAGE, {"thu_tuc": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="item_1"' in html
    assert f"{procedure.code} · {procedure.name}" in text_of(response)
    assert f'value="{typed}"' in html  # what the officer typed stays in the box


def test_a_name_the_search_finds_once_is_enough(client, desk_officer, procedure, birth_variants):
    client.force_login(desk_officer)
    response = client.get(PAGE, {"thu_tuc": "yếu tố nước ngoài"})
    assert "1.000110 · Đăng ký khai sinh có yếu tố nước ngoài" in text_of(response)


def test_a_code_is_taken_as_it_is(client, desk_officer, procedure, birth_variants):
    client.force_login(desk_officer)
    response = client.get(PAGE, {"thu_tuc": f" {procedure.code} "})
    assert f"{procedure.code} · {procedure.name}" in text_of(response)


def test_an_ambiguous_name_lists_candidates_and_keeps_the_text(
    client, desk_officer, procedure, birth_variants
):
    client.force_login(desk_officer)
    response = client.get(PAGE, {"thu_tuc": "khai sinh"})
    html, text = response.content.decode(), text_of(response)
    assert 'name="item_1"' not in html
    assert "Có nhiều thủ tục khớp với “khai sinh”" in text
    for code in (procedure.code, "1.000110", "1.004884"):
        assert code in text
    assert 'value="khai sinh"' in html and 'aria-invalid="true"' in html
    assert "tối đa" not in text


def test_an_unknown_name_or_code_says_so(client, desk_officer, procedure):
    client.force_login(desk_officer)
    text = text_of(client.get(PAGE, {"thu_tuc": "cấp phép bay không người lái"}))
    assert "Không tìm thấy thủ tục nào khớp với “cấp phép bay không người lái”" in text
    text = text_of(client.get(PAGE, {"thu_tuc": "9.999999"}))
    assert "Không có thủ tục đã công bố với mã 9.999999." in text


def test_a_long_name_is_no_longer_refused_for_its_length(client, desk_officer, procedure):
    client.force_login(desk_officer)
    name = "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con có yếu tố nước ngoài"
    ProcedureFactory(code="1.001695", name=name)
    response = client.get(PAGE, {"thu_tuc": name})
    assert f"1.001695 · {name}" in text_of(response)


def test_a_dossier_is_received_through_a_name(client, desk_officer, procedure, birth_variants):
    client.force_login(desk_officer)
    response = client.post(
        f"{PAGE}?thu_tuc=dang+ky+khai+sinh",
        {
            "applicant_kind": "person",
            "applicant_name": "Lê Văn Quầy",
            "applicant_id_number": "001090000123",
            "channel": "counter",
            "item_1": SimpleUploadedFile("to-khai.pdf", PDF_BYTES),
            "paper_2": "on",
        },
    )
    assert response.status_code == 302
    assert Dossier.objects.get().procedure == procedure


def test_the_api_takes_a_name(desk_api, procedure, birth_variants):
    body = {**counter_intake_body(procedure), "procedure": "Đăng ký khai sinh"}
    response = desk_api.post("/api/v1/dossiers/counter-intake/", body, format="multipart")
    assert response.status_code == 201, response.json()
    assert Dossier.objects.get().procedure == procedure


def test_the_api_refuses_an_ambiguous_name_listing_candidates(desk_api, procedure, birth_variants):
    body = {**counter_intake_body(procedure), "procedure": "khai sinh"}
    response = desk_api.post("/api/v1/dossiers/counter-intake/", body, format="multipart")
    assert response.status_code == 400
    (message,) = response.json()["errors"]["procedure"]
    assert "Có nhiều thủ tục khớp" in message and procedure.code in message
    assert not Dossier.objects.exists()


def test_the_page_costs_the_same_queries_for_a_name_and_a_code(
    client, desk_officer, procedure, birth_variants
):
    client.force_login(desk_officer)
    client.get(PAGE, {"thu_tuc": procedure.code})
    with CaptureQueriesContext(connection) as by_code:
        client.get(PAGE, {"thu_tuc": procedure.code})
    with CaptureQueriesContext(connection) as by_name:
        client.get(PAGE, {"thu_tuc": "Đăng ký khai sinh"})
    assert len(by_name) <= len(by_code) + 1  # the search instead of the lookup by code
