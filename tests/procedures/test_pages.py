"""The public catalogue pages: search, filters, pagination and the procedure detail."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import translation

from onestop.urls import urlpatterns as portal_urlpatterns
from procedures.models import Channel, DocumentForm, Level, OnlineMode, Procedure, TimeUnit
from procedures.templatetags.catalogue import duration, vnd
from tests.factories import (
    AgencyFactory,
    FeeFactory,
    FieldFactory,
    LegalBasisFactory,
    ProcedureFactory,
    ProcedureStepFactory,
)

SEARCH = "/thu-tuc/"


def start_dossier(request: HttpRequest, code: str) -> HttpResponse:
    return HttpResponse(code)


# The portal's routes plus the dossier entry point the detail page links to once it exists.
urlpatterns = [
    path(
        "ho-so/",
        include(([path("nop/<str:code>/", start_dossier, name="start")], "dossiers")),
    ),
    *portal_urlpatterns,
]


def page_text(response: HttpResponse) -> str:
    """The visible text of a page, tags stripped and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def result_codes(response: HttpResponse) -> list[str]:
    return [procedure.code for procedure in response.context["page"].object_list]


@pytest.fixture
def birth_registration(db) -> Procedure:
    procedure = ProcedureFactory(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=FieldFactory(code="ho-tich", name="Hộ tịch"),
        levels=[Level.COMMUNE],
        online_mode=OnlineMode.FULL,
        time_limit=(Decimal(5), TimeUnit.WORKING_DAYS),
        checklist=["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
        authority="Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ",
        result="Giấy khai sinh",
    )
    procedure.agencies.add(AgencyFactory(code="000.31.00.H99", name="UBND xã Hòa Bình"))
    FeeFactory(
        procedure=procedure,
        channel="",
        name="Lệ phí đăng ký khai sinh",
        amount_vnd=8000,
        exemption="Miễn lệ phí khi đăng ký đúng hạn",
    )
    ProcedureStepFactory(procedure=procedure, description="Nộp hồ sơ tại bộ phận một cửa")
    LegalBasisFactory(procedure=procedure, number="60/2014/QH13", title="Luật Hộ tịch")
    return procedure


# --- search ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "khai sinh"])
def test_search_finds_birth_registration_whatever_the_accents_and_case(
    client, birth_registration, query
):
    ProcedureFactory(name="Đăng ký kết hôn")
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert result_codes(response) == ["1.001193"]
    assert "Đăng ký khai sinh" in page_text(response)


def test_search_page_shows_code_field_levels_online_mode_and_count(client, birth_registration):
    text = page_text(client.get(SEARCH, {"q": "khai sinh"}))
    assert "Tìm thấy 1 thủ tục" in text
    assert "1.001193" in text
    assert "Hộ tịch" in text
    assert "Cấp xã" in text
    assert "Trực tuyến toàn trình" in text


def test_search_page_lists_only_published_procedures(client, birth_registration):
    ProcedureFactory(name="Đăng ký khai sinh lưu động", is_published=False)
    assert result_codes(client.get(SEARCH, {"q": "khai sinh"})) == ["1.001193"]


def test_search_without_match_shows_an_empty_state(client, birth_registration):
    response = client.get(SEARCH, {"q": "giấy phép lái tàu vũ trụ"})
    assert result_codes(response) == []
    assert "Không tìm thấy thủ tục phù hợp" in page_text(response)


def test_filters_by_field(client, birth_registration):
    ProcedureFactory(field=FieldFactory(code="xay-dung"))
    assert result_codes(client.get(SEARCH, {"field": "ho-tich"})) == ["1.001193"]


def test_filters_by_agency(client, birth_registration):
    ProcedureFactory().agencies.add(AgencyFactory(code="000.32.00.H99"))
    assert result_codes(client.get(SEARCH, {"agency": "000.31.00.H99"})) == ["1.001193"]


def test_filters_by_level(client, birth_registration):
    province = ProcedureFactory(levels=[Level.PROVINCE])
    assert result_codes(client.get(SEARCH, {"level": "province"})) == [province.code]


def test_filters_by_online_mode(client, birth_registration):
    offline = ProcedureFactory(online_mode=OnlineMode.OFFLINE)
    assert result_codes(client.get(SEARCH, {"online_mode": "offline"})) == [offline.code]
    assert result_codes(client.get(SEARCH, {"online_mode": "full"})) == ["1.001193"]


def test_an_unknown_field_code_finds_nothing_rather_than_failing(client, birth_registration):
    response = client.get(SEARCH, {"field": "khong-co"})
    assert response.status_code == 200
    assert result_codes(response) == []


def test_field_and_agency_selects_offer_codes_of_published_procedures(client, birth_registration):
    ProcedureFactory(field=FieldFactory(code="an-di", name="Lĩnh vực ẩn"), is_published=False)
    html = client.get(SEARCH).content.decode()
    assert '<option value="ho-tich">Hộ tịch</option>' in html
    assert '<option value="000.31.00.H99">UBND xã Hòa Bình</option>' in html
    assert "an-di" not in html


def test_fields_are_listed_in_vietnamese_alphabetical_order(client, db):
    for code, name in [("bien", "Biển và hải đảo"), ("bao", "Bảo vệ dữ liệu"), ("an", "An ninh")]:
        ProcedureFactory(field=FieldFactory(code=code, name=name))
    html = client.get(SEARCH).content.decode()
    assert html.index("An ninh") < html.index("Bảo vệ dữ liệu") < html.index("Biển và hải đảo")
    home = client.get("/").content.decode()
    assert home.index("An ninh") < home.index("Bảo vệ dữ liệu") < home.index("Biển và hải đảo")


def test_an_invalid_level_is_reported_next_to_its_select(client, birth_registration):
    response = client.get(SEARCH, {"level": "galaxy"})
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()


def test_page_two_holds_the_rest_and_page_links_keep_the_query(client, db):
    field = FieldFactory(code="ho-tich")
    ProcedureFactory.create_batch(25, field=field, name="Cấp bản sao trích lục hộ tịch")
    first = client.get(SEARCH, {"q": "trich luc", "field": "ho-tich"})
    assert len(result_codes(first)) == 20
    html = first.content.decode()
    assert 'href="?q=trich+luc&amp;field=ho-tich&amp;page=2"' in html
    second = client.get(SEARCH, {"q": "trich luc", "field": "ho-tich", "page": 2})
    assert len(result_codes(second)) == 5
    assert set(result_codes(first)).isdisjoint(result_codes(second))
    assert 'href="?q=trich+luc&amp;field=ho-tich&amp;page=1"' in second.content.decode()


def test_a_page_number_past_the_end_shows_the_last_page(client, db):
    ProcedureFactory.create_batch(3)
    response = client.get(SEARCH, {"page": 99})
    assert response.status_code == 200
    assert len(result_codes(response)) == 3


def search_query_count(client, count: int) -> int:
    ProcedureFactory.create_batch(count - Procedure.objects.count())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"q": "thu tuc"})
    assert len(result_codes(response)) == min(count, 20)
    return len(queries)


