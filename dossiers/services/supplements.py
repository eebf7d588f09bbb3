"""The handling agency's request for a supplement, and closing the dossiers whose
supplement never came (Decree 118/2025 Điều 19(5)).

The desk's own request and the applicant's resubmission are in ``workflow``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers import supplements
from dossiers.exceptions import DossierConflict, InvalidInput, TransitionNotAllowed
from dossiers.models import Dossier, State
from dossiers.services.base import (
    authorize,
    perform,
    require_reason,
)
from dossiers.services.workflow import ALREADY_SENT_BACK

# Who the history names when the command closes a dossier: no account acted.
SYSTEM_ACTOR = "Hệ thống (manage.py close_unsupplemented)"


@transaction.atomic
def ask_supplement(
    *,
    dossier: Dossier,
    by: Any,
    items: Sequence[int],
    reason: str,
    instructions: str = "",
) -> Dossier:
    """Record, after appraisal, that the handling agency asks for a supplement: the rows
    `items`, the `instructions` and the `reason`, by whom and when. The desk then sends it
    to the applicant (``request_supplement``, pre-filled with these).

    Precondition: processing, never sent back before; `by` a specialist or leader of the
    handling agency. The request is due within 3 working days of the receipt: a later one
    is still recorded, with the warning in its event. Raises InvalidInput as
    ``request_supplement`` does.
    """
    authorize(dossier, "ask_supplement", by)
    reason = require_reason(reason)
    rows = supplements.check_rows(dossier, items)
    instructions = (instructions or "").strip()
    if not rows and not instructions:
        raise InvalidInput({"items": _("Chọn các giấy tờ cần bổ sung hoặc ghi rõ nội dung.")})

    def prepare(dossier: Dossier) -> dict[str, Any]:
        if dossier.supplement_round:
            raise TransitionNotAllowed(str(ALREADY_SENT_BACK))
        return {}

    limit = supplements.agency_request_limit(dossier)
    late = limit is not None and timezone.now() > limit
    details: dict[str, Any] = {
        "rows": rows,
        "instructions": instructions,
        "limit": limit.isoformat() if limit else None,
        "late": late,
    }
    return perform(
        dossier,
        name="ask_supplement",
        by=by,
        reason=reason,
        prepare=prepare,
        details=details,
        arguments={"by_id": by.pk, "items": rows, "instructions": instructions, "reason": reason},
    )


@transaction.atomic
def close_unsupplemented(
    *, dossier: Dossier, by: Any, note: str = "", share_with_applicant: bool = False
) -> Dossier:
    """Close a dossier whose supplement period ran out without the supplement: stopped, with
    the reason "Không hoàn thiện hồ sơ". `by` is a desk officer of the receiving agency, or
    None for the system (``manage.py close_unsupplemented``).

    Precondition: waiting for a supplement, its period over (else TransitionNotAllowed).
    """

    def prepare(dossier: Dossier) -> dict[str, Any]:
        if not supplements.closing_due(dossier, timezone.now()):
            raise TransitionNotAllowed(_("Chưa hết thời hạn bổ sung hồ sơ: chưa đóng được."))
        return {}

    details: dict[str, Any] = {"period_days": supplements.period_days(dossier)}
    if by is None:
        details["system"] = True
    return perform(
        dossier,
        name="close_unsupplemented",
        by=by,
        reason=note,
        prepare=prepare,
        details=details,
        shared=share_with_applicant,
        system=SYSTEM_ACTOR if by is None else None,
    )


def close_all_due(at: datetime | None = None) -> int:
    """Close every dossier whose supplement period is over at `at`, each in its own
    transaction; returns how many were closed. A second run closes none.
    """
    at = at or timezone.now()
    closed = 0
    ids = list(Dossier.objects.due_for_closing(at).values_list("pk", flat=True))
    for pk in ids:
        dossier = Dossier.objects.select_related("procedure_version").filter(pk=pk).first()
        if dossier is None or dossier.state != State.SUPPLEMENT_REQUESTED:
            continue
        try:
            close_unsupplemented(dossier=dossier, by=None)
        except DossierConflict:  # supplemented or closed meanwhile
            continue
        closed += 1
    return closed
