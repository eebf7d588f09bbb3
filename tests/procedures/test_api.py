import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from procedures.models import Fee, LegalBasis, Level, OnlineMode, Procedure
from tests.factories import AgencyFactory, FieldFactory, ProcedureFactory


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def birth_registration(db) -> Procedure:
    procedure = ProcedureFactory(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=FieldFactory(code="ho-tich", name="Hộ tịch"),
        levels=[Level.COMMUNE],
        online_mode=OnlineMode.FULL,
        checklist=["Giấy chứng sinh"],
    )
    Fee.objects.create(procedure=procedure, name="Lệ phí đăng ký khai sinh", amount_vnd=8000)
    LegalBasis.objects.create(procedure=procedure, number="123/2015/NĐ-CP", title="Nghị định")
    return procedure


def codes(response) -> list[str]:
    return [row["code"] for row in response.json()["results"]]


@pytest.mark.parametrize("query", ["dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "khai sinh"])
def test_search_ignores_accents_and_case(api, birth_registration, query):
    ProcedureFactory(name="Đăng ký kết hôn")
    response = api.get("/api/v1/procedures/", {"q": query})
    assert response.status_code == 200
    assert codes(response) == ["1.001193"]


def test_search_finds_by_code(api, birth_registration):
    assert codes(api.get("/api/v1/procedures/", {"q": "1.001193"})) == ["1.001193"]


def test_list_is_paginated_with_count_next_previous_results(api, db):
    ProcedureFactory.create_batch(25)
    first = api.get("/api/v1/procedures/").json()
    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == 25 and len(first["results"]) == 20 and first["previous"] is None
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 5 and second["next"] is None


def test_filters_by_field_agency_level_and_online_mode(api, birth_registration):
    agency = AgencyFactory(code="000.31.00.H99")
    birth_registration.agencies.add(agency)
    other = ProcedureFactory(levels=[Level.PROVINCE], online_mode=OnlineMode.OFFLINE)
    assert codes(api.get("/api/v1/procedures/", {"field": "ho-tich"})) == ["1.001193"]
    assert codes(api.get("/api/v1/procedures/", {"agency": "000.31.00.H99"})) == ["1.001193"]
    assert codes(api.get("/api/v1/procedures/", {"level": "province"})) == [other.code]
    assert codes(api.get("/api/v1/procedures/", {"online_mode": "full"})) == ["1.001193"]


def test_unknown_filter_value_is_a_400_naming_the_field(api, db):
    response = api.get("/api/v1/procedures/", {"level": "galaxy"})
    assert response.status_code == 400
    assert "level" in response.json()["errors"]


def test_unpublished_procedures_are_not_listed_or_shown(api, db):
    hidden = ProcedureFactory(is_published=False)
    assert codes(api.get("/api/v1/procedures/")) == []
    assert api.get(f"/api/v1/procedures/{hidden.code}/").status_code == 404


def test_detail_carries_everything_a_citizen_needs(api, birth_registration):
    body = api.get("/api/v1/procedures/1.001193/").json()
    assert body["name"] == "Đăng ký khai sinh"
    assert body["field"] == {"code": "ho-tich", "name": "Hộ tịch"}
    assert body["levels"] == ["commune"]
    assert [d["name"] for d in body["documents"]] == ["Giấy chứng sinh"]
    assert body["fees"][0]["amount_vnd"] == 8000
    assert body["legal_bases"] == [{"number": "123/2015/NĐ-CP", "title": "Nghị định"}]
    assert {t["channel"] for t in body["processing_times"]} == {"online", "counter"}
    assert body["processing_times"][0]["unit"] == "working_days"
    assert "version" in body and "steps" in body


def test_unknown_code_is_a_json_404_in_vietnamese(api, db):
    response = api.get("/api/v1/procedures/9.999999/")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Không tìm thấy.", "errors": {}}


def test_fields_and_agencies_are_listed(api, birth_registration):
    AgencyFactory(code="000.00.00.H99", name="UBND tỉnh")
    fields = api.get("/api/v1/fields/").json()["results"]
    assert {"code": "ho-tich", "name": "Hộ tịch"} in fields
    agencies = api.get("/api/v1/agencies/").json()["results"]
    assert agencies[0]["code"] == "000.00.00.H99"


def count_queries(api: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api.get(url).status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_procedures(api, db):
    ProcedureFactory.create_batch(3)
    few = count_queries(api, "/api/v1/procedures/?q=thu")
    ProcedureFactory.create_batch(30)
    assert count_queries(api, "/api/v1/procedures/?q=thu") == few


def test_detail_query_count_does_not_grow_with_documents(api, db):
    small = ProcedureFactory(checklist=["A"])
    large = ProcedureFactory(checklist=[f"Giấy tờ {n}" for n in range(30)])
    assert count_queries(api, f"/api/v1/procedures/{small.code}/") == count_queries(
        api, f"/api/v1/procedures/{large.code}/"
    )


def test_reading_the_catalogue_needs_no_login_but_writing_is_refused(api, birth_registration):
    response = api.post("/api/v1/procedures/", {"code": "1.000001"}, format="json")
    assert response.status_code in (401, 403, 405)


def test_search_lists_frequent_and_shorter_names_first(api, db):
    civil = FieldFactory(code="ho-tich", name="Hộ tịch")
    ProcedureFactory(
        code="1.000110", name="Đăng ký khai sinh có yếu tố nước ngoài ở biên giới", field=civil
    )
    ProcedureFactory(code="1.000689", name="Đăng ký khai sinh kết hợp nhận cha, mẹ", field=civil)
    ProcedureFactory(code="1.001193", name="Đăng ký khai sinh", field=civil, is_frequent=True)
    ProcedureFactory(code="1.000001", name="Đăng ký lại khai sinh", field=civil)
    found = codes(api.get("/api/v1/procedures/", {"q": "khai sinh"}))
    assert found == ["1.001193", "1.000001", "1.000689", "1.000110"]
