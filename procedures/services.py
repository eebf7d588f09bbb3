"""Use cases of the catalogue that change more than one row."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import OuterRef, Subquery

from procedures.exchange.records import LATER_KEYS, contents_of
from procedures.models import Procedure, ProcedureVersion


@transaction.atomic
def record_version(*, procedure: Procedure) -> ProcedureVersion | None:
    """Freeze `procedure` as a new version if it is published and changed since the last one.

    Preconditions: the procedure and all its child rows (levels, agencies, time limits, fees,
    documents, steps, legal bases) are saved, so call it after inlines or imports have
    written them. The procedure row is locked until the surrounding transaction ends, so two
    concurrent edits get consecutive numbers. Returns the new version (number = latest + 1,
    also set on ``procedure.version``), or None when the procedure is unpublished or its
    content equals the latest version's. Raises ValueError for an unsaved procedure.
    """
    if procedure.pk is None:
        raise ValueError("record_version needs a saved procedure")
    created = record_versions(procedures=[procedure])
    return created[0] if created else None


@transaction.atomic
def record_versions(*, procedures: Iterable[Procedure]) -> list[ProcedureVersion]:
    """:func:`record_version` for many procedures at once, in a fixed number of queries.

    Same preconditions and rules; returns the versions created (unpublished or unchanged
    procedures get none). Used by the catalogue import.
    """
    given = {procedure.pk: procedure for procedure in procedures}
    # NO KEY UPDATE: only `version` changes, and a dossier being inserted in the same moment
    # holds a KEY SHARE lock on its procedure, which a plain FOR UPDATE would wait on (and
    # deadlock with, when two counter intakes freeze the first version at once).
    locked = list(
        Procedure.objects.select_for_update(of=("self",), no_key=True)
        .filter(pk__in=list(given))
        .published()
        .select_related("field")
        .order_by("pk")  # a fixed lock order, so two bulk calls cannot deadlock
    )
    previous = _latest_versions([procedure.pk for procedure in locked])
    contents = contents_of(locked)
    created = []
    for procedure in locked:
        content = contents[procedure.pk]
        last = previous.get(procedure.pk)
        if last is not None and {**LATER_KEYS, **last.content} == content:
            # A version frozen before a key was added means its default: unchanged.
            continue
        number = (last.number if last is not None else 0) + 1
        created.append(ProcedureVersion(procedure=procedure, number=number, content=content))
        procedure.version = number
    ProcedureVersion.objects.bulk_create(created)
    # bulk_update is a plain UPDATE: no save(), so updated_at keeps the time of the edit.
    Procedure.objects.bulk_update([version.procedure for version in created], ["version"])
    for version in created:
        given[version.procedure_id].version = version.number
    return created


def _latest_versions(procedure_ids: list[int]) -> dict[int, ProcedureVersion]:
    latest_number = (
        ProcedureVersion.objects.filter(procedure_id=OuterRef("procedure_id"))
        .order_by("-number")
        .values("number")[:1]
    )
    rows = ProcedureVersion.objects.filter(
        procedure_id__in=procedure_ids, number=Subquery(latest_number)
    )
    return {version.procedure_id: version for version in rows}
