"""The flattened "Thành phần hồ sơ" table: document name, template file and quantity, glued.

``* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượng- Tờ khai …;Mẫu số 04.docx1 bản chính``

Every item ends with its quantity ("1 bản chính", "0 bản chính,1 bản sao"), which is the only
reliable separator; a quantity inside prose is preceded by a space or "(" and is skipped. The
text between an item's quantity and the next column header is a section title: "Giấy tờ
phải xuất trình" makes the following items ``present``, "Lưu ý" makes them notes.

Heuristics, because the portal gives no structure beyond that:
- an item with no original and no copy ("0 bản chính") is an explanation, not a document;
- a name starting "Bản sao có chứng thực" / "Bản sao" / "Bản chính" sets the form, otherwise
  copies only means ``copy`` and any original means ``original`` with the original count;
- when the item applies (channels, condition, alternatives, "(nếu có)") is read by
  :mod:`procedures.portal_records.applicability` from the item's text and the case heading
  it sits under: a "Trường hợp …" section title before the column header, or a zero-quantity
  "Trường hợp …:" line. A heading holds until the next section or heading.
"""

from __future__ import annotations

import re

from onestop.text import fold
from procedures.portal_records import applicability
from procedures.portal_records.problems import Adjustment
from procedures.portal_records.templates import split_template
from procedures.portal_records.text import one_line, strip_bullet

# Values of procedures.models.DocumentForm.
ORIGINAL = "original"
COPY = "copy"
CERTIFIED_COPY = "certified_copy"
PRESENT = "present"

COLUMN_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
_SECTION_BREAK = "\x00"
_QUANTITY = re.compile(
    r"(?<![\s(\d])(?P<first>\d+) bản (?P<first_kind>chính|sao)"
    r"(?:,\s?(?P<second>\d+) bản (?P<second_kind>chính|sao))?"
)
_CERTIFIED = ("ban sao co chung thuc", "ban sao chung thuc", "ban sao duoc chung thuc")

Document = dict[str, object]


def _counts(match: re.Match[str]) -> tuple[int, int]:
    originals = copies = 0
    pairs = ((match["first"], match["first_kind"]), (match["second"], match["second_kind"]))
    for number, kind in pairs:
        if number is None:
            continue
        if kind == "chính":
            originals += int(number)
        else:
            copies += int(number)
    return originals, copies


def _form(name: str, originals: int, copies: int, section: str) -> str:
    if section == PRESENT:
        return PRESENT
    folded = fold(name)
    if folded.startswith(_CERTIFIED):
        return CERTIFIED_COPY
    if folded.startswith("ban sao"):
        return COPY
    if folded.startswith("ban chinh") or originals:
        return ORIGINAL
    return CERTIFIED_COPY if "ban sao co chung thuc" in folded else COPY


def _is_count(name: str) -> bool:
    # "* Số lượng hồ sơ: 01 (một) bộ." carries a quantity but is not a document.
    return fold(name).startswith("so luong ho so")


def _section_kind(title: str, current: str) -> str:
    folded = fold(title)
    if "luu y" in folded:
        return "note"
    if "xuat trinh" in folded:
        return PRESENT
    return "submit" if folded or current == "note" else current


def _heading_after(chunk: str, match: re.Match[str], heading: str) -> str:
    """The case heading for the rows that follow a zero-quantity line, or the current one."""
    originals, copies = _counts(match)
    line = strip_bullet(one_line(chunk))
    if originals + copies == 0 and line.endswith(":"):
        # A "Trường hợp …:" line opens a case; any other list title ends the current one.
        return line if applicability.is_case_heading(line) else ""
    return heading


def _item(
    text: str, match: re.Match[str], section: str, heading: str
) -> tuple[Document | None, bool]:
    originals, copies = _counts(match)
    name, template, cut = split_template(text)
    name = strip_bullet(one_line(name)).rstrip(" ;,")
    if section == "note" or not name or originals + copies == 0 or _is_count(name):
        return None, False
    applies = applicability.classify(name, heading)
    document = {
        "name": name,
        "form": _form(name, originals, copies, section),
        "quantity": originals or copies,
        "is_mandatory": applies["is_mandatory"],
        "template_name": template,
        "channels": applies["channels"],
        "condition": applies["condition"],
        "alternative_group": "",
        "template_url": "",
    }
    return document, cut


def parse_documents(table: str) -> tuple[list[Document], set[Adjustment]]:
    text = table.replace(COLUMN_HEADER, _SECTION_BREAK)
    documents: list[Document] = []
    adjustments: set[Adjustment] = set()
    section, heading, start = "submit", "", 0
    for match in _QUANTITY.finditer(text):
        chunk = text[start : match.start()]
        start = match.end()
        if _SECTION_BREAK in chunk:
            title, _, chunk = chunk.rpartition(_SECTION_BREAK)
            title = title.replace(_SECTION_BREAK, " ")
            section = _section_kind(title, section)
            title = strip_bullet(one_line(title))
            heading = title if applicability.is_case_heading(title) else ""
        document, cut = _item(chunk, match, section, heading)
        heading = _heading_after(chunk, match, heading)
        if document:
            documents.append(document)
        if cut:
            adjustments.add(Adjustment.TEXT_TRUNCATED)
    applicability.group_alternatives(documents)
    applicability.unify_questions(documents)
    return documents, adjustments
