"""Steps (trình tự thực hiện): the portal's free text, one step per line or bullet.

A line that starts in lower case continues the previous one (the portal breaks sentences,
e.g. "…hoàn tất việc sinh tại Trung \\nnộp hồ sơ."). A short line ending in ":" is a heading
and joins the line after it. A step gets a duration only when it states exactly one time span
("trong thời hạn 03 ngày làm việc"); a step naming several is a list of cases, and guessing
one of them would mislead. A fragment the portal moved from one sentence to another is put
back by rule first (:func:`~procedures.portal_records.text.repair_displaced_fragment`).
"""

from __future__ import annotations

import re

from procedures.portal_records.text import clean, repair_displaced_fragment, strip_bullet
from procedures.portal_records.times import CALENDAR_DAYS, WORKING_DAYS, WORKING_HOURS

# Only a stated time span counts: "trong thời hạn 03 ngày làm việc", "không quá 05 ngày".
# A bare "15 giờ" is a clock time ("tiếp nhận sau 15 giờ") and is left alone.
_DURATION = re.compile(
    r"(?:trong(?: thời hạn| vòng| thời gian)?|không quá|tối đa|thời hạn(?: giải quyết)?(?: là)?)"
    r"\s+(?P<amount>\d+(?:[.,]\d+)?)\s+(?P<unit>ngày làm việc|giờ làm việc|ngày|giờ)\b",
    re.IGNORECASE,
)
# "b) Bước 2", "(ii) Trường hợp": lower case, yet a new item rather than a continuation.
_ENUMERATOR = re.compile(r"^(?:\(?(?:[a-zđ]|[ivx]+|\d+)\)|[a-zđ]\.)\s?")
# "Lưu ý:" or "b) Giải quyết TTHC:" introduces the line after it rather than being a step.
_HEADING_LIMIT = 80
_UNITS = {
    "ngày làm việc": WORKING_DAYS,
    "giờ làm việc": WORKING_HOURS,
    "ngày": CALENDAR_DAYS,
    "giờ": WORKING_HOURS,
}

Step = dict[str, object]


def _is_heading(line: str) -> bool:
    return line.endswith(":") and len(line) <= _HEADING_LIMIT


def _lines(text: str) -> list[str]:
    lines: list[str] = []
    for raw in repair_displaced_fragment(clean(text)).split("\n"):
        line = strip_bullet(raw)
        if not line:
            continue
        continues = line[0].islower() and not _ENUMERATOR.match(line)
        if lines and (continues or _is_heading(lines[-1])):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return lines


def _duration(line: str) -> tuple[int | float | None, str]:
    matches = list(_DURATION.finditer(line))
    if len(matches) != 1:
        return None, ""
    amount = float(matches[0]["amount"].replace(",", "."))
    unit = _UNITS[matches[0]["unit"].lower()]
    return (int(amount) if amount == int(amount) else amount), unit


def parse_steps(text: str) -> list[Step]:
    steps: list[Step] = []
    for line in _lines(text):
        duration, unit = _duration(line)
        steps.append(
            {"description": line, "agency_role": "", "duration": duration, "duration_unit": unit}
        )
    return steps
