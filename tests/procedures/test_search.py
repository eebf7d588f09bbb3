"""Catalogue search: whole words and word prefixes, stop-words, synonyms, ranking, and the
`search` alias of `q` (procedures/search.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from procedures.exchange import import_catalogue
from procedures.models import Procedure
from procedures.search import searchable_text, terms
from tests.factories import ProcedureFactory

CATALOGUE = Path(__file__).resolve().parents[2] / "procedures" / "data" / "catalogue.json"

BIRTH = "1.001193"
MARRIAGE = "1.000894"
CONNECT = "1.011413"  # "Kết nối với hệ thống định danh và xác thực điện tử"


def found(query: str) -> list[str]:
    return list(Procedure.objects.search(query).best_matches_first().values_list("code", flat=True))


@pytest.fixture
def civil_status(db) -> None:
    """Real names of the catalogue around the cases of the search's rules."""
    for code, name, frequent in [
        (BIRTH, "Đăng ký khai sinh", True),
        (MARRIAGE, "Đăng ký kết hôn", True),
        ("1.000689", "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con", True),
        ("1.001022", "Đăng ký nhận cha, mẹ, con", True),
        ("1.000110", "Đăng ký khai sinh có yếu tố nước ngoài tại khu vực biên giới", False),
        ("1.004746", "Đăng ký lại kết hôn", True),
        (CONNECT, "Kết nối với hệ thống định danh và xác thực điện tử", False),
        ("3.000346", "Cấp giấy phép lái xe", False),
        ("1.001247", "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", False),
        ("3.000333", "Cấp Phiếu Lý lịch tư pháp cho công dân Việt Nam", False),
        ("1.011441", "Đăng ký biện pháp bảo đảm bằng quyền sử dụng đất", False),
        ("1.003203", "Phê duyệt phương án ứng phó thuộc thẩm quyền của UBND tỉnh", False),
        ("1.004692", "Cấp Giấy xác nhận thuộc thẩm quyền Ủy ban nhân dân cấp xã", False),
        ("1.001686", "Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc thú y", False),
    ]:
        ProcedureFactory(code=code, name=name, is_frequent=frequent)


def test_the_column_holds_folded_words_each_after_a_space() -> None:
    assert searchable_text("1.001193", "Đăng ký khai sinh (UBND)…") == (
        " 1.001193 001193 dang ky khai sinh ubnd "
    )


def test_a_word_matches_whole_words_and_word_starts_not_fragments(civil_status) -> None:
    assert CONNECT not in found("dang ky ket hon")
    assert found("dang ky ket hon")[0] == MARRIAGE
    assert CONNECT not in found("hon")  # "hôn" is inside "thống" only as a fragment
    assert MARRIAGE in found("ket h")  # a half-typed last word is a word start
    assert found("inh") == []  # "sinh", "định" hold it, but no word starts with it


def test_a_query_with_an_extra_word_still_finds_the_procedure(civil_status) -> None:
    # Of "dang", "ky", "khai", "sinh", "con" a row may miss one; rows matching all come first.
    result = found("đăng ký khai sinh con")
    assert result[:2] == ["1.000689", BIRTH]
    assert "1.001022" not in result  # "dang", "ky", "con": three words of five


def test_whom_the_applicant_files_for_is_not_searched(civil_status) -> None:
    # "cho con" says for whom, not what: the birth registration itself comes first.
    assert [term.spellings for term in terms("khai sinh cho con")] == [("khai",), ("sinh",)]
    assert found("khai sinh cho con")[0] == BIRTH
    assert found("đăng ký khai sinh cho bé")[0] == BIRTH
    # "cho" before any other word stays a plain stop-word.
    assert [term.spellings for term in terms("cho thuê đất")] == [("thue",), ("dat",)]


def test_stop_words_alone_are_still_searched(civil_status) -> None:
    assert [term.spellings for term in terms("cho")] == [("cho",)]


def test_two_words_must_both_match(civil_status) -> None:
    assert found("khai hon") == []


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("cấp GPLX", "3.000346"),
        ("gplx", "3.000346"),
        ("CCCD", "1.001247"),
        ("cấp cccd", "1.001247"),
        ("LLTP", "3.000333"),
        ("QSDĐ", "1.011441"),
        ("bảo đảm bằng qsdd", "1.011441"),
        ("GCN thú y", "1.001686"),
    ],
)
def test_abbreviations_find_the_words_they_stand_for(civil_status, query, code) -> None:
    assert found(query)[0] == code


