"""Administrators' corrections of checklist rows, and where they are applied.

A :class:`~procedures.models.ChecklistCorrection` names a row by procedure code and folded
row name. It is applied:

- at once, when saved in the admin (:func:`apply_correction`): to the procedure's rows and
  to its current version's content in place, positions unchanged, so dossiers being filed
  under that version get the right checklist without a new version number;
- again on every import (:func:`apply_to_records`, called by the importer before it compares
  and writes), so a rebuilt catalogue loaded with ``import_procedures`` or the bundled
  catalogue load keeps the correction, and the version it records already holds it.

See docs/adr/0012-checklist-corrections.md for why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from procedures.models import (
    ChecklistCorrection,
    Procedure,
    ProcedureVersion,
    RequiredDocument,
    checklist_row_key,
)

Row = MutableMapping[str, Any]


@dataclass(frozen=True)
class Applied:
    """What one correction changed: rows of the procedure and whether a version was patched."""

    rows: int
    version: int | None  # number of the version whose content was corrected


def apply_to_rows(rows: Iterable[Row], corrections: Mapping[str, ChecklistCorrection]) -> int:
    """Set the corrected keys on every row whose folded name has a correction; in place.

    `corrections` are one procedure's, by row key. Returns how many rows changed.
    """
    changed = 0
    for row in rows:
        correction = corrections.get(checklist_row_key(str(row.get("name", ""))))
        if correction is None:
            continue
        values = correction.row_values()
        if any(row.get(key) != value for key, value in values.items()):
            row.update(values)
            changed += 1
    return changed


def corrections_for(codes: Iterable[str]) -> dict[str, dict[str, ChecklistCorrection]]:
    """The corrections of the procedures `codes`, by code then row key, in one query."""
    found: dict[str, dict[str, ChecklistCorrection]] = defaultdict(dict)
    for correction in ChecklistCorrection.objects.filter(procedure_code__in=set(codes)):
        found[correction.procedure_code][correction.row_key] = correction
    return found


def apply_to_records(records: list[dict[str, Any]]) -> int:
    """Apply the stored corrections to exchange records about to be imported; in place."""
    corrections = corrections_for(record["code"] for record in records)
    return sum(
        apply_to_rows(record.get("documents", []), corrections[record["code"]])
        for record in records
        if record["code"] in corrections
    )


@transaction.atomic
def apply_correction(correction: ChecklistCorrection) -> Applied:
    """Apply one saved correction to its procedure's rows and current version, now.

    Does nothing when the procedure is not (yet) in the catalogue: the next import applies it.
    The current version is patched rather than superseded: the correction says what the
    procedure always meant, and a dossier filed under that version must be held to it.
    """
    procedure = Procedure.objects.filter(code=correction.procedure_code).first()
    if procedure is None:
        return Applied(rows=0, version=None)
    values = correction.row_values()
    documents = [
        document
        for document in procedure.documents.all()
        if checklist_row_key(document.name) == correction.row_key
    ]
    for document in documents:
        for key, value in values.items():
            setattr(document, key, value)
    RequiredDocument.objects.bulk_update(documents, list(values))
    version = (
        ProcedureVersion.objects.select_for_update()
        .filter(procedure=procedure)
        .order_by("-number")
        .first()
    )
    if version is None:
        return Applied(rows=len(documents), version=None)
    rows = version.content.get("documents", [])
    if apply_to_rows(rows, {correction.row_key: correction}):
        version.save(update_fields=["content"])
    return Applied(rows=len(documents), version=version.number)
