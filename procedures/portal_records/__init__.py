"""Parse one National Public Service Portal record into one catalogue-format procedure.

The raw records (see the data set's README) are scraped detail pages whose tables were
flattened into glued text. :func:`parse_record` turns one record (a dict) into one procedure
dict of the exchange format (docs/catalogue-format.md), or says why the record is not
reliable enough to publish. Nothing here touches the database.

A record is reliable when every channel row yields a time limit with a unit and its fees
parse. What the parser had to interpret to keep a record is reported as an adjustment. A
record whose only flaw is a missing time is kept when the caller supplies the time the law
fixes (:class:`~procedures.portal_records.overrides.TimeOverride`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from procedures.portal_records import record
from procedures.portal_records.channels import Channels, parse_channels
from procedures.portal_records.documents import parse_documents
from procedures.portal_records.legal import parse_legal_bases
from procedures.portal_records.overrides import TimeOverride
from procedures.portal_records.problems import Adjustment, Problem, Unreliable
from procedures.portal_records.steps import parse_steps
from procedures.portal_records.text import informative, one_line

__all__ = ["Adjustment", "ParseResult", "Problem", "TimeOverride", "parse_record"]

Procedure = dict[str, Any]


@dataclass(frozen=True)
class ParseResult:
    code: str
    procedure: Procedure | None
    problems: frozenset[Problem] = field(default_factory=frozenset)
    adjustments: frozenset[Adjustment] = field(default_factory=frozenset)

    @property
    def reliable(self) -> bool:
        return self.procedure is not None


def _scalars(raw: dict[str, str]) -> tuple[Procedure, set[Adjustment]]:
    """The header fields; raises :class:`Unreliable` on the first one that is unusable."""
    name, adjustments = record.parse_name(raw.get("ten_thu_tuc", ""))
    scalars = {
        "code": record.parse_code(raw.get("ma_thu_tuc", "")),
        "name": name,
        "field": record.parse_field(raw.get("linh_vuc", "")),
        "levels": record.parse_levels(raw.get("cap_thuc_hien", "")),
        "agencies": [],  # local agencies are assigned by whoever runs the catalogue
        "authority": record.parse_authority(
            raw.get("co_quan_co_tham_quyen", ""), raw.get("co_quan_thuc_hien", "")
        ),
        "applicants": one_line(informative(raw.get("doi_tuong_thuc_hien", ""))),
        "conditions": informative(raw.get("yeu_cau_dieu_kien", "")),
        "result": record.parse_result(raw.get("ket_qua_xu_ly", "")),
        "decision_number": record.parse_decision(raw.get("so_quyet_dinh", "")),
    }
    return scalars, adjustments


def _times(
    channels: Channels, override: TimeOverride | None
) -> tuple[list[dict[str, object]], set[Problem], set[Adjustment]]:
    """The processing times, with the law's times standing in when they alone are missing."""
    if override is None or channels.problems != {Problem.NO_TIME}:
        return channels.processing_times, channels.problems, channels.adjustments
    # What was interpreted in the rows that did have a time no longer applies; fee notes do.
    kept = channels.adjustments - {Adjustment.UNIT_ASSUMED, Adjustment.LONGEST_CASE}
    return override.rows_for(channels.listed), set(), kept | {Adjustment.TIME_FROM_LAW}


def parse_record(raw: dict[str, str], *, override: TimeOverride | None = None) -> ParseResult:
    """The procedure of one raw record, or the problems that make it unreliable.

    `override` is used only when the record's one problem is a missing time; it raises
    ValueError when it does not name exactly the channels the record lists.
    """
    code = str(raw.get("ma_thu_tuc", "")).strip()
    problems: set[Problem] = set()
    try:
        scalars, adjustments = _scalars(raw)
    except Unreliable as error:
        problems.add(error.problem)
        scalars, adjustments = {}, set()
    channels = parse_channels(raw.get("cach_thuc_thuc_hien", ""))
    if problems:
        return ParseResult(code, None, frozenset(problems | channels.problems))
    processing_times, problems, channel_adjustments = _times(channels, override)
    if problems:
        return ParseResult(code, None, frozenset(problems))
    documents, document_adjustments = parse_documents(raw.get("thanh_phan_ho_so", ""))
    procedure = {
        **scalars,
        # The portal never says "toàn trình"; full online service is curated separately.
        "online_mode": "partial" if channels.has_online else "offline",
        "supplement_policy": "restart",
        # The portal states neither: the decree's 15 days, and not part of a linked group.
        "supplement_period_days": None,
        "on_the_spot": False,
        "is_inter_agency": False,
        "is_frequent": False,
        "effective_from": None,
        "effective_to": None,
        "is_published": True,
        "processing_times": processing_times,
        "fees": channels.fees,
        "documents": documents,
        "steps": parse_steps(raw.get("trinh_tu_thuc_hien", "")),
        "legal_bases": parse_legal_bases(raw.get("can_cu_phap_ly", "")),
    }
    adjustments |= channel_adjustments | document_adjustments
    return ParseResult(code, procedure, frozenset(), frozenset(adjustments))
