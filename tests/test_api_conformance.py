"""Every answer of the API is one that the schema at /api/schema/ describes.

Each GET operation of the schema is called for real, as a desk officer and as a citizen,
on objects that exercise the nullable fields (a draft, a dossier in processing, an agency
without a parent, dates not reached yet). The status and content type must be documented
for the operation, and a JSON body must validate (jsonschema) against the documented
schema, so a serializer that drifts from its documentation fails here.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from jsonschema import Draft202012Validator
from rest_framework.test import APIClient

from dossiers.models import Dossier, DossierDocument, DossierResult
from tests.factories import DossierFactory, ProcedureFactory

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
UPLOADED_AT = datetime(2026, 3, 11, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api_schema(db) -> dict[str, Any]:
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def objects(agency, citizen) -> dict[str, Any]:
    """A draft, a dossier in processing (with a document) and a returned one (with its
    result document, which the applicant may then download) of `citizen` at `agency`.
    """
    procedure = ProcedureFactory(checklist=["Tờ khai"])
    procedure.agencies.add(agency)
    common = {
        "procedure": procedure,
        "receiving_agency": agency,
        "applicant_user": citizen,
        "applicant_id_number": citizen.citizen_id,
    }
    DossierFactory(state="draft", **common)
    dossier = DossierFactory(state="processing", **common)
    document = DossierDocument.objects.create(
        dossier=dossier,
        item=1,
        item_name="Tờ khai",
        file=ContentFile(PDF_BYTES, name="to-khai.pdf"),
        original_name="to-khai.pdf",
        size=len(PDF_BYTES),
        content_type="application/pdf",
        sha256="0" * 64,
        uploaded_by=citizen,
        uploaded_at=UPLOADED_AT,
    )
    returned = DossierFactory(state="returned", **common)
    DossierResult.objects.create(
        dossier=returned,
        number="12/QĐ-UBND",
        issued_on=UPLOADED_AT.date(),
        file=ContentFile(PDF_BYTES, name="ket-qua.pdf"),
        original_name="ket-qua.pdf",
        size=len(PDF_BYTES),
        sha256="0" * 64,
        uploaded_by=citizen,
        uploaded_at=UPLOADED_AT,
    )
    return {
        "dossier": dossier,
        "returned": returned,
        "document": document,
        "procedure": procedure,
        "agency": agency,
    }


def as_json_schema(node: Any) -> Any:
    """OpenAPI 3.0's ``nullable`` as JSON Schema, which has no such keyword."""
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: as_json_schema(value) for key, value in node.items()}
    if converted.pop("nullable", False):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def path_values(path: str, objects: dict[str, Any]) -> dict[str, str]:
    """The real object each path parameter names, by the family of the path."""
    dossier: Dossier = objects["dossier"]
    if path.startswith("/api/v1/dossiers/{id}/result/"):
        return {"id": str(objects["returned"].pk)}
    by_family = {
        "/api/v1/dossiers/": {"id": str(dossier.pk), "doc_id": str(objects["document"].pk)},
        "/api/v1/tracking/": {"code": str(dossier.code)},
        "/api/v1/procedures/": {"code": objects["procedure"].code},
        "/api/v1/fields/": {"code": objects["procedure"].field.code},
        "/api/v1/agencies/": {"code": objects["agency"].code},
    }
    return next((values for prefix, values in by_family.items() if path.startswith(prefix)), {})


def assert_documented(
    schema: dict[str, Any], path: str, response: Any, method: str = "get"
) -> None:
    """The answer's status, content type and JSON body are as `method` `path` documents."""
    answers = schema["paths"][path][method]["responses"]
    operation = f"{method.upper()} {path}"
    status = str(response.status_code)
    assert status in answers, f"{operation}: {status} is not documented"
    media_type = response["Content-Type"].split(";")[0].strip()
    content = answers[status].get("content", {})
    assert media_type in content, f"{operation}: {media_type} is not documented for {status}"
    if media_type != "application/json":
        return
    document = {
        "$ref": content[media_type]["schema"].get("$ref", "#/$defs/inline"),
        "$defs": {"inline": as_json_schema(content[media_type]["schema"])},
        "components": as_json_schema(schema["components"]),
    }
    # Formats are checked as schemathesis does: a blank e-mail is not a valid "email".
    validator = Draft202012Validator(document, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(response.json()), key=lambda e: e.path)
    assert not errors, f"{operation}: " + "; ".join(
        f"{'/'.join(map(str, error.path))}: {error.message}" for error in errors[:5]
    )


@pytest.mark.parametrize("persona", ["desk_officer", "citizen"])
def test_every_get_answer_matches_the_schema(request, persona, api_schema, objects):
    client = APIClient()
    client.force_authenticate(request.getfixturevalue(persona))
    checked = []
    for path, operations in api_schema["paths"].items():
        if "get" not in operations:
            continue
        url = path.format(**path_values(path, objects))
        response = client.get(url)
        assert response.status_code == 200, f"GET {url} as {persona}: {response.status_code}"
        assert_documented(api_schema, path, response)
        checked.append(path)
    # Every GET operation was called: a new one must be given an object above.
    assert len(checked) == sum("get" in operations for operations in api_schema["paths"].values())


def test_documents_and_events_are_documented_as_the_arrays_they_are(api_schema):
    for path in ("/api/v1/dossiers/{id}/documents/", "/api/v1/dossiers/{id}/events/"):
        answer = api_schema["paths"][path]["get"]["responses"]["200"]
        assert answer["content"]["application/json"]["schema"]["type"] == "array", path
        names = {parameter["name"] for parameter in api_schema["paths"][path]["get"]["parameters"]}
        assert names == {"id"}, f"{path} takes no list filters nor pages: {names}"


def test_errors_are_documented_in_the_one_error_shape(api_schema, objects, citizen):
    client = APIClient()
    client.force_authenticate(citizen)
    missing = f"/api/v1/dossiers/{uuid.uuid4()}/"
    response = client.get(missing)
    assert response.status_code == 404
    assert_documented(api_schema, "/api/v1/dossiers/{id}/", response)
    accept = api_schema["paths"]["/api/v1/dossiers/{id}/accept/"]["post"]["responses"]
    assert {"200", "400", "401", "403", "404", "409", "415"} <= set(accept)
    assert accept["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ApiError"
    }
    throttled = api_schema["paths"]["/api/v1/tracking/{code}/"]["get"]["responses"]
    assert "429" in throttled
    as_text = client.post("/api/v1/dossiers/", "procedure", content_type="text/plain")
    assert as_text.status_code == 415
    assert_documented(api_schema, "/api/v1/dossiers/", as_text, method="post")


def test_anonymous_tracking_and_a_wrong_token_are_documented(api_schema, objects):
    path = "/api/v1/tracking/{code}/"
    url = path.format(code=objects["dossier"].code)
    assert_documented(api_schema, path, APIClient().get(url))
    wrong_token = APIClient(HTTP_AUTHORIZATION="Token " + "0" * 40).get(url)
    assert wrong_token.status_code == 401
    assert_documented(api_schema, path, wrong_token)


def test_an_agency_is_reached_by_its_dotted_code(objects):
    code = objects["agency"].code
    assert "." in code
    response = APIClient().get(f"/api/v1/agencies/{code}/")
    assert response.status_code == 200
    assert response.json()["code"] == code


def test_a_download_error_is_labelled_json_whatever_the_client_accepts(objects, citizen):
    client = APIClient()
    client.force_authenticate(citizen)
    missing = f"/api/v1/dossiers/{objects['dossier'].pk}/documents/{uuid.uuid4()}/download/"
    response = client.get(missing, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"
