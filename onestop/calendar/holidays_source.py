"""The official days off and make-up working days, from the ``holidays`` package.

The package knows the Labour Code's public holidays (art. 112), the compensatory days when a
holiday falls on a weekly rest day (art. 111(3)), and the swaps the government announced up
to its release. It does not know every announcement: :data:`ANNOUNCED_CORRECTIONS` adds the
ones it misses, each with the document that made it, so that the arithmetic follows the
official calendar even before a newer package is installed. Administrators' overrides are
applied on top of all this by :mod:`onestop.calendar.default`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import holidays

# A working Saturday the package records has no name of its own there.
MAKE_UP_DAY_NAME = "Ngày làm việc bù"

# The package's translations are "vi", "en_US" and "th"; the portal speaks "vi" and "en".
_PACKAGE_LANGUAGES = {"vi": "vi", "en": "en_US"}


@dataclass(frozen=True)
class Correction:
    """One official decision the ``holidays`` package does not know yet."""

    date: dt.date
    day_off: bool
    name: str
    source: str


ANNOUNCED_CORRECTIONS: tuple[Correction, ...] = (
    # New Year 2026: Friday 2/1 became a day off and Saturday 10/1 a working day, so that
    # public servants had 1/1 to 4/1 off (Văn phòng Chính phủ, công văn 12729/VPCP-KGVX of
    # 25/12/2025). holidays 0.109 lists 1/1/2026 only.
    Correction(
        dt.date(2026, 1, 2),
        True,
        "Ngày nghỉ (thay cho ngày 10/01/2026)",
        "12729/VPCP-KGVX",
    ),
    Correction(
        dt.date(2026, 1, 10),
        False,
        "Ngày làm việc bù (cho ngày 02/01/2026)",
        "12729/VPCP-KGVX",
    ),
)


@dataclass(frozen=True)
class OfficialDays:
    """Days off (any weekday, with their names) and make-up working days of some years."""

    days_off: dict[dt.date, str]
    working_days: dict[dt.date, str]


def package_language(language: str) -> str:
    """The ``holidays`` language code for a portal language code (Vietnamese by default)."""
    return _PACKAGE_LANGUAGES.get(language.split("-")[0].lower(), "vi")


def package_days(years: Iterable[int], language: str = "vi") -> OfficialDays:
    """What ``holidays`` alone says for `years`, names in `language` ("vi" or "en").

    Years outside the package's lunar tables (before 1901 or after 2100) simply have no
    holidays: the calendar then knows only weekends and the administrators' overrides.
    """
    wanted = set(years)
    calendar = holidays.country_holidays(
        "VN", years=sorted(wanted), language=package_language(language)
    )
    days_off = {day: str(name) for day, name in calendar.items() if day.year in wanted}
    # weekend_workdays also carries swaps of other years the package knows; keep ours only.
    working = {
        day: MAKE_UP_DAY_NAME
        for day in getattr(calendar, "weekend_workdays", ())
        if day.year in wanted and day not in days_off
    }
    return OfficialDays(days_off=days_off, working_days=working)


def official_days(years: Iterable[int], language: str = "vi") -> OfficialDays:
    """The package's days for `years` with :data:`ANNOUNCED_CORRECTIONS` applied."""
    wanted = set(years)
    result = package_days(wanted, language)
    for correction in ANNOUNCED_CORRECTIONS:
        if correction.date.year not in wanted:
            continue
        if correction.day_off:
            result.working_days.pop(correction.date, None)
            result.days_off[correction.date] = correction.name
        else:
            result.days_off.pop(correction.date, None)
            result.working_days[correction.date] = correction.name
    return result


@lru_cache(maxsize=4)
def official_days_between(first_year: int, last_year: int) -> OfficialDays:
    """:func:`official_days` for a span of years in Vietnamese, computed once per process.

    Callers must not mutate the result's dictionaries; copy them first.
    """
    return official_days(range(first_year, last_year + 1))