def test_search_page_query_count_is_the_same_for_5_and_40_procedures(client, db):
    assert search_query_count(client, 5) == search_query_count(client, 40)


# --- detail ------------------------------------------------------------------------------


def test_detail_shows_the_documents_checklist(client, birth_registration):
    text = page_text(client.get("/thu-tuc/1.001193/"))
    assert "Thành phần hồ sơ" in text
    assert "Tờ khai đăng ký khai sinh" in text
    assert "Giấy chứng sinh" in text
    assert "Bản chính" in text
    assert "Bắt buộc" in text


def test_detail_shows_fees_in_vietnamese_dong_with_exemptions(client, birth_registration):
    text = page_text(client.get("/thu-tuc/1.001193/"))
    assert "8.000 đồng" in text
    assert "Miễn lệ phí khi đăng ký đúng hạn" in text


def test_detail_shows_processing_time_per_channel(client, birth_registration):
    text = page_text(client.get("/thu-tuc/1.001193/"))
    assert "Trực tuyến: 5 ngày làm việc" in text
    assert "Trực tiếp: 5 ngày làm việc" in text


def test_detail_shows_where_steps_result_legal_basis_and_version(client, birth_registration):
    text = page_text(client.get("/thu-tuc/1.001193/"))
    assert "UBND xã Hòa Bình" in text
    assert "Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ" in text
    assert "Nộp hồ sơ tại bộ phận một cửa" in text
    assert "Giấy khai sinh" in text
    assert "60/2014/QH13" in text
    assert "Luật Hộ tịch" in text
    assert "Phiên bản 0" in text