def test_an_abbreviation_and_its_words_find_each_other(civil_status) -> None:
    both = {"1.003203", "1.004692"}
    assert set(found("UBND")) == both
    assert set(found("ủy ban nhân dân")) == both


def test_a_code_or_its_number_finds_the_procedure(civil_status) -> None:
    assert found("1.001193") == [BIRTH]
    assert found("001193") == [BIRTH]


@pytest.mark.parametrize("query", ["khai sinh", "dang ky ket hon", "cap gplx", "1.001193"])
def test_search_is_the_same_search_as_q(civil_status, query) -> None:
    api = APIClient()
    by_q = api.get("/api/v1/procedures/", {"q": query}).json()
    by_search = api.get("/api/v1/procedures/", {"search": query}).json()
    assert by_search == by_q
    assert by_q["count"] < Procedure.objects.count()


def test_q_wins_over_search_when_both_are_given(civil_status) -> None:
    response = APIClient().get("/api/v1/procedures/", {"q": "ket hon", "search": "khai sinh"})
    codes = [row["code"] for row in response.json()["results"]]
    assert codes[0] == MARRIAGE and BIRTH not in codes


def test_the_page_reads_search_as_q(client, civil_status) -> None:
    page = client.get("/thu-tuc/", {"search": "ket hon"}).content.decode()
    assert "Đăng ký kết hôn" in page and "Đăng ký khai sinh" not in page
    assert 'value="ket hon"' in page


def count_queries(url: str, params: dict[str, str]) -> int:
    client = APIClient()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["khai sinh", "khai sinh cho con", "cap gplx"])
def test_query_counts_do_not_grow_with_the_catalogue(civil_status, client, query) -> None:
    api = count_queries("/api/v1/procedures/", {"search": query})
    with CaptureQueriesContext(connection) as queries:
        client.get("/thu-tuc/", {"q": query})
    page = len(queries)
    for n in range(40):
        ProcedureFactory(name=f"Đăng ký khai sinh mẫu {n} cấp GPLX cho con")
    assert count_queries("/api/v1/procedures/", {"search": query}) == api
    with CaptureQueriesContext(connection) as queries:
        client.get("/thu-tuc/", {"q": query})
    assert len(queries) == page


def test_the_whole_bundled_catalogue(db) -> None:
    """The cases of the issue on the real catalogue, in one import."""
    import_catalogue(json.loads(CATALOGUE.read_text(encoding="utf-8"))["procedures"])
    assert Procedure.objects.count() > 1000
    marriage = found("dang ky ket hon")
    assert marriage[0] == MARRIAGE
    assert not any(name.startswith("Kết nối") for name in names(marriage))
    assert found("khai sinh cho con")[0] == BIRTH
    assert found("Đăng ký khai sinh")[0] == BIRTH
    assert found("cấp GPLX")[0] == "3.000346"
    assert all("lai xe" in text for text in search_texts(found("gplx")))
    with CaptureQueriesContext(connection) as queries:
        response = APIClient().get("/api/v1/procedures/", {"search": "dang ky ket hon"})
    assert response.json()["results"][0]["code"] == MARRIAGE
    assert len(queries) <= 3  # count, page, levels of the page


def names(codes: list[str]) -> list[str]:
    return list(Procedure.objects.filter(code__in=codes).values_list("name", flat=True))


def search_texts(codes: list[str]) -> list[str]:
    return list(Procedure.objects.filter(code__in=codes).values_list("search_text", flat=True))


def test_the_schema_documents_q_and_search(client, db) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/procedures/"]["get"]
    parameters = {row["name"]: row for row in operation["parameters"]}
    assert "CCCD" in parameters["q"]["description"]
    assert "q" in parameters["search"]["description"]
    assert "`search`" in operation["description"]


def test_a_very_long_query_is_cut_to_a_few_terms(civil_status) -> None:
    query = " ".join(f"tu{n}" for n in range(5000))
    assert len(terms(query)) == 12
    response = APIClient().get("/api/v1/procedures/", {"q": query})
    assert response.status_code == 200 and response.json()["count"] == 0
