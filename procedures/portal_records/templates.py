"""Template file names ("Mẫu số 04.docx") glued onto the end of a document name.

``Tờ khai … theo Mẫu số 04 … của Chính phủ;Mẫu số 04.docx`` has no separator, so the start
of the file name is found from how the two were glued: the file name starts with a capital,
a digit or a word such as "Mẫu"/"Phụ lục" that directly follows a non-space character, e.g.
"…Chính phủ;Mẫu", "…bổ sungMau 08", "…NĐ-CP.Mẫu". The leftmost such point within the last
120 characters wins: prose never glues words, while file names often do ("PhulucII").
Failing that, an issuer code running into a capitalised word ("…TT-BNNMTThuyết minh.pdf")
marks the start. When no point is found the text stays in the name, the template empty.
"""

from __future__ import annotations

import re

from procedures.portal_records.text import truncate

TEMPLATE_LIMIT = 255
_MAX_FILE_NAME = 120
_EXTENSION = re.compile(r"\.(?:docx|doc|xlsx|xls|pdf)(?![a-z])", re.IGNORECASE)
_STARTERS = ("mau", "mẫu", "mus", "phụ lục", "phu luc", "phlc")
_GLUE_BEFORE_CAPITAL = ';:)”"'


def _after_dot(char: str, before_dot: str) -> bool:
    # "Chính phủ.Mẫu" and "NĐ-CP.250605_…" are glue; "37.2025.TT" and "04.TT41" are a file name.
    if before_dot.isdigit():
        return False
    return char.isupper() or (char.isalnum() and (before_dot.islower() or before_dot == ")"))


def _is_glue(text: str, index: int) -> bool:
    char, prev, before = text[index], text[index - 1], text[index - 2 : index - 1]
    if prev.isspace() or prev == "(":
        return False
    if text[index:].lower().startswith(_STARTERS):
        return True
    if prev == ".":
        return _after_dot(char, before)
    if char.isupper():
        return prev.islower() or prev in _GLUE_BEFORE_CAPITAL
    return char.isdigit() and (prev.islower() or prev in ";)")


def _is_camel_glue(text: str, index: int) -> bool:
    # "…TT-BNNMTThuyết minh.pdf": an issuer code runs into a capitalised word.
    return (
        text[index].isupper()
        and text[index - 1].isupper()
        and text[index + 1 : index + 2].islower()
        and "/" in text[:index].rsplit(" ", 1)[-1]
    )


def _file_name_start(head: str) -> int | None:
    window = range(max(1, len(head) - _MAX_FILE_NAME), len(head))
    for test in (_is_glue, _is_camel_glue):
        for index in window:
            if test(head, index):
                return index
    return None


def split_template(text: str) -> tuple[str, str, bool]:
    """(name, template file names joined by "; ", whether the templates were cut)."""
    stripped = text.rstrip()
    first = _EXTENSION.search(stripped)
    if not first or not _EXTENSION.search(stripped[-5:] + " "):
        return text, "", False
    start = _file_name_start(stripped[: first.start()])
    if start is None:
        return text, "", False
    files, begin = [], start
    for match in _EXTENSION.finditer(stripped, first.start()):
        files.append(stripped[begin : match.end()].strip(" ;,"))
        begin = match.end()
    template, cut = truncate("; ".join(file for file in files if file), TEMPLATE_LIMIT)
    return stripped[:start], template, cut
