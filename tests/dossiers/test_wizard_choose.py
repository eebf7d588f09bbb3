"""Step 1 of the online wizard: a search over the procedures filed online, a page at a time,
frequent ones first when nothing is typed (docs/catalogue-search.md)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procedures.models import OnlineMode
from tests.factories import ProcedureFactory

PAGE = "/ho-so/nop/"


@pytest.fixture
def signed_in(client, citizen):
    client.force_login(citizen)
    return client


@pytest.fixture
def online_catalogue(db) -> None:
    ProcedureFactory(
        code="1.001193", name="Đăng ký khai sinh", online_mode=OnlineMode.FULL, is_frequent=True
    )
    ProcedureFactory(code="1.000894", name="Đăng ký kết hôn", is_frequent=True)
    ProcedureFactory(code="1.011413", name="Kết nối với hệ thống định danh và xác thực điện tử")
    ProcedureFactory(code="3.000346", name="Cấp giấy phép lái xe")
    ProcedureFactory(
        code="1.000001", name="Đăng ký hộ tịch tại quầy", online_mode=OnlineMode.OFFLINE
    )
    for n in range(30):
        ProcedureFactory(code=f"2.{n:06d}", name=f"Cấp phép hoạt động loại {n}")


def listed(response) -> list[str]:
    return re.findall(r'href="/ho-so/nop/(\d\.\d{6})/"', response.content.decode())


def test_without_words_frequent_procedures_come_first_a_page_at_a_time(signed_in, online_catalogue):
    first = signed_in.get(PAGE)
    assert first.status_code == 200
    codes = listed(first)
    assert set(codes[:2]) == {"1.001193", "1.000894"}
    assert len(codes) == 20
    assert "1.000001" not in codes  # filed at the desk only
    html = first.content.decode()
    assert "34 thủ tục nhận hồ sơ trực tuyến; thủ tục thường gặp được xếp trước." in html
    assert 'href="?page=2"' in html
    second = listed(signed_in.get(PAGE, {"page": 2}))
    assert len(second) == 14 and not set(second) & set(codes)


def test_words_find_whole_words_and_abbreviations_not_fragments(signed_in, online_catalogue):
    assert listed(signed_in.get(PAGE, {"q": "dang ky ket hon"})) == ["1.000894"]
    assert listed(signed_in.get(PAGE, {"q": "khai sinh cho con"})) == ["1.001193"]
    assert listed(signed_in.get(PAGE, {"q": "GPLX"})) == ["3.000346"]
    response = signed_in.get(PAGE, {"q": "ket hon"})
    assert "1 thủ tục nhận hồ sơ trực tuyến khớp với “ket hon”" in response.content.decode()


def test_the_search_keeps_its_words_across_pages(signed_in, online_catalogue):
    response = signed_in.get(PAGE, {"q": "cap phep"})
    html = response.content.decode()
    assert len(listed(response)) == 20
    assert 'href="?q=cap+phep&amp;page=2"' in html
    assert 'value="cap phep"' in html
    assert len(listed(signed_in.get(PAGE, {"q": "cap phep", "page": 2}))) == 11  # and GPLX


def test_no_match_says_so_and_offers_the_whole_catalogue(signed_in, online_catalogue):
    response = signed_in.get(PAGE, {"q": "hộ tịch tại quầy"})
    html = response.content.decode()
    assert listed(response) == []
    assert "Không có thủ tục nộp trực tuyến khớp với “hộ tịch tại quầy”" in html
    assert 'href="/thu-tuc/?q=h%E1%BB%99%20t%E1%BB%8Bch%20t%E1%BA%A1i%20qu%E1%BA%A7y"' in html


def test_the_chooser_is_a_plain_form_that_needs_no_script(signed_in, online_catalogue):
    html = signed_in.get(PAGE).content.decode()
    form = re.search(r'<form[^>]*role="search"[^>]*>.*?</form>', html, re.S).group(0)
    assert 'method="get"' in form and 'name="q"' in form and 'type="submit"' in form


def count_queries(client, params: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "cap phep"}, {"q": "cap phep", "page": "2"}])
def test_the_query_count_does_not_grow_with_the_catalogue(signed_in, online_catalogue, params):
    before = count_queries(signed_in, params)
    for n in range(30, 60):
        ProcedureFactory(code=f"2.{n:06d}", name=f"Cấp phép hoạt động loại {n}")
    assert count_queries(signed_in, params) == before
