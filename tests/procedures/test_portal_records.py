"""The portal record parser, section by section: header, times, fees, documents, steps, laws.

What is rejected, the times fixed by law and the build_catalogue command are tested in
test_portal_records_build.py; the committed catalogue in test_bundled_catalogue.py.

Expected values were read from the raw records in fixtures/portal/ (byte-for-byte copies of
National Public Service Portal records), not from the parser's output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from procedures.portal_records import Adjustment, Problem, parse_record
from procedures.portal_records.problems import Unreliable
from procedures.portal_records.times import read_time

FIXTURES = Path(__file__).parent / "fixtures" / "portal"


def raw(code: str) -> dict[str, str]:
    return json.loads((FIXTURES / f"{code}.json").read_text(encoding="utf-8"))


def parsed(code: str) -> dict[str, Any]:
    result = parse_record(raw(code))
    assert result.procedure is not None, result.problems
    return result.procedure


def by_channel(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["channel"], []).append(row)
    return grouped


# --- Header fields -----------------------------------------------------------------------


def test_birth_registration_is_named_as_citizens_know_it() -> None:
    procedure = parsed("1.001193")
    assert procedure["code"] == "1.001193"
    assert procedure["name"] == "Đăng ký khai sinh"
    assert procedure["field"] == {"code": "ho-tich", "name": "Hộ tịch"}
    assert procedure["levels"] == ["commune"]
    assert procedure["decision_number"] == "163/QĐ-BTP"
    assert procedure["applicants"] == "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài"


def test_no_information_placeholders_become_empty_text() -> None:
    procedure = parsed("1.001193")
    assert procedure["authority"] == ""
    assert procedure["conditions"] == ""


def test_result_keeps_document_name_without_code_and_page_chrome() -> None:
    assert parsed("1.001193")["result"] == "Giấy khai sinh"
    assert parsed("1.004222")["result"] == (
        "Cập nhật thông tin trong Cơ sở dữ liệu quốc gia về dân cư; "
        "Thông báo kết quả giải quyết thủ tục về cư trú, hủy bỏ thủ tục về cư trú; "
        "Phiếu từ chối tiếp nhận, giải quyết hồ sơ (lĩnh vực cư trú); "
        "Cập nhật thông tin trong Cơ sở dữ liệu về cư trú"
    )


def test_field_code_is_ascii_slug_of_field_name() -> None:
    assert parsed("1.004222")["field"] == {
        "code": "dang-ky-quan-ly-cu-tru",
        "name": "Đăng ký, quản lý cư trú",
    }


def test_several_levels_are_all_kept() -> None:
    assert parsed("3.000373")["levels"] == ["ministry", "province"]


def test_authority_falls_back_to_implementing_agency() -> None:
    assert parsed("1.012056")["authority"] == "Cục Trồng trọt và Bảo vệ thực vật - Bộ NN và MT"
    assert parsed("1.004222")["authority"] == "Công an cấp Xã"


def test_parsed_record_carries_the_format_defaults() -> None:
    procedure = parsed("1.012056")
    assert procedure["agencies"] == []
    assert procedure["supplement_policy"] == "restart"
    assert procedure["is_published"] is True
    assert procedure["is_frequent"] is False
    assert procedure["on_the_spot"] is False
    assert procedure["effective_from"] is None and procedure["effective_to"] is None


def test_online_channel_means_partial_online_service() -> None:
    # The portal never says "toàn trình"; full online service is curated in frequent.json.
    assert parsed("1.001193")["online_mode"] == "partial"


# --- Processing times --------------------------------------------------------------------


def test_bare_day_count_is_read_as_working_days_and_flagged() -> None:
    result = parse_record(raw("1.001193"))  # "Trực tuyến1Miễn phí…"
    assert result.procedure is not None
    times = result.procedure["processing_times"]
    assert [(t["channel"], t["amount"], t["unit"]) for t in times] == [
        ("online", 1, "working_days"),
        ("postal", 1, "working_days"),
        ("counter", 1, "working_days"),
    ]
    assert all("không kèm đơn vị" in t["note"] for t in times)
    assert Adjustment.UNIT_ASSUMED in result.adjustments


def test_ngay_lam_viec_becomes_working_days() -> None:
    times = parsed("1.004222")["processing_times"]
    assert times == [
        {"channel": "online", "amount": 7, "unit": "working_days", "note": ""},
        {"channel": "counter", "amount": 7, "unit": "working_days", "note": ""},
    ]


def test_ngay_becomes_calendar_days() -> None:
    times = parsed("1.012056")["processing_times"]
    assert {(t["channel"], t["amount"], t["unit"]) for t in times} == {
        ("online", 30, "calendar_days"),
        ("postal", 30, "calendar_days"),
        ("counter", 30, "calendar_days"),
    }


def test_gio_becomes_working_hours() -> None:
    times = parsed("3.000373")["processing_times"]
    assert [(t["channel"], t["amount"], t["unit"]) for t in times] == [
        ("online", 1, "working_hours"),
        ("counter", 1, "working_hours"),
        ("postal", 1, "working_hours"),
    ]


def test_case_rows_keep_longest_time_and_say_so() -> None:
    # 1.001471 lists every channel twice: 5 working days, and 3 for the urgent cases.
    result = parse_record(raw("1.001471"))
    assert result.procedure is not None
    times = result.procedure["processing_times"]
    assert [(t["channel"], t["amount"], t["unit"]) for t in times] == [
        ("online", 5, "working_days"),
        ("postal", 5, "working_days"),
        ("counter", 5, "working_days"),
    ]
    assert (
        times[0]["note"]
        == "Tùy trường hợp: 5 ngày làm việc; 3 ngày làm việc. Ghi thời hạn dài nhất."
    )
    assert Adjustment.LONGEST_CASE in result.adjustments


@pytest.mark.parametrize(
    ("cell", "amount", "unit"),
    [
        ("trong ngàyMiễn phí", 0, "same_day"),
        ("Trong ngàyMiễn phí", 0, "same_day"),
        ("0.5 Ngày làm việcMiễn phí", 0.5, "working_days"),
        ("1,5 Ngày làm việcMiễn phí", 1.5, "working_days"),
        ("2 Giờ làm việcMiễn phí", 2, "working_hours"),
        ("24 giờMiễn phí", 24, "working_hours"),
        ("10 ngàyMiễn phí", 10, "calendar_days"),
    ],
)
def test_time_cell_shapes_are_read(cell: str, amount: float, unit: str) -> None:
    limit, rest = read_time(cell)
    assert (limit.amount, limit.unit) == (amount, unit)
    assert rest == "Miễn phí"


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("Không có thông tinMiễn phí", Problem.NO_TIME),
        ("6 Tháng100 USD", Problem.TIME_UNIT),
        ("1200 VNĐ", Problem.TIME_GLUED_TO_FEE),
    ],
)
def test_unusable_time_cells_are_refused(cell: str, problem: Problem) -> None:
    with pytest.raises(Unreliable) as error:
        read_time(cell)
    assert error.value.problem == problem


# --- Fees --------------------------------------------------------------------------------


def test_free_fee_has_no_amount_and_says_mien_phi() -> None:
    assert parsed("1.001193")["fees"] == [
        {"channel": channel, "name": "Phí, lệ phí", "amount_vnd": None, "exemption": "Miễn phí"}
        for channel in ("online", "postal", "counter")
    ]


def test_fee_in_dong_becomes_vnd_amount() -> None:
    fees = by_channel(parsed("1.004222")["fees"])
    assert [fee["amount_vnd"] for fee in fees["online"]] == [10000]
    assert [fee["amount_vnd"] for fee in fees["counter"]] == [20000]
    assert fees["online"][0]["exemption"] == (
        "Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến "
        "thu 10.000 đồng/lần đăng ký."
    )


def test_fee_note_is_kept_as_exemption_text() -> None:
    fees = parsed("3.000373")["fees"]
    assert {(fee["amount_vnd"], fee["exemption"]) for fee in fees} == {
        (20000, "Phí thẩm định cấp giấy phép 20.000 đồng/lần.")
    }


def test_dollar_fee_stays_text_without_vnd_amount() -> None:
    assert parsed("1.000771")["fees"] == [
        {"channel": channel, "name": "Phí, lệ phí: 10 USD", "amount_vnd": None, "exemption": "/lần"}
        for channel in ("online", "postal", "counter")
    ]


def test_fee_line_in_description_adds_a_second_fee() -> None:
    # "800,000 Việt Nam Đồng(/hồ sơ)Phí: 800.000 đồng/hồ sơ (…).\n\nLệ phí: 100.000 đồng/hồ sơ."
    online = by_channel(parsed("1.002681")["fees"])["online"]
    assert [(fee["name"], fee["amount_vnd"]) for fee in online] == [
        ("Phí, lệ phí", 800000),
        ("Lệ phí", 100000),
    ]


def test_repeated_case_rows_do_not_repeat_fees() -> None:
    fees = parsed("1.001471")["fees"]
    assert [fee["channel"] for fee in fees] == ["online", "postal", "counter"]
    assert {fee["amount_vnd"] for fee in fees} == {200000}


# --- Documents ---------------------------------------------------------------------------


def test_birth_registration_checklist_keeps_documents_and_drops_notes() -> None:
    documents = parsed("1.001193")["documents"]
    # A conditional row is mandatory when its condition holds: only "(nếu có)" is optional.
    assert [(d["form"], d["is_mandatory"]) for d in documents] == [
        ("original", True),  # Trường hợp trẻ em bị bỏ rơi …
        ("original", True),  # Văn bản ủy quyền …
        ("original", True),  # Trường hợp khai sinh cho trẻ em sinh ra do mang thai hộ …
        ("original", True),  # Giấy chứng sinh …
        ("present", True),  # Giấy tờ có giá trị chứng minh thông tin về cư trú …
        ("present", True),  # Hộ chiếu/Thẻ căn cước công dân/…
        ("original", True),  # Tờ khai đăng ký khai sinh theo mẫu …
        ("original", True),  # Mẫu hộ tịch điện tử tương tác …
    ]
    assert documents[3]["name"] == (
        "Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm "
        "chứng xác nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan "
        "về việc sinh."
    )
    assert documents[6]["name"] == (
        "Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo "
        "hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính)"
    )
    assert all(d["quantity"] == 1 for d in documents)


def test_template_file_is_split_from_document_name() -> None:
    applies_always = {
        "channels": [],
        "condition": None,
        "alternative_group": "",
        "template_url": "",
    }
    assert parsed("1.012056")["documents"] == [
        {
            "name": "Chứng cứ chứng minh giống cây trồng được bảo hộ không còn đáp ứng tính đồng "
            "nhất hoặc tính ổn định như tại thời điểm cấp Bằng.",
            "form": "original",
            "quantity": 1,
            "is_mandatory": True,
            "template_name": "",
            **applies_always,
        },
        {
            "name": "Đơn yêu cầu đình chỉ hiệu lực Bằng bảo hộ giống cây trồng theo quy định tại "
            "Mẫu số 12 ban hành kèm theo Nghị định số 79/2023/NĐ-CP ngày 15/11/2023 của Chính phủ",
            "form": "original",
            "quantity": 1,
            "is_mandatory": True,
            "template_name": "Mẫu số 12.docx",
            **applies_always,
        },
    ]


def test_copies_and_quantities_are_read_from_the_count_cell() -> None:
    documents = parsed("1.002681")["documents"]
    assert [(d["form"], d["quantity"]) for d in documents] == [
        ("copy", 1),  # "…do Bộ Tài chính cấp0 bản chính,1 bản sao"
        ("original", 2),  # "2 ảnh màu cỡ 3 cm x 4 cm …2 bản chính"
        ("copy", 1),  # "Bản sao kèm bản chính để đối chiếu …1 bản chính": the name wins
        ("original", 1),
    ]
    assert documents[3]["name"] == (
        "Đơn đề nghị cấp chứng chỉ hành nghề Quản tài viên theo Mẫu TP-QTV-02"
    )
    assert documents[3]["template_name"] == "Mẫu TP-QTV-02.docx"


def test_dossier_count_line_is_not_a_document() -> None:
    names = [d["name"] for d in parsed("1.001471")["documents"]]
    assert not any(name.startswith("Số lượng hồ sơ") for name in names)
    assert any(name.startswith("Hộ chiếu phổ thông cấp lần gần nhất") for name in names)


# --- Steps -------------------------------------------------------------------------------


def test_broken_line_continues_the_previous_step() -> None:
    steps = [s["description"] for s in parsed("1.001193")["steps"]]
    assert steps[0].startswith("Nếu lựa chọn hình thức nộp hồ sơ trực tiếp")
    # The portal moved "sinh tại Trung" from the first step into this one; it is put back.
    assert steps[2].endswith("hoàn tất việc nộp hồ sơ.")
    assert not any(step == "nộp hồ sơ." for step in steps)


def test_step_duration_only_when_a_time_span_is_stated() -> None:
    steps = parsed("1.001193")["steps"]
    clock = next(s for s in steps if "sau 15 giờ" in s["description"])
    posting = next(s for s in steps if "niêm yết tại trụ sở" in s["description"])
    assert (clock["duration"], clock["duration_unit"]) == (None, "")
    assert (posting["duration"], posting["duration_unit"]) == (7, "calendar_days")


# --- Legal bases -------------------------------------------------------------------------


def test_legal_bases_pair_each_title_with_its_number() -> None:
    bases = parsed("1.001193")["legal_bases"]
    assert {
        "number": "123/2015/NĐ-CP",
        "title": "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết "
        "một số điều và biện pháp thi hành Luật Hộ tịch",
    } in bases
    assert {"number": "60/2014/QH13", "title": "Luật 60/2014/QH13"} in bases
    assert {
        "number": "03/2023/TT-BTP",
        "title": "Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp",
    } in bases
    assert [b["number"] for b in bases] == [
        "85/2019/TT-BTC",
        "104/2022/NĐ-CP",
        "123/2015/NĐ-CP",
        "08/2025/TT-BTP",
        "18/2026/NĐ-CP",
        "87/2020/NĐ-CP",
        "04/2024/TT-BTP",
        "03/2023/TT-BTP",
        "106/2021/TT-BTC",
        "04/2020/TT-BTP",
        "07/2025/NĐ-CP",
        "120/2025/NĐ-CP",
        "66.7/2025/NQ-CP",
        "60/2014/QH13",
        "01/2022/TT-BTP",
    ]


def test_year_glued_to_a_number_is_split() -> None:
    # "…ngày 29 tháng 6 năm 2023 … đến hết ngày 31 tháng 12  năm 202344/2023/TT-BTC"
    bases = {b["number"]: b["title"] for b in parsed("1.001471")["legal_bases"]}
    assert bases["44/2023/TT-BTC"].endswith("đến hết ngày 31 tháng 12 năm 2023")
    assert bases["23/2023/QH15"].endswith("sửa đổi 2023")
    assert bases["110/2020/TT-BCA"] == "Thông tư 110/2020/TT-BCA"
    assert bases["49/2019/QH14"] == "Luật 49/2019/QH14"


def test_number_cell_that_repeats_the_document_type_is_not_left_in_the_title() -> None:
    assert parsed("1.012056")["legal_bases"] == [
        {
            "number": "33/2026/NĐ-CP",
            "title": "sửa đổi, bổ sung một số điều của các Nghị định trong lĩnh vực trồng trọt "
            "và bảo vệ thực vật",
        },
        {
            "number": "79/2023/NĐ-CP",
            "title": "Quy định chi tiết một số điều và biện pháp thi hành Luật Sở hữu trí tuệ "
            "về quyền đối với giống cây trồng",
        },
    ]