@pytest.mark.parametrize("mode", [OnlineMode.FULL, OnlineMode.PARTIAL])
def test_online_procedures_offer_the_submit_button_through_login(client, db, mode):
    procedure = ProcedureFactory(online_mode=mode)
    html = client.get(procedure.get_absolute_url()).content.decode()
    assert "Nộp hồ sơ trực tuyến" in html
    assert f'href="/tai-khoan/dang-nhap/?next=/thu-tuc/{procedure.code}/"' in html


def test_offline_procedures_have_no_submit_button(client, db):
    procedure = ProcedureFactory(online_mode=OnlineMode.OFFLINE)
    text = page_text(client.get(procedure.get_absolute_url()))
    assert "Nộp hồ sơ trực tuyến" not in text
    assert "chưa nhận hồ sơ trực tuyến" in text


@pytest.mark.urls(__name__)
def test_submit_button_leads_to_the_dossier_start_once_it_exists(client, birth_registration):
    html = client.get("/thu-tuc/1.001193/").content.decode()
    assert 'href="/ho-so/nop/1.001193/"' in html


def test_unpublished_procedure_is_a_404(client, db):
    hidden = ProcedureFactory(is_published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_unknown_procedure_code_is_a_404(client, db):
    assert client.get("/thu-tuc/9.999999/").status_code == 404


def test_detail_query_count_does_not_grow_with_documents(client, db):
    small = ProcedureFactory(checklist=["A"])
    large = ProcedureFactory(checklist=[f"Giấy tờ {n}" for n in range(30)])
    with CaptureQueriesContext(connection) as few:
        client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        client.get(large.get_absolute_url())
    assert len(few) == len(many)


# --- home --------------------------------------------------------------------------------


def test_home_lists_frequent_procedures_and_fields_that_hold_published_ones(client, db):
    ProcedureFactory(name="Đăng ký khai sinh", is_frequent=True, field=FieldFactory(name="Hộ tịch"))
    ProcedureFactory(name="Thủ tục hiếm", is_frequent=False)
    ProcedureFactory(field=FieldFactory(code="an", name="Lĩnh vực ẩn"), is_published=False)
    response = client.get("/")
    text = page_text(response)
    assert "Đăng ký khai sinh" in text
    assert "Thủ tục hiếm" not in text
    assert "Hộ tịch 1 thủ tục" in text
    assert "Lĩnh vực ẩn" not in text
    assert f"{SEARCH}?field=" in response.content.decode()


# --- presentation helpers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "shown"), [(8000, "8.000 đồng"), (1500000, "1.500.000 đồng"), (0, "0 đồng")]
)
def test_vnd_groups_thousands_with_dots_in_vietnamese(amount, shown):
    with translation.override("vi"):
        assert vnd(amount) == shown


def test_vnd_of_no_amount_is_empty():
    assert vnd(None) == ""


@pytest.mark.parametrize(
    ("amount", "unit", "shown"),
    [
        (Decimal("5.0"), TimeUnit.WORKING_DAYS, "5 ngày làm việc"),
        (Decimal("0.5"), TimeUnit.WORKING_DAYS, "0,5 ngày làm việc"),
        (Decimal(8), TimeUnit.WORKING_HOURS, "8 giờ làm việc"),
        (Decimal(30), TimeUnit.CALENDAR_DAYS, "30 ngày"),
        (None, TimeUnit.SAME_DAY, "Trong ngày"),
    ],
)
def test_duration_reads_as_vietnamese(amount, unit, shown):
    with translation.override("vi"):
        assert duration(amount, unit) == shown


def test_document_form_and_channel_labels_come_from_the_catalogue(client, db):
    procedure = ProcedureFactory(checklist=["Giấy ủy quyền"])
    procedure.documents.update(form=DocumentForm.CERTIFIED_COPY, is_mandatory=False)
    procedure.processing_times.filter(channel=Channel.COUNTER).delete()
    text = page_text(client.get(procedure.get_absolute_url()))
    assert "Bản sao có chứng thực" in text
    assert "Nếu có" in text
    assert "Trực tiếp:" not in text


def test_a_fee_published_as_free_reads_free_not_set_locally(client, birth_registration):
    FeeFactory(
        procedure=birth_registration, name="Phí cấp bản sao", amount_vnd=None, exemption="Miễn phí"
    )
    text = page_text(client.get("/thu-tuc/1.001193/"))
    fee_row = text.split("Phí cấp bản sao", 1)[1][:60]
    assert "Miễn phí" in fee_row
    assert "Theo quy định của địa phương" not in text
