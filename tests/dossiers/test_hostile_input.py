"""Input built to break the portal gets a clear 400 (or the API's JSON 404) and changes
nothing: NUL characters, digits that are not ASCII, JSON of absurd depth or of the wrong
kind, offsets no time zone has, malformed UUIDs and numbers past the database's range.
"""

import re
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dossiers.models import Dossier, DossierDocument, DossierEvent
from tests.dossiers.conftest import PDF_BYTES

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEEP_JSON = "[" * 100_000 + "]" * 100_000


def json_error(response, status: int) -> dict:
    """The API's one error shape (onestop.api_errors), with `status`."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "detail", "errors"} and body["detail"]
    return body


def page_text(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def snapshot() -> tuple:
    """Everything the requests below could have changed."""
    dossiers = sorted(
        Dossier.objects.values_list("pk", "state", "revision", "due_at", "payment_amount_vnd")
    )
    return dossiers, DossierEvent.objects.count(), DossierDocument.objects.count()


@pytest.fixture
def dossiers(make_dossier):
    return {state: make_dossier(state) for state in ("draft", "received", "processing")}


@pytest.fixture
def api_as(request, db, api):
    def signed_in(persona: str):
        api.force_authenticate(request.getfixturevalue(persona))
        return api

    return signed_in


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("to-khai.pdf", PDF_BYTES, content_type="application/pdf")


# --- the API: (persona, method, path, body, format, headers) -> 400 naming what is wrong ---

API_CASES = {
    "nul in the procedure code": (
        "citizen",
        "post",
        "/api/v1/dossiers/",
        {"procedure": "3.0\u0000"},
        "json",
        {},
        "procedure",
    ),
    "nul in counter intake's procedure code": (
        "desk_officer",
        "post",
        "/api/v1/dossiers/counter-intake/",
        {"procedure": "3.0\x00", "applicant_name": "A", "applicant_id_number": "001090000123"},
        "multipart",
        {},
        "procedure",
    ),
    "nul in counter intake's applicant name": (
        "desk_officer",
        "post",
        "/api/v1/dossiers/counter-intake/",
        {"procedure": "{procedure}", "applicant_name": "A\x00", "applicant_id_number": "1"},
        "multipart",
        {},
        "applicant_name",
    ),
    "nul in start_processing's specialist": (
        "desk_officer",
        "post",
        "/api/v1/dossiers/{received}/start_processing/",
        {"specialist": "specialist\u0000"},
        "json",
        {},
        "specialist",
    ),
    "a superscript two as the upload's item": (
        "citizen",
        "post",
        "/api/v1/dossiers/{draft}/documents/",
        {"file": "<pdf>", "item": "²"},
        "multipart",
        {},
        "item",
    ),
    "a superscript two in If-Match": (
        "desk_officer",
        "post",
        "/api/v1/dossiers/{received}/start_processing/",
        {},
        "json",
        {"HTTP_IF_MATCH": '"²"'},
        "If-Match",
    ),
    "an amount past the bigint range": (
        "specialist",
        "post",
        "/api/v1/dossiers/{processing}/request_payment/",
        {"amount_vnd": 2**63},
        "json",
        {},
        "amount_vnd",
    ),
    "an extension to year 9999": (
        "leader",
        "post",
        "/api/v1/dossiers/{processing}/extend/",
        {"new_due_at": "9999-12-31T17:00:00+07:00", "reason": "x"},
        "json",
        {},
        "new_due_at",
    ),
}


def fill(text: str, dossiers: dict, procedure) -> str:
    return text.format(**{state: d.pk for state, d in dossiers.items()}, procedure=procedure.code)


@pytest.mark.parametrize("case", API_CASES.values(), ids=API_CASES.keys())
def test_the_api_answers_400_naming_the_field(api_as, dossiers, procedure, case):
    persona, method, path, body, format_, headers, field = case
    body = {
        name: pdf()
        if value == "<pdf>"
        else fill(value, dossiers, procedure)
        if isinstance(value, str)
        else value
        for name, value in body.items()
    }
    before = snapshot()
    client = api_as(persona)
    response = getattr(client, method)(
        fill(path, dossiers, procedure), body, format=format_, **headers
    )
    errors = json_error(response, 400)
    assert errors["code"] == "invalid" and field in errors["errors"]
    assert field in errors["detail"]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("method", "path", "body", "words"),
    [
        ("post", "/api/v1/dossiers/", DEEP_JSON, "sâu"),
        ("patch", "/api/v1/dossiers/{draft}/", "null", "null"),
        ("patch", "/api/v1/dossiers/{draft}/", "5", "number"),
        ("patch", "/api/v1/dossiers/{draft}/", '["applicant_name"]', "array"),
    ],
    ids=["nested 100,000 deep", "null", "a number", "an array"],
)
def test_a_json_body_must_be_one_object_of_sane_depth(
    api_as,
    dossiers,
    procedure,
    method,
    path,
    body,
    words,
):
    before = snapshot()
    client = api_as("citizen")
    response = getattr(client, method)(
        fill(path, dossiers, procedure), data=body, content_type="application/json"
    )
    error = json_error(response, 400)
    assert error["code"] == "parse_error" and words in error["detail"]
    assert snapshot() == before


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/procedures/a%00b/",
        "/api/v1/dossiers/?q=a%00b",
        "/api/v1/dossiers/?procedure=%00",
    ],
)
def test_a_nul_in_an_api_url_is_a_json_400(api_as, dossiers, path):
    error = json_error(api_as("desk_officer").get(path), 400)
    assert "NUL" in error["detail"]


@pytest.mark.parametrize(
    "doc_id",
    ["not-a-uuid", "------------------------------------", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"],
)
def test_a_malformed_uuid_in_a_download_url_is_the_apis_json_404(api_as, dossiers, doc_id):
    draft = dossiers["draft"]
    response = api_as("citizen").get(f"/api/v1/dossiers/{draft.pk}/documents/{doc_id}/download/")
    assert json_error(response, 404)["code"] == "not_found"
    malformed_dossier = api_as("citizen").get(f"/api/v1/dossiers/{'-' * 36}/")
    assert json_error(malformed_dossier, 404)["code"] == "not_found"


def test_an_offset_no_time_zone_has_is_a_400_explaining_it(api_as, dossiers):
    response = api_as("desk_officer").get(
        "/api/v1/dossiers/?due_before=2026-03-11T09:30:00%2B16:25"
    )
    error = json_error(response, 400)
    assert "due_before" in error["errors"] and "+14:00" in error["errors"]["due_before"][0]


def test_a_plus_left_unencoded_in_a_date_filter_is_read_as_a_plus(api_as, dossiers):
    # "+07:00" typed into a URL arrives as " 07:00"; it can only mean +07:00.
    processing = dossiers["processing"]
    due = processing.due_at.astimezone(VN)
    client = api_as("desk_officer")

    def found(moment: datetime) -> set[str]:
        text = moment.strftime("%Y-%m-%dT%H:%M:%S")
        response = client.get(f"/api/v1/dossiers/?due_after={text}+07:00")
        assert response.status_code == 200
        return {row["id"] for row in response.json()["results"]}

    assert str(processing.pk) in found(due)
    assert str(processing.pk) not in found(due + timedelta(seconds=1))


# --- the pages: a 400 with a Vietnamese message, nothing changed ------------------------------


@pytest.mark.parametrize(
    "path",
    ["/thu-tuc/a%00b/", "/ho-so/?q=a%00b", "/ho-so/tiep-nhan-truc-tiep/?thu_tuc=1.0%00"],
)
def test_a_nul_in_a_page_url_is_a_400_page_in_vietnamese(client, desk_officer, path):
    client.force_login(desk_officer)
    response = client.get(path)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in page_text(response)
    assert "ký tự NUL" in page_text(response)


def test_a_nul_in_a_counter_intake_field_is_a_400_on_that_field(client, desk_officer, procedure):
    client.force_login(desk_officer)
    response = client.post(
        f"/ho-so/tiep-nhan-truc-tiep/?thu_tuc={procedure.code}",
        {
            "applicant_kind": "person",
            "applicant_name": "Lê Văn\x00Quầy",
            "applicant_id_number": "001090000123",
            "channel": "counter",
        },
    )
    assert response.status_code == 400
    assert 'id="id_applicant_name_error"' in response.content.decode()
    assert "Không được chứa ký tự NUL" in page_text(response)
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("revision", ["²", "٣", "1e3", "9" * 5000])
def test_a_revision_that_is_not_a_number_is_a_400_page(client, desk_officer, dossiers, revision):
    received = dossiers["received"]
    before = snapshot()
    client.force_login(desk_officer)
    response = client.post(
        f"/ho-so/{received.pk}/thao-tac/start_processing/", {"note": "", "revision": revision}
    )
    assert response.status_code == 400
    assert "tải lại trang hồ sơ" in page_text(response)
    assert snapshot() == before


# --- the same answers with DEBUG on, as `make run` serves them ----------------------------------


def test_with_debug_on_a_malformed_uuid_is_still_the_apis_json_404(api_as, dossiers, settings):
    settings.DEBUG = True  # Django would answer its technical HTML page to an unmatched URL
    draft = dossiers["draft"]
    response = api_as("citizen").get(f"/api/v1/dossiers/{draft.pk}/documents/not-a-uuid/download/")
    assert json_error(response, 404)["code"] == "not_found"
    assert json_error(api_as("citizen").get("/api/v1/khong-co/"), 404)["code"] == "not_found"


def test_with_debug_on_an_api_address_without_its_slash_is_still_redirected(api_as, settings):
    settings.DEBUG = True
    response = api_as("citizen").get("/api/v1/procedures")
    assert response.status_code == 301
    assert response.headers["Location"] == "/api/v1/procedures/"


def test_with_debug_on_a_nul_in_a_url_is_still_the_clear_400(api_as, client, settings):
    settings.DEBUG = True  # Django would answer its technical page to a raised BadRequest
    error = json_error(api_as("citizen").get("/api/v1/procedures/a%00b/"), 400)
    assert "NUL" in error["detail"]
    page = client.get("/thu-tuc/a%00b/")
    assert page.status_code == 400
    assert "ký tự NUL" in page_text(page)


def test_a_post_to_a_malformed_address_with_a_session_cookie_is_the_json_404(db, citizen):
    # No CSRF page for an address no API route matches: nothing there could change.
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post(
        "/api/v1/dossiers/null,null/accept/", {}, content_type="application/json"
    )
    assert json_error(response, 404)["code"] == "not_found"
