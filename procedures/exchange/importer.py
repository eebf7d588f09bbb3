"""Writing a validated catalogue: each procedure created or updated by its code.

Rows are written in batches with bulk queries, so the ~1,150 national procedures load in
seconds. A procedure whose exchange dict is unchanged is not touched at all; a changed one
has its columns updated and only the child lists that differ replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.db import models, transaction
from django.utils import timezone

from procedures import corrections, services
from procedures.exchange.records import (
    CHILD_LISTS,
    LIST_KEYS,
    SCALAR_FIELDS,
    assemble,
    contents_of,
)
from procedures.exchange.validation import Catalogue, validate_catalogue
from procedures.models import Agency, Field, Procedure, ProcedureLevel, RequiredDocument
from procedures.search import searchable_text

BATCH_SIZE = 100
Progress = Callable[[int, int], None]
_CHILD_SPECS = {spec.key: spec for spec in CHILD_LISTS}
_AgencyThrough = Procedure.agencies.through


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    versions: int = 0  # new ProcedureVersion rows

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class Draft:
    """One validated record as unsaved model rows, before it meets the database."""

    procedure: Procedure
    levels: list[str]
    agencies: list[str]
    children: dict[str, list[models.Model]]

    def content(self) -> dict[str, Any]:
        return assemble(
            self.procedure,
            field=self.procedure.field,
            levels=self.levels,
            agencies=self.agencies,
            children=self.children,
        )


@dataclass
class Job:
    """What to write for one procedure of a batch."""

    procedure: Procedure  # saved, or about to be created
    draft: Draft
    replace: set[str]  # list keys whose rows are rewritten
    is_new: bool


def import_catalogue(
    records: Catalogue | Sequence[Any], *, progress: Progress | None = None
) -> ImportSummary:
    """Create or update every procedure of `records` by code, all or nothing.

    `records` are exchange dicts (numbered from 1) or a :class:`Catalogue` read from a file.
    Raises CatalogueInvalid, carrying every row's errors, and writes nothing when any record
    is invalid. Fields are created when missing and renamed when the file names them
    differently; agencies must exist. `progress(done, total)` is called after each batch of
    BATCH_SIZE procedures. A new version is recorded for each published procedure whose
    content changed.
    """
    catalogue = records if isinstance(records, Catalogue) else Catalogue.of(records)
    with transaction.atomic():  # the agencies checked are the agencies linked
        return _import(validate_catalogue(catalogue), progress)


def _import(data: list[dict[str, Any]], progress: Progress | None) -> ImportSummary:
    # Administrators' checklist corrections outlive a rebuilt file: re-applied before the
    # comparison, so an unchanged procedure stays unchanged and a new version holds them.
    corrections.apply_to_records(data)
    fields, renamed = _save_fields(data)
    agency_ids = dict(
        Agency.objects.filter(
            code__in={code for record in data for code in record.get("agencies", [])}
        ).values_list("code", "pk")
    )
    summary = ImportSummary()
    for start in range(0, len(data), BATCH_SIZE):
        batch = [_draft(record, fields) for record in data[start : start + BATCH_SIZE]]
        _import_batch(batch, agency_ids, summary)
        if progress is not None:
            progress(start + len(batch), len(data))
    if renamed:
        # A renamed field changes the content of its procedures that the file did not list.
        others = Procedure.objects.filter(field__in=renamed).exclude(
            code__in=[record["code"] for record in data]
        )
        summary.versions += len(services.record_versions(procedures=others))
    return summary


def _save_fields(data: list[dict[str, Any]]) -> tuple[dict[str, Field], list[Field]]:
    """Fields by code, created when missing; and the existing fields that were renamed."""
    wanted = {record["field"]["code"]: record["field"]["name"] for record in data}
    existing = {row.code: row for row in Field.objects.filter(code__in=wanted)}
    renamed = [row for code, row in existing.items() if row.name != wanted[code]]
    for row in renamed:
        row.name = wanted[row.code]
    Field.objects.bulk_update(renamed, ["name"])
    created = Field.objects.bulk_create(
        [Field(code=code, name=name) for code, name in wanted.items() if code not in existing]
    )
    return {**existing, **{row.code: row for row in created}}, renamed


def _draft(record: dict[str, Any], fields: dict[str, Field]) -> Draft:
    scalars = {name: record[name] for name in SCALAR_FIELDS if name in record}
    procedure = Procedure(field=fields[record["field"]["code"]], **scalars)
    children = {
        spec.key: [
            _child(spec.model, item, order) for order, item in enumerate(record.get(spec.key, []))
        ]
        for spec in CHILD_LISTS
    }
    return Draft(procedure, list(record["levels"]), list(record.get("agencies", [])), children)


def _child(model: type[models.Model], item: dict[str, Any], order: int) -> models.Model:
    row = model(**item)
    if hasattr(row, "order"):  # the list position is the display order
        row.order = order
    return row


def _import_batch(batch: list[Draft], agency_ids: dict[str, int], summary: ImportSummary) -> None:
    current = list(
        Procedure.objects.select_related("field").filter(
            code__in=[draft.procedure.code for draft in batch]
        )
    )
    jobs, unchanged = _plan(batch, current)
    summary.created += sum(job.is_new for job in jobs)
    summary.updated += sum(not job.is_new for job in jobs)
    summary.unchanged += len(unchanged)
    _write_procedures(jobs)
    _replace_related(jobs, agency_ids)
    written = [job.procedure for job in jobs]
    summary.versions += len(services.record_versions(procedures=[*written, *unchanged]))


def _plan(batch: list[Draft], current: list[Procedure]) -> tuple[list[Job], list[Procedure]]:
    by_code = {procedure.code: procedure for procedure in current}
    contents = contents_of(current)
    jobs, unchanged = [], []
    for draft in batch:
        existing = by_code.get(draft.procedure.code)
        if existing is None:
            jobs.append(Job(draft.procedure, draft, set(LIST_KEYS), is_new=True))
            continue
        before, after = contents[existing.pk], draft.content()
        changed = {key for key in after if before.get(key) != after[key]}
        if changed:
            jobs.append(Job(existing, draft, changed & set(LIST_KEYS), is_new=False))
        else:
            unchanged.append(existing)
    return jobs, unchanged


def _write_procedures(jobs: list[Job]) -> None:
    now = timezone.now()
    for job in jobs:
        if not job.is_new:
            for name in SCALAR_FIELDS:
                setattr(job.procedure, name, getattr(job.draft.procedure, name))
            job.procedure.field = job.draft.procedure.field
            job.procedure.updated_at = now
        # Bulk writes bypass Procedure.save(), which keeps the folded search column.
        job.procedure.search_text = searchable_text(job.procedure.code, job.procedure.name)
    Procedure.objects.bulk_create([job.procedure for job in jobs if job.is_new])
    Procedure.objects.bulk_update(
        [job.procedure for job in jobs if not job.is_new],
        [*SCALAR_FIELDS, "field", "search_text", "updated_at"],
    )


def _replace_related(jobs: list[Job], agency_ids: dict[str, int]) -> None:
    for key in LIST_KEYS:
        targets = [job for job in jobs if key in job.replace]
        if not targets:
            continue
        model = _related_model(key)
        stale = [job.procedure.pk for job in targets if not job.is_new]
        templates = _template_files(stale) if key == "documents" else {}
        if stale:
            model._default_manager.filter(procedure_id__in=stale).delete()
        rows = [row for job in targets for row in _related_rows(key, job, agency_ids)]
        for row in rows if templates else []:
            # Uploaded form templates are not in the format: keep them by document name.
            document = cast(RequiredDocument, row)  # templates exist only for documents
            document.template_file = templates.get((document.procedure_id, document.name), "")
        model._default_manager.bulk_create(rows, batch_size=500)


def _related_model(key: str) -> type[models.Model]:
    if key == "levels":
        return ProcedureLevel
    if key == "agencies":
        return _AgencyThrough
    return _CHILD_SPECS[key].model


def _related_rows(key: str, job: Job, agency_ids: dict[str, int]) -> list[models.Model]:
    procedure, draft = job.procedure, job.draft
    if key == "levels":
        return [ProcedureLevel(procedure=procedure, level=level) for level in draft.levels]
    if key == "agencies":
        return [
            _AgencyThrough(procedure_id=procedure.pk, agency_id=agency_ids[code])
            for code in draft.agencies
        ]
    rows = draft.children[key]
    for row in rows:
        row.procedure = procedure  # type: ignore[attr-defined]
    return rows


def _template_files(procedure_ids: list[int]) -> dict[tuple[int, str], str]:
    rows = (
        RequiredDocument.objects.filter(procedure_id__in=procedure_ids)
        .exclude(template_file="")
        .values_list("procedure_id", "name", "template_file")
    )
    return {(procedure_id, name): path for procedure_id, name, path in rows}
