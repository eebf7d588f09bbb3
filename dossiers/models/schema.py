"""The dossier table's indexes and constraints: one per list filter, one per invariant.

Every list filters on visibility (receiving or handling agency, applicant) and sorts by
creation or due date; open dossiers are scanned by due date per agency for alerts.
"""

from django.db import models
from django.db.models import Q

from dossiers.models.states import CLOCK_STATES, OPEN_STATES, State

INDEXES = [
    models.Index(fields=["state", "-created_at"], name="dossier_state_idx"),
    models.Index(fields=["-created_at"], name="dossier_created_idx"),
    models.Index(fields=["applicant_user", "-created_at"], name="dossier_applicant_idx"),
    models.Index(fields=["receiving_agency", "-created_at"], name="dossier_receiving_idx"),
    models.Index(fields=["handling_agency", "-created_at"], name="dossier_handling_idx"),
    models.Index(
        fields=["receiving_agency", "due_at"],
        name="dossier_receiving_due_idx",
        condition=Q(state__in=OPEN_STATES),
    ),
    models.Index(
        fields=["handling_agency", "due_at"],
        name="dossier_handling_due_idx",
        condition=Q(state__in=OPEN_STATES),
    ),
    # The desk's intake queue: its submitted dossiers, soonest intake deadline first.
    models.Index(
        fields=["receiving_agency", "intake_due_at"],
        name="dossier_intake_due_idx",
        condition=Q(state=State.SUBMITTED),
    ),
    models.Index(
        fields=["due_at"],
        name="dossier_running_due_idx",
        condition=Q(state__in=CLOCK_STATES),
    ),
    # The desk's list of dossiers whose supplement period ran out (Decree 118/2025 Điều 19(5)).
    models.Index(
        fields=["receiving_agency", "supplement_due_at"],
        name="dossier_supplement_due_idx",
        condition=Q(state=State.SUPPLEMENT_REQUESTED),
    ),
    # The leaders' queue: what was submitted for a decision, per agency and named leader.
    models.Index(
        fields=["handling_agency", "decision_leader", "due_at"],
        name="dossier_decision_queue_idx",
        condition=Q(state=State.PROCESSING, decision_requested_at__isnull=False),
    ),
]

CONSTRAINTS: list[models.BaseConstraint] = [
    models.CheckConstraint(condition=Q(state__in=State.values), name="dossier_valid_state"),
    models.CheckConstraint(
        condition=Q(state=State.DRAFT, code__isnull=True)
        | (~Q(state=State.DRAFT) & Q(code__isnull=False)),
        name="dossier_code_once_submitted",
    ),
    models.CheckConstraint(
        condition=Q(extended_at__isnull=True, extended_due_at__isnull=True)
        | Q(extended_at__isnull=False, extended_due_at__isnull=False),
        name="dossier_extension_complete",
    ),
    models.CheckConstraint(
        condition=Q(result="") | Q(state__in=[State.RESOLVED, State.RETURNED]),
        name="dossier_result_when_resolved",
    ),
]
