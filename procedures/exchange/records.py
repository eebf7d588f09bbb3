"""One procedure as a plain dict in the catalogue exchange format (docs/catalogue-format.md).

The same dict is what an export writes, what an import compares against to decide whether a
procedure changed, and what a :class:`~procedures.models.ProcedureVersion` freezes, so all
three agree by construction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models

from procedures.models import (
    Fee,
    Field,
    LegalBasis,
    Level,
    Procedure,
    ProcedureStep,
    ProcessingTime,
    RequiredDocument,
)

FORMAT = "onestop-catalogue"
FORMAT_VERSION = 1

# Columns of Procedure carried as they are, in the order the format lists them.
SCALAR_FIELDS = (
    "code",
    "name",
    "authority",
    "applicants",
    "conditions",
    "result",
    "decision_number",
    "online_mode",
    "supplement_policy",
    "on_the_spot",
    "is_frequent",
    "effective_from",
    "effective_to",
    "is_published",
)
_BEFORE_FIELD = SCALAR_FIELDS[:2]
_AFTER_AGENCIES = SCALAR_FIELDS[2:]
_LEVEL_RANK = {level: rank for rank, level in enumerate(Level.values)}


@dataclass(frozen=True)
class ChildList:
    """A list of child rows: its key in the format (also the related name) and its columns."""

    key: str
    model: type[models.Model]
    fields: tuple[str, ...]
    # Rows with an `order` column keep the file's order; the others follow the model ordering.
    ordered: bool = True


CHILD_LISTS = (
    ChildList("processing_times", ProcessingTime, ("channel", "amount", "unit", "note"), False),
    ChildList("fees", Fee, ("channel", "name", "amount_vnd", "exemption")),
    ChildList(
        "documents",
        RequiredDocument,
        ("name", "form", "quantity", "is_mandatory", "template_name"),
    ),
    ChildList("steps", ProcedureStep, ("description", "agency_role", "duration", "duration_unit")),
    ChildList("legal_bases", LegalBasis, ("number", "title")),
)
LIST_KEYS = ("levels", "agencies", *(spec.key for spec in CHILD_LISTS))
RECORD_KEYS = (
    *_BEFORE_FIELD,
    "field",
    "levels",
    "agencies",
    *_AFTER_AGENCIES,
    *(spec.key for spec in CHILD_LISTS),
)


def plain(value: Any) -> Any:
    """A JSON value: whole decimals as int, others as float, dates in ISO form."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def assemble(
    procedure: Procedure,
    *,
    field: Field,
    levels: Iterable[str],
    agencies: Iterable[str],
    children: Mapping[str, Iterable[models.Model]],
) -> dict[str, Any]:
    """The exchange dict of `procedure`, whose related rows are given (saved or not)."""
    record: dict[str, Any] = {name: plain(getattr(procedure, name)) for name in _BEFORE_FIELD}
    record["field"] = {"code": field.code, "name": field.name}
    record["levels"] = sorted(levels, key=lambda level: _LEVEL_RANK.get(level, len(_LEVEL_RANK)))
    record["agencies"] = sorted(agencies)
    record.update((name, plain(getattr(procedure, name))) for name in _AFTER_AGENCIES)
    for spec in CHILD_LISTS:
        rows = list(children[spec.key])
        if not spec.ordered:  # ProcessingTime is ordered by channel
            rows.sort(key=lambda row: row.channel)
        record[spec.key] = [_row_dict(row, spec.fields) for row in rows]
    return record


def _row_dict(row: models.Model, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: plain(getattr(row, name)) for name in names}


def procedure_to_dict(procedure: Procedure) -> dict[str, Any]:
    """`procedure` in the exchange format; prefetch with ``Procedure.objects.with_details()``."""
    return assemble(
        procedure,
        field=procedure.field,
        levels=[row.level for row in procedure.levels.all()],
        agencies=[agency.code for agency in procedure.agencies.all()],
        children={spec.key: getattr(procedure, spec.key).all() for spec in CHILD_LISTS},
    )


def export_catalogue(
    procedures: models.QuerySet[Procedure] | None = None,
) -> dict[str, Any]:
    """The whole catalogue (or `procedures`) as one exchange document, ordered by code."""
    queryset = Procedure.objects.all() if procedures is None else procedures
    rows = queryset.with_details().order_by("code")
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "procedures": [procedure_to_dict(procedure) for procedure in rows],
    }
