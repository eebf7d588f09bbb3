"""Processing times fixed by law for records whose portal page leaves the time blank.

The portal publishes no time limit for the certification procedures (chứng thực), although
Decree 23/2015/NĐ-CP art. 7 fixes it. A curated entry (procedures/data/frequent.json) may
give such times in the exchange format together with the citation they come from. They are
used only for a record whose one flaw is the missing time, and must name exactly the
channels the record lists, so a time is never attached to a channel the portal does not offer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from procedures.portal_records.channels import COUNTER, ONLINE, POSTAL
from procedures.portal_records.times import CALENDAR_DAYS, SAME_DAY, WORKING_DAYS, WORKING_HOURS

_CHANNELS = (ONLINE, COUNTER, POSTAL)
_UNITS = (WORKING_DAYS, CALENDAR_DAYS, WORKING_HOURS, SAME_DAY)
# The keys of a processing-time row of the exchange format; `note` may be left out.
_ROW_KEYS = ("channel", "amount", "unit", "note")
_REQUIRED_KEYS = ("channel", "amount", "unit")

Row = dict[str, object]


@dataclass(frozen=True)
class TimeOverride:
    """The processing times of one procedure and the legal text that fixes them."""

    processing_times: tuple[Row, ...]
    source: str

    @classmethod
    def from_entry(cls, entry: Mapping[str, Any]) -> TimeOverride | None:
        """The override a curated entry carries, or None; ValueError when it is malformed."""
        if "processing_times" not in entry and "source" not in entry:
            return None
        rows, source = entry.get("processing_times"), entry.get("source")
        if not isinstance(source, str) or not source.strip():
            raise ValueError("processing_times cần kèm “source” ghi văn bản pháp luật quy định")
        if not isinstance(rows, list) or not rows:
            raise ValueError("“source” chỉ đi kèm một danh sách processing_times không rỗng")
        for row in rows:
            _check_row(row)
        channels = [row["channel"] for row in rows]
        if len(channels) != len(set(channels)):
            raise ValueError("processing_times có một hình thức nộp hơn một lần")
        return cls(tuple(dict(row) for row in rows), source.strip())

    def rows_for(self, listed: Sequence[str]) -> list[Row]:
        """The rows for a record listing `listed` channels; ValueError unless they match."""
        given = [str(row["channel"]) for row in self.processing_times]
        if set(given) != set(listed):
            raise ValueError(
                f"processing_times ghi hình thức nộp {', '.join(sorted(given))} nhưng Cổng "
                f"liệt kê {', '.join(sorted(listed))}"
            )
        return [self._row(row) for row in self.processing_times]

    def _row(self, row: Row) -> Row:
        # The citation goes into the note, so whoever reads the catalogue sees that the time
        # comes from the law and not from the portal page.
        own_note = str(row.get("note", "")).strip()
        note = " ".join(part for part in (own_note, f"Căn cứ: {self.source}.") if part)
        return {
            "channel": row["channel"],
            "amount": row["amount"],
            "unit": row["unit"],
            "note": note,
        }


def _check_row(row: object) -> None:
    if not isinstance(row, Mapping):
        raise ValueError("mỗi dòng processing_times phải là một đối tượng JSON")
    unknown = [str(key) for key in row if key not in _ROW_KEYS]
    if unknown:
        raise ValueError(f"khóa không có trong định dạng: {', '.join(unknown)}")
    missing = [key for key in _REQUIRED_KEYS if key not in row]
    if missing:
        raise ValueError(f"dòng processing_times thiếu khóa: {', '.join(missing)}")
    if row["channel"] not in _CHANNELS:
        raise ValueError(f"hình thức nộp “{row['channel']}” không hợp lệ")
    if row["unit"] not in _UNITS:
        raise ValueError(f"đơn vị thời gian “{row['unit']}” không hợp lệ")
    amount = row["amount"]
    if isinstance(amount, bool) or not isinstance(amount, int | float) or amount < 0:
        raise ValueError(f"thời hạn “{amount}” phải là số không âm")
    if not isinstance(row.get("note", ""), str):
        raise ValueError("ghi chú (note) phải là chuỗi ký tự")
