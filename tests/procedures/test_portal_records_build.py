"""What the parser rejects, the times fixed by law that keep a record, and build_catalogue.

Expected values were read from the raw records in fixtures/portal/, not from the parser's
output; the parser's section-by-section tests are in test_portal_records.py.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from procedures.exchange import dump_json
from procedures.portal_records import Adjustment, Problem, TimeOverride, parse_record
from procedures.portal_records.applicability import class_counts
from tests.procedures.test_portal_records import FIXTURES, raw

# Decree 23/2015/NĐ-CP art. 7(1) fixes the time of copy and signature certification.
SAME_DAY_SOURCE = "Nghị định 23/2015/NĐ-CP, Điều 7 khoản 1"
SAME_DAY = [{"channel": "counter", "amount": 0, "unit": "same_day"}]


def law_time(rows: list[dict[str, Any]] = SAME_DAY, source: str = SAME_DAY_SOURCE) -> TimeOverride:
    override = TimeOverride.from_entry({"processing_times": rows, "source": source})
    assert override is not None
    return override


def with_fee(code: str, old: str, new: str) -> dict[str, str]:
    """The fixture record with one fee cell changed, as a flawed portal page would have it."""
    record = raw(code)
    assert old in record["cach_thuc_thuc_hien"]
    return {**record, "cach_thuc_thuc_hien": record["cach_thuc_thuc_hien"].replace(old, new)}


# --- Rejected records --------------------------------------------------------------------


def test_record_without_processing_time_is_rejected() -> None:
    # 2.000815 (chứng thực bản sao): "Trực tiếpKhông có thông tin2,000 Việt Nam Đồng…"
    result = parse_record(raw("2.000815"))
    assert not result.reliable
    assert result.procedure is None
    assert result.problems == {Problem.NO_TIME}


def test_fees_of_a_row_without_time_are_still_checked() -> None:
    # Otherwise a missing time would hide a broken fee, and a law time would publish it.
    record = with_fee("2.000815", "2,000 Việt Nam Đồng", "50 VNĐ")
    assert parse_record(record).problems == {Problem.NO_TIME, Problem.FEE_IMPLAUSIBLE}


def test_fee_below_a_thousand_dong_is_rejected() -> None:
    # "50 VNĐ((áp dụng mức phí 25.000 đồng/hồ sơ …))": thousands dropped on the portal.
    result = parse_record(raw("1.002010"))
    assert result.problems == {Problem.FEE_IMPLAUSIBLE}


def test_malformed_code_is_rejected() -> None:
    record = {**raw("1.004222"), "ma_thu_tuc": "1.4222"}
    assert parse_record(record).problems == {Problem.BAD_CODE}


def test_unknown_level_is_rejected() -> None:
    record = {**raw("1.004222"), "cap_thuc_hien": "Cấp huyện"}
    assert parse_record(record).problems == {Problem.BAD_LEVEL}


def test_overlong_name_is_cut_at_a_word_and_flagged() -> None:
    record = {**raw("1.004222"), "ten_thu_tuc": "Đăng ký " + "thường trú " * 60}
    result = parse_record(record)
    assert result.procedure is not None
    assert len(result.procedure["name"]) <= 500
    name = result.procedure["name"]
    assert name.endswith("…")
    assert record["ten_thu_tuc"].startswith(name.removesuffix("…") + " ")
    assert Adjustment.NAME_TRUNCATED in result.adjustments


# --- Times fixed by law ------------------------------------------------------------------


def test_law_time_keeps_a_record_whose_only_flaw_is_the_missing_time() -> None:
    result = parse_record(raw("2.000815"), override=law_time())
    assert result.procedure is not None
    assert result.procedure["processing_times"] == [
        {
            "channel": "counter",
            "amount": 0,
            "unit": "same_day",
            "note": "Căn cứ: Nghị định 23/2015/NĐ-CP, Điều 7 khoản 1.",
        }
    ]
    assert result.adjustments == {Adjustment.TIME_FROM_LAW}
    # Both counter rows' fees, as the portal gives them: đồng at home, dollars abroad.
    assert [(fee["name"], fee["amount_vnd"]) for fee in result.procedure["fees"]] == [
        ("Phí, lệ phí", 2000),
        ("Phí, lệ phí: 10 USD", None),
    ]
    assert result.procedure["online_mode"] == "offline"
    assert result.procedure["on_the_spot"] is False  # curated in frequent.json, not here


def test_law_time_keeps_its_own_note_before_the_citation() -> None:
    rows = [{**SAME_DAY[0], "note": "Nhận sau 15 giờ thì trả ngày làm việc tiếp theo."}]
    result = parse_record(raw("2.000815"), override=law_time(rows))
    assert result.procedure is not None
    assert result.procedure["processing_times"][0]["note"] == (
        "Nhận sau 15 giờ thì trả ngày làm việc tiếp theo. "
        "Căn cứ: Nghị định 23/2015/NĐ-CP, Điều 7 khoản 1."
    )


def test_law_time_does_not_rescue_a_record_with_other_flaws() -> None:
    record = with_fee("2.000815", "2,000 Việt Nam Đồng", "50 VNĐ")
    result = parse_record(record, override=law_time())
    assert result.procedure is None
    assert result.problems == {Problem.NO_TIME, Problem.FEE_IMPLAUSIBLE}


def test_law_time_is_not_used_when_the_portal_gives_a_time() -> None:
    result = parse_record(raw("1.004222"), override=law_time())
    assert result.procedure is not None
    assert [t["amount"] for t in result.procedure["processing_times"]] == [7, 7]
    assert Adjustment.TIME_FROM_LAW not in result.adjustments


def test_law_time_must_name_exactly_the_channels_the_portal_lists() -> None:
    rows = [*SAME_DAY, {"channel": "online", "amount": 0, "unit": "same_day"}]
    with pytest.raises(ValueError, match="counter, online"):
        parse_record(raw("2.000815"), override=law_time(rows))


def test_entry_without_law_time_has_no_override() -> None:
    assert TimeOverride.from_entry({"code": "1.001193", "on_the_spot": True}) is None


@pytest.mark.parametrize(
    "entry",
    [
        {"processing_times": SAME_DAY},
        {"processing_times": SAME_DAY, "source": " "},
        {"source": SAME_DAY_SOURCE},
        {"processing_times": [], "source": SAME_DAY_SOURCE},
        {"processing_times": [{**SAME_DAY[0], "days": 1}], "source": SAME_DAY_SOURCE},
        {"processing_times": [{"channel": "counter", "unit": "same_day"}], "source": "x"},
        {"processing_times": [{**SAME_DAY[0], "unit": "months"}], "source": "x"},
        {"processing_times": [{**SAME_DAY[0], "channel": "fax"}], "source": "x"},
        {"processing_times": [{**SAME_DAY[0], "amount": -1}], "source": "x"},
        {"processing_times": [{**SAME_DAY[0], "amount": "2"}], "source": "x"},
        {"processing_times": [SAME_DAY[0], SAME_DAY[0]], "source": "x"},
    ],
)
def test_malformed_law_time_is_refused(entry: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        TimeOverride.from_entry(entry)


# --- The command -------------------------------------------------------------------------


def write_frequent(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"procedures": entries}), encoding="utf-8")
    return path


@pytest.fixture
def frequent_file(tmp_path: Path) -> Path:
    entries = [{"code": "1.001193", "online_mode": "full", "on_the_spot": True}]
    return write_frequent(tmp_path / "frequent.json", entries)


def build(frequent: Path, output: Path) -> str:
    out = io.StringIO()
    call_command(
        "build_catalogue", str(FIXTURES), output=str(output), frequent=str(frequent), stdout=out
    )
    return out.getvalue()


def test_build_catalogue_reports_counts_by_reason(tmp_path: Path, frequent_file: Path) -> None:
    output = tmp_path / "catalogue.json"
    summary = build(frequent_file, output)
    assert "Đã đọc: 9 hồ sơ" in summary
    assert "Giữ lại: 7 thủ tục" in summary
    assert "Loại bỏ: 2 hồ sơ" in summary
    assert f"{Problem.NO_TIME.value}: 1" in summary
    assert f"{Problem.FEE_IMPLAUSIBLE.value}: 1" in summary
    assert "Thủ tục thường xuyên: 1" in summary
    document = json.loads(output.read_text(encoding="utf-8"))
    rows = [row for procedure in document["procedures"] for row in procedure["documents"]]
    counts = class_counts(rows)
    # Birth registration alone gives 4 conditions and 3 channel rows.
    assert counts["condition"] >= 4 and counts["channel"] >= 3
    assert f"Thành phần hồ sơ: {len(rows)} dòng" in summary
    for name, count in counts.items():
        assert f"  - {name} (" in summary
        assert re.search(rf"  - {name} \([^)]*\): {count}\n", summary), name
    birth = next(p for p in document["procedures"] if p["code"] == "1.001193")
    assert (birth["is_frequent"], birth["online_mode"], birth["on_the_spot"]) == (
        True,
        "full",
        True,
    )


def test_build_catalogue_writes_as_export_does(tmp_path: Path, frequent_file: Path) -> None:
    output = tmp_path / "catalogue.json"
    build(frequent_file, output)
    text = output.read_text(encoding="utf-8")
    assert dump_json(json.loads(text)) == text
    birth = next(p for p in json.loads(text)["procedures"] if p["code"] == "1.001193")
    # The portal lists online, postal, counter; an export orders time limits by channel.
    assert [t["channel"] for t in birth["processing_times"]] == ["counter", "online", "postal"]
    assert [f["channel"] for f in birth["fees"]] == ["online", "postal", "counter"]


def test_build_catalogue_writes_the_same_bytes_twice(tmp_path: Path, frequent_file: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    for output in (first, second):
        build(frequent_file, output)
    assert first.read_bytes() == second.read_bytes()
    assert "Đăng ký khai sinh" in first.read_text(encoding="utf-8")  # not \u escapes


def test_build_catalogue_keeps_certification_with_its_law_time(tmp_path: Path) -> None:
    entry = {
        "code": "2.000815",
        "on_the_spot": True,
        "processing_times": SAME_DAY,
        "source": SAME_DAY_SOURCE,
    }
    frequent = write_frequent(tmp_path / "frequent.json", [entry])
    output = tmp_path / "catalogue.json"
    summary = build(frequent, output)
    assert "Giữ lại: 8 thủ tục" in summary
    assert "Loại bỏ: 1 hồ sơ" in summary
    assert f"{Adjustment.TIME_FROM_LAW.value}: 1" in summary
    copy = next(
        p
        for p in json.loads(output.read_text(encoding="utf-8"))["procedures"]
        if p["code"] == "2.000815"
    )
    assert (copy["is_frequent"], copy["on_the_spot"]) == (True, True)
    assert [(t["channel"], t["unit"]) for t in copy["processing_times"]] == [
        ("counter", "same_day")
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"code": "2.000815"}, "không có trong danh mục"),
        ({"code": "1.004222", "processing_times": SAME_DAY, "source": "x"}, "đã ghi thời hạn"),
        ({"code": "1.002010", "processing_times": SAME_DAY, "source": "x"}, "mức phí dưới"),
        ({"code": "2.000815", "processing_times": SAME_DAY}, "source"),
    ],
)
def test_build_catalogue_refuses_a_wrong_frequent_entry(
    tmp_path: Path, entry: dict[str, Any], message: str
) -> None:
    frequent = write_frequent(tmp_path / "frequent.json", [entry])
    with pytest.raises(CommandError, match=rf"{entry['code']}.*{message}"):
        build(frequent, tmp_path / "catalogue.json")
