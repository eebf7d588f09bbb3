"""Which checklist rows a dossier must bring: each class of row, pure functions only."""

import pytest

from dossiers.applicability import (
    MISSING,
    NOT_NEEDED,
    ON_PAPER,
    UPLOADED,
    answers_errors,
    applicable_rows,
    positions_errors,
    questions,
    row_statuses,
    unmet_requirements,
)
from tests.factories import BIRTH_REGISTRATION_ROWS

BIRTH = {"documents": BIRTH_REGISTRATION_ROWS}
PROXY = "uy-quyen"


def names(rows):
    return [row.name for row in rows]


def test_a_row_written_before_the_new_keys_applies_always_and_is_required():
    content = {"documents": [{"name": "Tờ khai", "is_mandatory": True}, {"name": "CCCD"}]}
    assert names(applicable_rows(content, "online", {})) == ["Tờ khai", "CCCD"]
    assert unmet_requirements(content, "online", {}, set()) == ["Tờ khai", "CCCD"]
    assert unmet_requirements(content, "online", {}, {1, 2}) == []


def test_a_condition_not_declared_means_the_row_is_not_required():
    assert "Văn bản ủy quyền" not in names(applicable_rows(BIRTH, "online", {}))
    assert "Văn bản ủy quyền" not in unmet_requirements(BIRTH, "online", {}, set())
    assert "Văn bản ủy quyền" not in unmet_requirements(BIRTH, "online", {PROXY: False}, set())


def test_a_condition_answered_yes_makes_the_row_required():
    assert "Văn bản ủy quyền" in names(applicable_rows(BIRTH, "online", {PROXY: True}))
    assert "Văn bản ủy quyền" in unmet_requirements(BIRTH, "online", {PROXY: True}, {1, 2})
    assert unmet_requirements(BIRTH, "online", {PROXY: True}, {1, 2, 4}) == []


def test_a_truthy_answer_that_is_not_yes_does_not_make_the_row_required():
    assert "Văn bản ủy quyền" not in unmet_requirements(BIRTH, "online", {PROXY: "true"}, set())


@pytest.mark.parametrize("member", [2, 3])
def test_an_alternatives_group_is_satisfied_by_any_member(member):
    assert unmet_requirements(BIRTH, "online", {}, {1, member}) == []


def test_an_unsatisfied_alternatives_group_is_named_by_its_members():
    assert unmet_requirements(BIRTH, "online", {}, {1}) == [
        "một trong: Giấy chứng sinh / Văn bản của người làm chứng xác nhận việc sinh"
    ]


def test_a_group_whose_members_do_not_apply_is_not_required():
    content = {
        "documents": [
            {"name": "A", "alternative_group": "g", "condition": {"key": "k", "question": "?"}},
            {"name": "B", "alternative_group": "g", "channels": ["counter"]},
        ]
    }
    assert unmet_requirements(content, "online", {}, set()) == []
    assert unmet_requirements(content, "counter", {}, set()) == ["một trong: B"]
    assert unmet_requirements(content, "counter", {"k": True}, set()) == ["một trong: A / B"]


def test_a_channel_row_applies_only_to_its_channels():
    assert "Tờ khai bản giấy có chữ ký" not in names(applicable_rows(BIRTH, "online", {}))
    assert "Tờ khai bản giấy có chữ ký" in names(applicable_rows(BIRTH, "counter", {}))
    assert unmet_requirements(BIRTH, "online", {}, {1, 2}) == []
    assert unmet_requirements(BIRTH, "counter", {}, {1, 2}) == ["Tờ khai bản giấy có chữ ký"]
    assert unmet_requirements(BIRTH, "postal", {}, {1, 2}) == []


def test_an_optional_row_applies_but_is_never_required():
    assert "Giấy chứng nhận kết hôn" in names(applicable_rows(BIRTH, "online", {}))
    assert "Giấy chứng nhận kết hôn" not in unmet_requirements(BIRTH, "online", {}, set())


def test_an_optional_conditional_row_applies_only_when_its_condition_holds():
    content = {
        "documents": [
            {"name": "X", "is_mandatory": False, "condition": {"key": "k", "question": "?"}}
        ]
    }
    assert applicable_rows(content, "online", {}) == []
    assert names(applicable_rows(content, "online", {"k": True})) == ["X"]
    assert unmet_requirements(content, "online", {"k": True}, set()) == []


def test_questions_are_those_the_rows_use_once_each_for_the_channel():
    content = {
        "documents": [
            {"name": "A", "condition": {"key": "k", "question": "Câu k?"}},
            {"name": "B", "condition": {"key": "k", "question": "Câu k?"}},
            {"name": "C", "channels": ["counter"], "condition": {"key": "q", "question": "Câu q?"}},
        ]
    }
    assert [(q.key, q.text) for q in questions(content)] == [("k", "Câu k?"), ("q", "Câu q?")]
    assert [q.key for q in questions(content, "online")] == ["k"]
    assert questions({"documents": [{"name": "A"}]}) == []


def test_each_applicable_row_has_a_status():
    statuses = row_statuses(BIRTH, "counter", {}, uploaded={1}, on_paper={3})
    assert [(row.position, status) for row, status in statuses] == [
        (1, UPLOADED),
        (2, NOT_NEEDED),
        (3, ON_PAPER),
        (5, MISSING),
        (6, NOT_NEEDED),
    ]


def test_answers_to_questions_not_asked_or_not_yes_no_are_refused():
    assert answers_errors(BIRTH, {PROXY: True}) == []
    assert "khong-co" in " ".join(answers_errors(BIRTH, {"khong-co": True}))
    assert answers_errors(BIRTH, {PROXY: "có"})


def test_positions_outside_the_checklist_are_refused():
    assert positions_errors(BIRTH, [1, 6]) == []
    assert "7" in " ".join(positions_errors(BIRTH, [7]))
    assert positions_errors(BIRTH, [0])
    assert positions_errors(BIRTH, [True])
