"""The dossier page: where it is, when it is due, its documents, its history, and the
actions the viewer may take now.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dossiers import deadlines, permissions
from dossiers.models import Dossier, State
from dossiers.views.actions import ACTIONS, available_actions
from dossiers.views.common import sees_status_codes, visible_dossier
from procedures.models import TimeUnit


@require_GET
@login_required
def dossier_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    dossier = visible_dossier(request, pk, "assigned_specialist")
    actions = available_actions(dossier, request.user)
    is_applicant = permissions.is_applicant(dossier, request.user)
    now = timezone.now()
    context = {
        "dossier": dossier,
        "now": now,
        "is_applicant": is_applicant,
        "show_status_code": sees_status_codes(request.user),
        "actions": [(name, ACTIONS[name]) for name in actions],
        "can_edit_draft": dossier.state == State.DRAFT and is_applicant,
        "can_supplement": dossier.state == State.SUPPLEMENT_REQUESTED
        and permissions.can_attach_document(dossier, request.user),
        "documents": dossier.documents.select_related("uploaded_by").order_by(
            "round", "item", "uploaded_at"
        ),
        "events": dossier.events.select_related("agency").order_by("at", "id"),
    }
    if dossier.state == State.SUBMITTED:
        context.update(waiting_for_the_desk(dossier, now))
    return render(request, "dossiers/detail.html", context)


def waiting_for_the_desk(dossier: Dossier, now: datetime) -> dict[str, Any]:
    """The procedure's time limit and the due date the dossier would get if the desk
    accepted it now: indicative only, the legal clock starts at acceptance (Điều 17(3)).
    """
    try:
        amount, unit = deadlines.time_limit(dossier.procedure_version, dossier.channel)
    except deadlines.NoTimeLimit:
        return {}
    return {
        "time_limit": {"amount": amount, "unit": TimeUnit(unit).label},
        "indicative_due_at": deadlines.indicative_due(
            dossier.procedure_version, dossier.channel, now
        ),
    }
