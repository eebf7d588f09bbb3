"""The flattened "Căn cứ pháp lý" table: title and document number, glued pair after pair.

``…quy định chi tiết … Luật Hộ tịch123/2015/NĐ-CPThông tư số 08/2025/TT-BTP ngày …08/2025/TT-BTP``

A number cell is a document number directly followed by the end, by the next title (a
capital letter then a lower-case one) or by the next number. A number inside a title has a
space on both sides ("số 123/2015/NĐ-CP ngày …") and stays in the title. A title made only of
the number ("Luật 60/2014/QH13" + "60/2014/QH13") is kept whole. Text left after the last
number becomes a basis without a number.
"""

from __future__ import annotations

import re

from procedures.portal_records.text import informative, one_line

HEADER = "Tên văn bản pháp lýMã văn bản"
NUMBER_LIMIT = 100

# Issuer segments: "NĐ-CP", "TT-BTC", "QĐ-TTg", "QĐ- TTg", "TT_BCA"; "QH13" takes exactly two
# digits so that "Luật 60/2014/QH1360/2014/QH13" splits after "QH13".
_SEGMENT = r"(?:[A-Z]*QH\d{2}|[A-ZĐ][A-ZĐƯ0-9]*g?)"
_BARE_NUMBER = re.compile(rf"\d+(?:\.\d+)?/(?:\d{{4}}/)?{_SEGMENT}(?:[-_]\s?{_SEGMENT})*")
# Not inside "66.7/…" or a date, but "…năm 201335/2013/QH13" and "…29/6/202443/2024/QH15" are
# a year glued to the number.
_NUMBER = re.compile(
    r"(?:(?<![\d/])(?<!\d\.)|(?<=\D(?:19|20)\d\d))(?!(?:19|20)\d{3,}/)" + _BARE_NUMBER.pattern
)
_NEXT_SECTION = "Cơ quan thực hiện"
_LEGISLATURE = re.compile(r"QH\d{2}$")
_NUMBER_START = re.compile(r"\d+(?:\.\d+)?/")
# A number cell sometimes repeats the document type: "…Bộ Tư phápThông tư số 03/2023/TT-BTP".
_GLUED_TYPE = re.compile(
    r"(?<=\S)(?:Thông tư liên tịch|Thông tư|Nghị định|Nghị quyết|Quyết định|Luật|Pháp lệnh)"
    r"(?: số)?\s*$"
)


def _ends_cell(text: str, start: int, end: int) -> bool:
    if end == len(text):
        return True
    following = text[end : end + 2]
    if following[:1] == " " and start > 0 and not text[start - 1].isspace():
        # "…Bộ Tư pháp18/2026/NĐ-CP Nghị định …": glued on the left, so a cell even though a
        # space follows; a number inside a title has a space on both sides.
        following = text[end + 1 : end + 3]
    if following[0].isdigit():
        return bool(_NUMBER_START.match(text, end))
    return len(following) == 2 and following[0].isupper() and following[1].islower()


def _as_cell(text: str, match: re.Match[str]) -> re.Match[str] | None:
    """The match shortened to where a cell ends ("NĐ-CPT" before "hông tư" gives "NĐ-CP").

    A cell that ends in a letter is preferred: "NĐ-CP8" before "2/2016/…" is "NĐ-CP" then
    "82/2016/…", as issuer codes rarely end in digits, except the legislature in "QH13".
    """
    ends = [
        end
        for end in range(match.end(), match.start(), -1)
        if _BARE_NUMBER.fullmatch(text, match.start(), end) and _ends_cell(text, match.start(), end)
    ]
    if not ends:
        return None
    preferred = (
        end
        for end in ends
        if text[end - 1].isalpha() or _LEGISLATURE.search(text, match.start(), end)
    )
    end = next(preferred, ends[0])
    return _BARE_NUMBER.fullmatch(text, match.start(), end)


def _number_cells(text: str) -> list[re.Match[str]]:
    cells: list[re.Match[str]] = []
    pos = 0
    while pos < len(text):
        # A number cell may start right where the previous one ended, digit against digit.
        glued = _BARE_NUMBER.match(text, pos) if cells else None
        cell = _as_cell(text, glued) if glued else None
        if cell is None:
            match = _NUMBER.search(text, pos)
            if match is None:
                break
            cell = _as_cell(text, match)
            if cell is None:
                pos = match.start() + 1
                continue
        cells.append(cell)
        pos = cell.end()
    return cells


def _clean_title(title: str) -> str:
    title = _GLUED_TYPE.sub("", one_line(title))
    return title.strip(" .,;:-")


def _pairs(text: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    start = 0
    for cell in _number_cells(text):
        title, number = _clean_title(text[start : cell.start()]), one_line(cell.group())
        if not title and pairs and pairs[-1][1] == number:
            # "Luật 60/2014/QH13" then its number cell "60/2014/QH13".
            pairs[-1] = (f"{pairs[-1][0]} {number}".strip(), number)
        else:
            pairs.append((title, number))
        start = cell.end()
    # Page chrome of the next section sometimes trails the table.
    rest = _clean_title(text[start:].split(_NEXT_SECTION)[0])
    if len(rest) > 3:
        pairs.append((rest, ""))
    return pairs


def parse_legal_bases(table: str) -> list[dict[str, str]]:
    text = informative(table.removeprefix(HEADER))
    bases: list[dict[str, str]] = []
    for title, number in dict.fromkeys(_pairs(text)):
        if len(number) > NUMBER_LIMIT:
            title, number = f"{title} {number}".strip(), ""
        bases.append({"number": number, "title": title or number})
    return bases
