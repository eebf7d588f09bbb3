"""Recompute stored due dates after an administrator changed the working-day calendar."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from dossiers import deadlines, tasks
from dossiers.models import Dossier, DossierEvent
from dossiers.recompute import DueDateChange, may_recompute
from dossiers.services.base import record, save_change
from onestop.outbox.queue import enqueue_on_commit


def recompute_due_dates(
    *, dossiers: Iterable[Dossier], by: Any = None, at: datetime
) -> list[DueDateChange]:
    """Store the due date the current calendar gives each of `dossiers`, and append one
    ``recompute_due`` event, at `at` by `by` (None: the system), to each that moved.

    Each dossier is its own transaction: the row is locked and read again, so a dossier
    changed since it was listed is recomputed as it is now, and one that has left the
    clock states or been extended meanwhile is skipped (see ``dossiers.recompute``). A
    second run therefore changes nothing. The applicant is e-mailed only when the due date
    moves later. Raises NoTimeLimit, or ``ValueError`` from the calendar, for a dossier
    whose due date cannot be computed; the dossiers before it keep their changes.

    No permission is checked: the calendar is the administrators', and the command that
    calls this runs on the server. A page offering it must check who asks before calling.
    """
    changes = []
    for dossier in dossiers:
        change = _recompute_one(dossier, by=by, at=at)
        if change is not None:
            changes.append(change)
    return changes


@transaction.atomic
def _recompute_one(dossier: Dossier, *, by: Any, at: datetime) -> DueDateChange | None:
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if (
        Dossier.procedure_version.is_cached(dossier)
        and dossier.procedure_version_id == locked.procedure_version_id
    ):
        # A version never changes once published: no need to read it again.
        locked.procedure_version = dossier.procedure_version
    if not may_recompute(locked):
        return None
    old, new = locked.original_due_at, deadlines.recomputed_due(locked)
    if new == old:
        return None
    locked.original_due_at = locked.due_at = new
    save_change(locked)
    event = record(
        locked,
        kind=DossierEvent.Kind.RECOMPUTE_DUE,
        by=by,
        before=locked.state,
        at=at,
        # Both in local time, as the calendar gives `new`: the history reads alike.
        details={
            "old_due_at": timezone.localtime(old).isoformat(),
            "new_due_at": timezone.localtime(new).isoformat(),
        },
    )
    if new > old:
        # More time is the applicant's to know; an earlier date only tightens the agency's.
        enqueue_on_commit(tasks.notify_applicant, str(locked.pk), event.pk)
    return DueDateChange(locked, old, new)
