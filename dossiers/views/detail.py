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

from dossiers import deadlines, permissions, supplements
from dossiers.models import Dossier, DossierResult, State
from dossiers.views.actions import ACTIONS, available_actions
from dossiers.views.checklist import answered, grouped, status_rows
from dossiers.views.common import sees_status_codes, visible_dossier
from procedures.models import TimeUnit

# The states in which a result document may exist.
RESULT_STATES = (State.PROCESSING, State.RESOLVED, State.RETURNED)


@require_GET
@login_required
def dossier_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    dossier = visible_dossier(
        request,
        pk,
        "assigned_specialist",
        "agency_supplement_by",
        "decision_leader",
        "decision_requested_by",
    )
    actions = available_actions(dossier, request.user)
    is_applicant = permissions.is_applicant(dossier, request.user)
    documents = list(
        dossier.documents.select_related("uploaded_by").order_by("round", "item", "uploaded_at")
    )
    uploaded = {document.item for document in documents if document.item is not None}
    now = timezone.now()
    context = {
        "dossier": dossier,
        "now": now,
        "is_applicant": is_applicant,
        # Staff read internal notes; the applicant only reasons and notes sent to them.
        "staff_view": permissions.sees_as_staff(dossier, request.user),
        **result_context(dossier, request.user),
        "show_status_code": sees_status_codes(request.user),
        "actions": [(name, ACTIONS[name]) for name in actions],
        "can_edit_draft": dossier.state == State.DRAFT and is_applicant,
        "can_supplement": dossier.state == State.SUPPLEMENT_REQUESTED
        and permissions.can_attach_document(dossier, request.user),
        "documents": documents,
        # Per applicable row: uploaded, received on paper, or missing (dossiers/applicability).
        "checklist": grouped(status_rows(dossier, uploaded)),
        "questions": answered(dossier),
        "events": dossier.events.select_related("agency").order_by("at", "id"),
        "supplement": supplement_facts(dossier, request.user),
    }
    if dossier.state == State.SUBMITTED:
        context.update(waiting_for_the_desk(dossier, now))
    return render(request, "dossiers/detail.html", context)


def supplement_facts(dossier: Dossier, user: Any) -> dict[str, Any]:
    """What the page says of the one supplement: the rows and text asked for, the handling
    agency's request with its 3-working-day limit, and that no second request is possible.
    """
    agency = dossier.agency_supplement or None
    agency_rows = supplements.requested_rows(agency.get("items", [])) if agency else []
    names = supplements.row_names(dossier, agency_rows)
    texts = supplements.legacy_texts(dossier.supplement_items)
    if dossier.supplement_instructions:
        texts.append(dossier.supplement_instructions)
    return {
        "rows": supplements.requested(dossier),
        "texts": texts,
        "agency": agency,
        "agency_rows": [{"item": row, "name": names[row]} for row in agency_rows],
        "agency_limit": supplements.agency_request_limit(dossier) if agency else None,
        "agency_late": supplements.agency_request_late(dossier),
        "late_warning": supplements.late_warning(),
        # Told to the staff who could otherwise look for the button.
        "sent_back_once": dossier.supplement_round > 0
        and dossier.state in (State.SUBMITTED, State.RECEIVED, State.PROCESSING)
        and (permissions.can_receive(dossier, user) or permissions.can_appraise(dossier, user)),
    }


def result_context(dossier: Dossier, user: Any) -> dict[str, Any]:
    """The result document as the viewer may see it, and whether they may attach one."""
    may_attach = dossier.state == State.PROCESSING and permissions.can_attach_result(dossier, user)
    result = None
    if dossier.state in RESULT_STATES and permissions.can_download_result(dossier, user):
        result = DossierResult.objects.filter(dossier=dossier).select_related("uploaded_by").first()
    return {
        "result_document": result,
        "can_attach_result": may_attach,
        # Said on the page, so that a leader knows before pressing "approve" why it would fail.
        "result_missing": may_attach and result is None,
    }


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
