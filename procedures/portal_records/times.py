"""Processing times (thời hạn giải quyết) from the "Thời gian" cell of each channel row."""

from __future__ import annotations

import re
from dataclasses import dataclass

from procedures.portal_records.problems import Adjustment, Problem, Unreliable
from procedures.portal_records.text import NO_INFO

# Values of procedures.models.TimeUnit, repeated so the parser needs no Django setup.
WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
WORKING_HOURS = "working_hours"
SAME_DAY = "same_day"

_UNITS = {
    "ngày làm việc": WORKING_DAYS,
    "giờ làm việc": WORKING_HOURS,
    "ngày": CALENDAR_DAYS,
    "giờ": WORKING_HOURS,
}
_UNIT_TEXT = {
    WORKING_DAYS: "ngày làm việc",
    CALENDAR_DAYS: "ngày",
    WORKING_HOURS: "giờ làm việc",
}
# A week has five working days of eight office hours; only used to find the longest limit.
_CALENDAR_DAYS_PER = {WORKING_DAYS: 7 / 5, CALENDAR_DAYS: 1.0, WORKING_HOURS: 7 / 5 / 8}

_SAME_DAY = re.compile(r"trong ngày", re.IGNORECASE)
_AMOUNT = re.compile(
    r"(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<unit>ngày làm việc|giờ làm việc|ngày|giờ|tháng|năm)?",
    re.IGNORECASE,
)
# A bare number directly followed by a currency: "Trực tuyến1200 VNĐ" is 1 day and 200 đồng,
# or 12 days and 00 đồng; nothing in the row tells which.
_GLUED_FEE = re.compile(r"[\d.,]*\s?(Việt Nam Đồng|VNĐ|VND|Đồng|USD)")

ASSUMED_UNIT_NOTE = (
    "Cổng Dịch vụ công quốc gia ghi thời hạn không kèm đơn vị; hiểu là ngày làm việc."
)


@dataclass(frozen=True)
class TimeLimit:
    amount: float
    unit: str
    assumed: bool = False  # the portal gave a bare number

    def as_text(self) -> str:
        if self.unit == SAME_DAY:
            return "trong ngày"
        return f"{self.amount:g} {_UNIT_TEXT[self.unit]}"

    def calendar_length(self) -> float:
        return 0.0 if self.unit == SAME_DAY else self.amount * _CALENDAR_DAYS_PER[self.unit]


def read_time(cell: str) -> tuple[TimeLimit, str]:
    """The time limit at the start of a row cell and the rest of the cell."""
    if cell.startswith(NO_INFO):
        raise Unreliable(Problem.NO_TIME)
    same_day = _SAME_DAY.match(cell)
    if same_day:
        return TimeLimit(0, SAME_DAY), cell[same_day.end() :]
    match = _AMOUNT.match(cell)
    if not match:
        raise Unreliable(Problem.NO_TIME)
    amount = float(match["amount"].replace(",", "."))
    rest = cell[match.end() :]
    unit = (match["unit"] or "").lower()
    if unit in ("tháng", "năm"):
        raise Unreliable(Problem.TIME_UNIT)
    if unit:
        return TimeLimit(amount, _UNITS[unit]), rest
    if _GLUED_FEE.match(rest):
        raise Unreliable(Problem.TIME_GLUED_TO_FEE)
    # The portal left its unit field empty. Working days are the usual unit of these limits
    # and the catalogue's default; the entry's note says the unit was assumed.
    return TimeLimit(amount, WORKING_DAYS, assumed=True), rest


def _number(amount: float) -> int | float:
    return int(amount) if amount == int(amount) else amount


def merge_limits(
    channel: str, limits: list[TimeLimit]
) -> tuple[dict[str, object], set[Adjustment]]:
    """One processing-time entry for a channel that may have several case rows."""
    first_seen: dict[tuple[float, str], TimeLimit] = {}
    for limit in limits:
        first_seen.setdefault((limit.amount, limit.unit), limit)
    distinct = list(first_seen.values())
    chosen = max(distinct, key=TimeLimit.calendar_length)
    notes, adjustments = [], set()
    if len(distinct) > 1:
        cases = "; ".join(limit.as_text() for limit in distinct)
        notes.append(f"Tùy trường hợp: {cases}. Ghi thời hạn dài nhất.")
        adjustments.add(Adjustment.LONGEST_CASE)
    if chosen.assumed:
        notes.append(ASSUMED_UNIT_NOTE)
        adjustments.add(Adjustment.UNIT_ASSUMED)
    entry: dict[str, object] = {
        "channel": channel,
        "amount": _number(chosen.amount),
        "unit": chosen.unit,
        "note": " ".join(notes),
    }
    return entry, adjustments
