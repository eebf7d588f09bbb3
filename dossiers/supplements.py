"""The rules of the one supplement a dossier may be sent back for (Decree 118/2025 Điều 11(2)(c),
16(3), 17(1)(c), 17(2)(a), 19(5)): which checklist rows are asked for, how long the
applicant has to bring them, and when the handling agency's request comes too late.

Dates are the calendar's (``onestop.calendar``); this module only chooses the limits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from onestop import calendar
from procedures.models import TimeUnit

# Điều 19(5): "Sau 15 ngày kể từ khi thông báo … nếu tổ chức, cá nhân không hoàn thành việc
# hoàn thiện hồ sơ, … Bộ phận Một cửa thực hiện đóng hồ sơ". The decree writes "ngày làm
# việc" wherever it means working days (the 3 days of the same paragraph), so these are
# calendar days; a period ending on a day off runs to the close of the next working day
# (Civil Code 2015 Điều 148(5)), which the calendar's calendar-day rule does.
DEFAULT_SUPPLEMENT_PERIOD_DAYS = 15
# The version content key a procedure's own period is read from ("pháp luật chuyên ngành").
PERIOD_KEY = "supplement_period_days"
# Điều 19(5): the agency returns the dossier "không quá 03 ngày làm việc kể từ ngày tiếp nhận".
AGENCY_REQUEST_WORKING_DAYS = 3
# Stored on the dossier as written here, in the source language, whatever the reader's.
CLOSING_REASON = "Không hoàn thiện hồ sơ"


def requested_rows(items: Iterable[Any]) -> list[int]:
    """The checklist positions of a stored request (names stored before rows were numbered
    are left out: :func:`legacy_texts` reads them).
    """
    return [item for item in items if isinstance(item, int) and not isinstance(item, bool)]


def legacy_texts(items: Iterable[Any]) -> list[str]:
    """The items of a request stored as names, before rows were numbered."""
    return [str(item) for item in items if isinstance(item, str) and item.strip()]


def row_names(dossier: Any, rows: Iterable[int]) -> dict[int, str]:
    checklist = dossier.checklist()
    return {
        row: str(checklist[row - 1]["name"]) if 1 <= row <= len(checklist) else f"#{row}"
        for row in rows
    }


def requested(dossier: Any) -> list[dict[str, Any]]:
    """The rows asked for, as {"item", "name"}, for pages and messages."""
    rows = requested_rows(dossier.supplement_items)
    names = row_names(dossier, rows)
    return [{"item": row, "name": names[row]} for row in rows]


def check_rows(dossier: Any, items: Sequence[Any], field: str = "items") -> list[int]:
    """Distinct positions of `dossier`'s checklist, in order; InvalidInput naming `field`
    for one that is not a row of the version's checklist.
    """
    from dossiers.exceptions import InvalidInput

    size = len(dossier.checklist())
    rows: list[int] = []
    for item in items:
        row = item if isinstance(item, int) and not isinstance(item, bool) else None
        if row is None or not 1 <= row <= size:
            raise InvalidInput(
                {
                    field: _(
                        "Thành phần hồ sơ số %(item)s không có trong danh mục giấy tờ của "
                        "thủ tục (từ 1 đến %(size)s)."
                    )
                    % {"item": item, "size": size}
                }
            )
        if row not in rows:
            rows.append(row)
    return sorted(rows)


def period_days(dossier: Any) -> int:
    """The procedure's own supplement period, or the decree's 15 days."""
    value = dossier.procedure_version.content.get(PERIOD_KEY)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return DEFAULT_SUPPLEMENT_PERIOD_DAYS


def closing_due_at(dossier: Any, requested_at: datetime) -> datetime:
    """When the period to bring the supplement asked at `requested_at` ends."""
    return calendar.due_at(requested_at, period_days(dossier), TimeUnit.CALENDAR_DAYS)


def closing_due(dossier: Any, at: datetime) -> bool:
    """Whether the desk may close the dossier at `at`: the period passed, nothing brought."""
    due = dossier.supplement_due_at
    return due is not None and at >= due


def agency_request_limit(dossier: Any) -> datetime | None:
    """The latest moment the handling agency may ask for a supplement after appraisal:
    3 working days from the receipt of the dossier.
    """
    if dossier.received_at is None:
        return None
    return calendar.due_at(dossier.received_at, AGENCY_REQUEST_WORKING_DAYS, TimeUnit.WORKING_DAYS)


def agency_request_late(dossier: Any) -> bool:
    at = dossier.agency_supplement_at
    limit = agency_request_limit(dossier)
    return at is not None and limit is not None and at > limit


def late_warning() -> str:
    return _(
        "Cơ quan giải quyết đề nghị bổ sung quá 03 ngày làm việc kể từ ngày tiếp nhận hồ sơ "
        "(Điều 19 khoản 5 Nghị định 118/2025/NĐ-CP)."
    )
