"""When a checklist row applies: the classification rules, on real records and on each class.

The real rows are read from the bundled catalogue (procedures/data/catalogue.json), which the
build wrote with these rules; the expected classes were decided by reading each row.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from procedures.portal_records import parse_record
from procedures.portal_records.applicability import (
    AUTHORISATION,
    WELL_KNOWN,
    applicability_class,
    class_counts,
    classify,
    group_alternatives,
)

DATA = Path(__file__).resolve().parents[2] / "procedures" / "data"
FIXTURES = Path(__file__).parent / "fixtures" / "portal"


@cache
def catalogue() -> dict[str, dict[str, Any]]:
    document = json.loads((DATA / "catalogue.json").read_text(encoding="utf-8"))
    return {procedure["code"]: procedure for procedure in document["procedures"]}


def rows(code: str) -> list[dict[str, Any]]:
    return catalogue()[code]["documents"]


def summary(row: dict[str, Any]) -> tuple[str, list[str], str | None]:
    condition = row["condition"]
    return applicability_class(row), row["channels"], condition and condition["key"]


# --- the flagship procedures ---------------------------------------------------------------


def test_birth_registration_rows_apply_as_the_law_reads():
    documents = rows("1.001193")
    assert [summary(row) for row in documents] == [
        ("condition", [], "tre-em-bi-bo-roi"),  # biên bản trẻ bị bỏ rơi
        ("condition", [], AUTHORISATION),  # văn bản ủy quyền
        ("condition", [], "khai-sinh-cho-tre-em-sinh-ra-do-mang-thai-ho"),  # mang thai hộ
        ("always", [], None),  # Giấy chứng sinh (its "trường hợp không có …" is a substitute)
        ("condition", [], "co-quan-dang-ky-ho-tich-khong-the-khai-thac-duoc-thong-tin"),
        ("channel", ["counter"], None),  # giấy tờ tùy thân "khi làm thủ tục trực tiếp"
        ("channel", ["counter", "postal"], None),  # tờ khai giấy
        ("channel", ["online"], None),  # mẫu hộ tịch điện tử tương tác
    ]
    assert documents[1]["condition"]["question"] == WELL_KNOWN[AUTHORISATION]
    assert documents[0]["condition"]["question"] == "Hồ sơ thuộc trường hợp: trẻ em bị bỏ rơi?"
    # Conditional rows are still required when their condition holds.
    assert all(row["is_mandatory"] for row in documents)


def test_birth_registration_parsed_from_the_raw_record_gives_the_same_rows():
    raw = json.loads((FIXTURES / "1.001193.json").read_text(encoding="utf-8"))
    parsed = parse_record(raw).procedure
    assert parsed is not None
    assert [summary(row) for row in parsed["documents"]] == [
        summary(row) for row in rows("1.001193")
    ]


def test_marriage_registration_rows_apply_by_channel_and_residence():
    assert [summary(row) for row in rows("1.000894")] == [
        ("channel", ["counter"], None),  # giấy tờ tùy thân, "khi làm thủ tục trực tiếp"
        ("condition", [], "co-quan-dang-ky-ho-tich-khong-the-khai-thac-duoc-thong-tin"),
        ("channel", ["online"], None),  # mẫu hộ tịch điện tử tương tác
        # tờ khai: the channel note closes the row's second sentence
        ("channel", ["counter"], None),
    ]


def test_death_registration_shares_the_civil_status_patterns():
    classes = [summary(row) for row in rows("1.001766")]
    assert classes[0] == ("condition", [], AUTHORISATION)
    assert ("channel", ["counter", "postal"], None) in classes
    assert ("channel", ["online"], None) in classes


def test_rows_under_a_case_heading_depend_on_that_case():
    # "Trường hợp người đề nghị … là người đại diện hợp pháp" heads the third row's section.
    third = rows("1.000757")[2]
    assert applicability_class(third) == "condition"
    assert third["condition"]["question"].startswith(
        "Hồ sơ thuộc trường hợp: người đề nghị cấp, cấp đổi, cấp lại thẻ căn cước"
    )


def test_a_row_opening_with_hoac_is_an_alternative_to_the_row_before():
    documents = rows("1.003777")
    assert documents[4]["name"].startswith("hoặc bản khai cá nhân")
    assert documents[3]["alternative_group"] == documents[4]["alternative_group"] != ""
    assert [applicability_class(row) for row in documents].count("alternative") == 2


def test_if_any_rows_are_optional():
    second = rows("1.000095")[1]
    assert "(nếu có)" in second["name"]
    assert applicability_class(second) == "optional"


def test_keys_shared_by_rows_of_one_procedure_share_one_question():
    for procedure in catalogue().values():
        questions: dict[str, str] = {}
        for row in procedure["documents"]:
            if row["condition"]:
                key, question = row["condition"]["key"], row["condition"]["question"]
                assert questions.setdefault(key, question) == question, procedure["code"]


def test_readme_reports_the_catalogue_class_counts():
    counts = class_counts(
        row for procedure in catalogue().values() for row in procedure["documents"]
    )
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name, count in counts.items():
        assert re.search(rf"\| `{name}` \| {count:,} \|", readme), name


# --- each rule on its own ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Giấy chứng sinh", ("always", [], None)),
        ("Các tài liệu khác có liên quan (nếu có).", ("optional", [], None)),
        (
            "Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi.",
            ("condition", [], "tre-em-bi-bo-roi"),
        ),
        (
            "Nếu người nộp là người nước ngoài thì nộp bản sao hộ chiếu.",
            ("condition", [], "nguoi-nop-la-nguoi-nuoc-ngoai"),
        ),
        (
            "Đối với trường hợp thay đổi địa điểm: văn bản đề nghị.",
            ("condition", [], "thay-doi-dia-diem"),
        ),
        ("Giấy ủy quyền theo quy định của pháp luật.", ("condition", [], AUTHORISATION)),
        (
            "Tờ khai theo mẫu (nếu nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua "
            "hệ thống bưu chính).",
            ("channel", ["counter", "postal"], None),
        ),
        ("Bản chụp giấy tờ, nếu nộp hồ sơ trực tuyến", ("channel", ["online"], None)),
        (
            "Giấy tờ tùy thân để chứng minh nhân thân khi làm thủ tục trực tiếp tại cơ quan.",
            ("channel", ["counter"], None),
        ),
        # A substitute named inside the row ("trường hợp không có … thì …") keeps it "always".
        (
            "Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người "
            "làm chứng; nếu không có người làm chứng thì phải có giấy cam đoan.",
            ("always", [], None),
        ),
        # The portal's exception in a later sentence does not make the row conditional.
        (
            "Giấy báo tử. Trường hợp người yêu cầu nộp bản điện tử thì không phải nộp bản giấy.",
            ("always", [], None),
        ),
        # "trực tiếp" not naming a way of filing is not a channel.
        ("Danh sách người trực tiếp sử dụng vũ khí", ("always", [], None)),
    ],
)
def test_rule(name, expected):
    row = {**classify(name), "alternative_group": ""}
    condition = row["condition"]
    assert (applicability_class(row), row["channels"], condition and condition["key"]) == expected


def test_a_case_heading_gives_its_rows_a_condition_or_channels():
    assert classify("Đơn đề nghị", "a) Đối với cấp mới:")["condition"] == {
        "key": "cap-moi",
        "question": "Hồ sơ thuộc trường hợp: cấp mới?",
    }
    assert classify("Đơn đề nghị", "Trường hợp thực hiện bằng hình thức trực tuyến")[
        "channels"
    ] == ["online"]
    assert classify("Đơn đề nghị", "Hồ sơ năng lực") == {
        "is_mandatory": True,
        "channels": [],
        "condition": None,
    }


def test_a_long_clause_keeps_a_short_key_of_whole_words():
    condition = classify(
        "Giấy tờ chứng minh cư trú trong trường hợp cơ quan đăng ký hộ tịch không thể khai "
        "thác được thông tin về nơi cư trú của công dân theo các phương thức quy định tại "
        "khoản 2 Điều 14 Nghị định số 104/2022/NĐ-CP."
    )["condition"]
    assert condition["key"] == "co-quan-dang-ky-ho-tich-khong-the-khai-thac-duoc-thong-tin"
    assert condition["question"].endswith("thông tin về nơi cư trú của công dân?")


def test_alternatives_need_an_explicit_hoac():
    documents = [
        {"name": "Giấy khai sinh", "alternative_group": ""},
        {"name": "hoặc trích lục khai sinh", "alternative_group": ""},
        {"name": "Sổ hộ khẩu hoặc giấy xác nhận cư trú", "alternative_group": ""},
    ]
    group_alternatives(documents)
    assert [row["alternative_group"] for row in documents] == ["nhom-1", "nhom-1", ""]


def test_class_is_the_first_that_matches():
    row = {
        "is_mandatory": False,
        "alternative_group": "nhom-1",
        "condition": {"key": "k", "question": "q"},
        "channels": ["online"],
    }
    assert applicability_class(row) == "optional"
    assert applicability_class({**row, "is_mandatory": True}) == "alternative"
    assert applicability_class({**row, "is_mandatory": True, "alternative_group": ""}) == (
        "condition"
    )
    assert applicability_class({"is_mandatory": True, "channels": ["postal"]}) == "channel"
    assert applicability_class({"is_mandatory": True}) == "always"
    assert list(class_counts([])) == ["optional", "alternative", "condition", "channel", "always"]
