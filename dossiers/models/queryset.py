"""The vocabulary of reads: which dossiers a user may see, which are open, late or at risk."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Self

from django.db import models
from django.db.models import Q

from dossiers import deadlines, permissions
from dossiers.models.states import CLOCK_STATES, OPEN_STATES, State
from onestop.text import fold

if TYPE_CHECKING:
    from dossiers.models.dossier import Dossier  # noqa: F401 (named in the base class below)

OFFICER_PERMISSIONS = (
    permissions.RECEIVE,
    permissions.PROCESS,
    permissions.DECIDE,
    permissions.SUPERVISE,
)


def agencies_seen_by(user: Any) -> list[int]:
    """The agencies whose dossiers `user` sees as an officer (none for a citizen)."""
    agency_id = getattr(user, "agency_id", None)
    if agency_id is None or not any(user.has_perm(name) for name in OFFICER_PERMISSIONS):
        return []
    if user.has_perm(permissions.SUPERVISE):
        return user.agency.subtree_ids()
    return [agency_id]


class DossierQuerySet(models.QuerySet["Dossier"]):
    def visible_to(self, user: Any) -> Self:
        """Own dossiers, plus those received or handled by the officer's agencies.

        A supervisor's agencies are their agency and every agency under it. Drafts stay
        private to the applicant until submitted.
        """
        if not user.is_authenticated:
            return self.none()
        visible = Q(applicant_user=user)
        agencies = agencies_seen_by(user)
        if agencies:
            of_agency = Q(receiving_agency_id__in=agencies) | Q(handling_agency_id__in=agencies)
            visible |= of_agency & ~Q(state=State.DRAFT)
        return self.filter(visible)

    def open(self) -> Self:
        return self.filter(state__in=OPEN_STATES)

    def running(self) -> Self:
        """Open dossiers whose legal clock runs (not waiting for the desk or the applicant)."""
        return self.filter(state__in=CLOCK_STATES, due_at__isnull=False)

    def overdue(self, at: datetime) -> Self:
        return self.running().filter(due_at__lt=at)

    def at_risk(self, at: datetime) -> Self:
        """Not yet overdue, but due within the alert window (working days, see settings)."""
        return self.running().filter(due_at__gte=at, due_at__lte=deadlines.at_risk_until(at))

    def due_for_closing(self, at: datetime) -> Self:
        """Waiting for a supplement whose period is over at `at`: the desk closes them
        (Decree 118/2025 Điều 19(5)). Served by ``dossier_supplement_due_idx``.
        """
        return self.filter(state=State.SUPPLEMENT_REQUESTED, supplement_due_at__lte=at)

    def search(self, query: str) -> Self:
        """Every word of `query` occurs in the code or the applicant's name, ignoring accents."""
        result = self
        for word in fold(query).split():
            result = result.filter(search_text__contains=word)
        return result

    def for_list(self) -> Self:
        """What a list row shows, in a fixed number of queries."""
        return self.select_related(
            "procedure", "receiving_agency", "handling_agency", "assigned_specialist"
        )
