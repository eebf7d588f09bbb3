"""One procedure as a plain dict in the catalogue exchange format (docs/catalogue-format.md).

The same dict is what an export writes, what an import compares against to decide whether a
procedure changed, and what a :class:`~procedures.models.ProcedureVersion` freezes, so all
three agree by construction.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.db import models

from procedures.models import (
    Fee,
    Field,
    LegalBasis,
    Level,
    Procedure,
    ProcedureLevel,
    ProcedureStep,
    ProcessingTime,
    RequiredDocument,
)

FORMAT = "onestop-catalogue"
FORMAT_VERSION = 1
EXPORT_CHUNK = 500  # procedures whose child rows are read in one query per table

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
    "supplement_period_days",
    "on_the_spot",
    "is_inter_agency",
    "is_frequent",
    "effective_from",
    "effective_to",
    "is_published",
)
_BEFORE_FIELD = SCALAR_FIELDS[:2]
_AFTER_AGENCIES = SCALAR_FIELDS[2:]
_AgencyThrough = Procedure.agencies.through
# Keys added to format_version 1 after versions were first frozen, with the value a content
# without them means: an old version equals a new content that carries these defaults.
LATER_KEYS = {"supplement_period_days": None, "is_inter_agency": False}
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
        (
            "name",
            "form",
            "quantity",
            "is_mandatory",
            "template_name",
            "channels",
            "condition",
            "alternative_group",
            "template_url",
        ),
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
    children: Mapping[str, Iterable[Any]],
) -> dict[str, Any]:
    """The exchange dict of `procedure` and the related rows given (objects or namespaces).

    Shared by reads from the database and by drafts of an import, so both agree exactly.
    """
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


def _row_dict(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: plain(getattr(row, name)) for name in names}


def contents_of(procedures: Sequence[Procedure]) -> dict[int, dict[str, Any]]:
    """The exchange dict of each saved procedure, by pk, read with one query per table.

    Child rows are read as plain values rather than model objects: building ~20,000 objects
    (or one prefetch queryset per procedure) is what made a whole-catalogue read slow.
    Pass procedures fetched with ``select_related("field")`` to save a query each.
    """
    ids = [procedure.pk for procedure in procedures]
    levels = _grouped(ProcedureLevel.objects.filter(procedure_id__in=ids), "level")
    agencies = _grouped(_AgencyThrough.objects.filter(procedure_id__in=ids), "agency__code")
    children = {spec.key: _grouped_rows(spec, ids) for spec in CHILD_LISTS}
    return {
        procedure.pk: assemble(
            procedure,
            field=procedure.field,
            levels=levels.get(procedure.pk, []),
            agencies=agencies.get(procedure.pk, []),
            children={key: rows.get(procedure.pk, []) for key, rows in children.items()},
        )
        for procedure in procedures
    }


def _grouped(queryset: models.QuerySet, column: str) -> dict[int, list[Any]]:
    groups: dict[int, list[Any]] = defaultdict(list)
    for procedure_id, value in queryset.values_list("procedure_id", column):
        groups[procedure_id].append(value)
    return groups


def _grouped_rows(spec: ChildList, ids: list[int]) -> dict[int, list[SimpleNamespace]]:
    # values() keeps the model's default ordering, so each group is in display order.
    rows = spec.model._default_manager.filter(procedure_id__in=ids).values(
        "procedure_id", *spec.fields
    )
    groups: dict[int, list[SimpleNamespace]] = defaultdict(list)
    for row in rows:
        groups[row.pop("procedure_id")].append(SimpleNamespace(**row))
    return groups


def procedure_to_dict(procedure: Procedure) -> dict[str, Any]:
    """One saved procedure in the exchange format, its related rows read afresh."""
    return contents_of([procedure])[procedure.pk]


def export_catalogue(
    procedures: models.QuerySet[Procedure] | None = None,
) -> dict[str, Any]:
    """The whole catalogue (or `procedures`) as one exchange document, ordered by code."""
    queryset = Procedure.objects.all() if procedures is None else procedures
    rows = list(queryset.select_related("field").order_by("code"))
    records = []
    for start in range(0, len(rows), EXPORT_CHUNK):
        chunk = rows[start : start + EXPORT_CHUNK]
        contents = contents_of(chunk)
        records += [contents[procedure.pk] for procedure in chunk]
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "procedures": records}
