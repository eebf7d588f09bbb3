"""Which open dossiers' stored due dates the current calendar would move.

Editing the calendar changes future computations only; the stored due dates of open
dossiers stay until an administrator asks for them to be recomputed (docs/calendar.md,
"Changing the calendar"). This module finds them; ``services.recompute_due_dates`` saves.

Only dossiers whose clock runs are considered. A dossier waiting for a supplement is left
alone: the applicant's return recomputes its due date on the calendar of that day anyway,
and until then nothing judges it against the stored one. An extended dossier is left alone
too: its due date is the leader's decision, and its original due date is the one the
extension was granted against, as its ``extend`` event records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from dossiers import deadlines
from dossiers.models import CLOCK_STATES, Dossier, DossierQuerySet

# Rows fetched per round trip; the procedure versions of a chunk come in one more query.
CHUNK_SIZE = 2000
PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class DueDateChange:
    dossier: Dossier
    old_due_at: datetime
    new_due_at: datetime


def recomputable(dossiers: DossierQuerySet | None = None) -> DossierQuerySet:
    """The dossiers of `dossiers` (default: all) whose stored due date is arithmetic."""
    base = Dossier.objects.all() if dossiers is None else dossiers
    return base.running().filter(
        received_at__isnull=False, original_due_at__isnull=False, extended_at__isnull=True
    )


def may_recompute(dossier: Dossier) -> bool:
    """The test of :func:`recomputable` on one dossier already read (and locked)."""
    return (
        dossier.state in CLOCK_STATES
        and dossier.due_at is not None
        and dossier.received_at is not None
        and dossier.original_due_at is not None
        and dossier.extended_at is None
    )


def changed_due_dates(
    dossiers: DossierQuerySet | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> Iterator[DueDateChange]:
    """Yield the recomputable dossiers whose due date on the current calendar differs from
    the stored one, in code order; call `progress` with the number examined every
    :data:`PROGRESS_EVERY` dossiers.

    Raises NoTimeLimit, or ``ValueError`` as the calendar does, on the first dossier whose
    due date cannot be computed.
    """
    rows = (
        recomputable(dossiers)
        .select_related("receiving_agency", "handling_agency")
        # Prefetched rather than joined: many dossiers share a version, whose content is
        # the whole catalogue record; a join would send it again with every dossier.
        .prefetch_related("procedure_version")
        .order_by("code")
    )
    for seen, dossier in enumerate(rows.iterator(chunk_size=CHUNK_SIZE), start=1):
        new = deadlines.recomputed_due(dossier)
        old = dossier.original_due_at
        assert old is not None  # recomputable() leaves out dossiers without one
        if new != old:
            yield DueDateChange(dossier, old, new)
        if progress is not None and seen % PROGRESS_EVERY == 0:
            progress(seen)
