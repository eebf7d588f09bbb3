"""Build the bundled catalogue file from a folder of raw portal records.

Pure functions over paths and dicts; ``manage.py build_catalogue`` only adds the command line
and the printed summary. The output is stable: the same records give the same bytes, and
they are the bytes ``export_procedures`` writes for the same catalogue. Unlike the parser,
this module needs Django's settings loaded, because it writes through the exchange format.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from procedures.exchange import FORMAT, FORMAT_VERSION, dump_json
from procedures.exchange.records import CHILD_LISTS, RECORD_KEYS
from procedures.models import Level
from procedures.portal_records import Adjustment, ParseResult, Problem, TimeOverride, parse_record
from procedures.portal_records.applicability import class_counts

UNREADABLE = "tệp không đọc được (không phải JSON một đối tượng)"
DUPLICATE = "mã thủ tục trùng với một hồ sơ đã đọc"
# What frequent.json may set on a procedure, besides marking it frequent (processing times
# fixed by law are applied while parsing, see TimeOverride).
CURATED_KEYS = ("online_mode", "on_the_spot")
_ONLINE_MODES = ("full", "partial", "offline")
_LEVEL_RANK = {level: rank for rank, level in enumerate(Level.values)}


@dataclass
class Build:
    procedures: dict[str, dict[str, Any]] = field(default_factory=dict)
    read: int = 0
    rejected: int = 0
    # A rejected record may have several reasons, so these counts can add up to more.
    reasons: Counter[str] = field(default_factory=Counter)
    adjustments: Counter[str] = field(default_factory=Counter)

    def applicability(self) -> Counter[str]:
        """How many checklist rows of the kept procedures fall in each applicability class."""
        return class_counts(
            row for procedure in self.procedures.values() for row in procedure["documents"]
        )


def _load(path: Path) -> dict[str, Any] | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return raw if isinstance(raw, dict) else None


def _keep(build: Build, result: ParseResult) -> None:
    if result.procedure is None:
        build.rejected += 1
        build.reasons.update(problem.value for problem in result.problems)
    elif result.code in build.procedures:
        build.rejected += 1
        build.reasons[DUPLICATE] += 1
    else:
        build.procedures[result.code] = result.procedure
        build.adjustments.update(adjustment.value for adjustment in result.adjustments)


def overrides_from(entries: Iterable[Mapping[str, Any]]) -> dict[str, TimeOverride]:
    """The processing times fixed by law that curated entries give, by procedure code.

    Raises ValueError listing every malformed override.
    """
    overrides, errors = {}, []
    for entry in entries:
        try:
            override = TimeOverride.from_entry(entry)
        except ValueError as error:
            errors.append(f"{entry.get('code')}: {error}")
            continue
        if override is not None:
            overrides[str(entry.get("code"))] = override
    if errors:
        raise ValueError("; ".join(errors))
    return overrides


def _unused_override(result: ParseResult) -> str | None:
    """Why an override given for this record was not what kept it, if it was not."""
    if Adjustment.TIME_FROM_LAW in result.adjustments:
        return None
    if result.reliable:
        return f"{result.code}: Cổng đã ghi thời hạn, bỏ processing_times của mục này"
    others = sorted(problem.value for problem in result.problems if problem != Problem.NO_TIME)
    return f"{result.code}: hồ sơ còn lỗi ngoài thiếu thời hạn ({'; '.join(others)})"


def _parse(raw: dict[str, Any], overrides: Mapping[str, TimeOverride]) -> ParseResult:
    """The record parsed with its override, if any; ValueError when the override is wrong."""
    code = str(raw.get("ma_thu_tuc", "")).strip()
    try:
        result = parse_record(raw, override=overrides.get(code))
    except ValueError as error:
        raise ValueError(f"{code}: {error}") from error
    if code in overrides and (reason := _unused_override(result)):
        raise ValueError(reason)
    return result


def build_from(paths: Iterable[Path], overrides: Mapping[str, TimeOverride] | None = None) -> Build:
    """Parse every record file; paths are read in sorted order so duplicates resolve alike.

    `overrides` give the time of records whose only flaw is a missing time. Raises ValueError
    listing every override that does not fit its record or is not needed by it.
    """
    build, errors = Build(), []
    for path in sorted(paths):
        build.read += 1
        raw = _load(path)
        if raw is None:
            build.rejected += 1
            build.reasons[UNREADABLE] += 1
            continue
        try:
            _keep(build, _parse(raw, overrides or {}))
        except ValueError as error:
            errors.append(str(error))
    if errors:
        raise ValueError("; ".join(errors))
    return build


def _check_entry(entry: Mapping[str, Any], procedures: Mapping[str, Any]) -> str | None:
    code = entry.get("code")
    if code not in procedures:
        return f"{code}: không có trong danh mục đã dựng (thiếu hoặc bị loại)"
    if entry.get("online_mode", "partial") not in _ONLINE_MODES:
        return f"{code}: online_mode “{entry['online_mode']}” không hợp lệ"
    if not isinstance(entry.get("on_the_spot", False), bool):
        return f"{code}: on_the_spot phải là true hoặc false"
    return None


def apply_frequent(procedures: dict[str, dict[str, Any]], entries: list[dict[str, Any]]) -> int:
    """Mark the curated procedures frequent; raises ValueError listing every bad entry."""
    errors = [error for entry in entries if (error := _check_entry(entry, procedures))]
    if errors:
        raise ValueError("; ".join(errors))
    for entry in entries:
        procedure = procedures[entry["code"]]
        procedure["is_frequent"] = True
        procedure.update({key: entry[key] for key in CURATED_KEYS if key in entry})
    return sum(1 for procedure in procedures.values() if procedure["is_frequent"])


def export_shaped(procedure: Mapping[str, Any]) -> dict[str, Any]:
    """The procedure as ``export_procedures`` writes it: its keys and its lists' order.

    Mirrors :func:`procedures.exchange.records.assemble`, which orders levels by rank,
    agencies by code and processing times by channel, and keeps the other lists in order.
    """
    record = {key: procedure[key] for key in RECORD_KEYS}
    record["levels"] = sorted(record["levels"], key=_LEVEL_RANK.__getitem__)
    record["agencies"] = sorted(record["agencies"])
    for spec in CHILD_LISTS:
        rows = [{name: row[name] for name in spec.fields} for row in record[spec.key]]
        if not spec.ordered:
            rows.sort(key=lambda row: row["channel"])
        record[spec.key] = rows
    return record


def render(procedures: Mapping[str, dict[str, Any]]) -> str:
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "procedures": [export_shaped(procedures[code]) for code in sorted(procedures)],
    }
    return dump_json(document)
