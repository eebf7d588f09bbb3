"""Build the bundled catalogue file from a folder of raw portal records.

Pure functions over paths and dicts; ``manage.py build_catalogue`` only adds the command line
and the printed summary. The output is stable: the same records give the same bytes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from procedures.portal_records import ParseResult, parse_record

FORMAT = "onestop-catalogue"
FORMAT_VERSION = 1
UNREADABLE = "tệp không đọc được (không phải JSON một đối tượng)"
DUPLICATE = "mã thủ tục trùng với một hồ sơ đã đọc"
# What frequent.json may set on a procedure, besides marking it frequent.
CURATED_KEYS = ("online_mode", "on_the_spot")
_ONLINE_MODES = ("full", "partial", "offline")


@dataclass
class Build:
    procedures: dict[str, dict[str, Any]] = field(default_factory=dict)
    read: int = 0
    rejected: int = 0
    # A rejected record may have several reasons, so these counts can add up to more.
    reasons: Counter[str] = field(default_factory=Counter)
    adjustments: Counter[str] = field(default_factory=Counter)


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


def build_from(paths: Iterable[Path]) -> Build:
    """Parse every record file; paths are read in sorted order so duplicates resolve alike."""
    build = Build()
    for path in sorted(paths):
        build.read += 1
        raw = _load(path)
        if raw is None:
            build.rejected += 1
            build.reasons[UNREADABLE] += 1
            continue
        _keep(build, parse_record(raw))
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


def render(procedures: Mapping[str, dict[str, Any]]) -> str:
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "procedures": [procedures[code] for code in sorted(procedures)],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
