"""The dossier page: where it is, when it is due, its documents, its history, and the
actions the viewer may take now.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dossiers import permissions
from dossiers.models import State
from dossiers.views.actions import ACTIONS, available_actions
from dossiers.views.checklist import answered, grouped, status_rows
from dossiers.views.common import visible_dossier


@require_GET
@login_required
def dossier_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    dossier = visible_dossier(request, pk, "assigned_specialist")
    actions = available_actions(dossier, request.user)
    is_applicant = permissions.is_applicant(dossier, request.user)
    documents = list(
        dossier.documents.select_related("uploaded_by").order_by("round", "item", "uploaded_at")
    )
    uploaded = {document.item for document in documents if document.item is not None}
    context = {
        "dossier": dossier,
        "now": timezone.now(),
        "is_applicant": is_applicant,
        "actions": [(name, ACTIONS[name]) for name in actions],
        "can_edit_draft": dossier.state == State.DRAFT and is_applicant,
        "can_supplement": dossier.state == State.SUPPLEMENT_REQUESTED
        and permissions.can_attach_document(dossier, request.user),
        "documents": documents,
        # Per applicable row: uploaded, received on paper, or missing (dossiers/applicability).
        "checklist": grouped(status_rows(dossier, uploaded)),
        "questions": answered(dossier),
        "events": dossier.events.select_related("agency").order_by("at", "id"),
    }
    return render(request, "dossiers/detail.html", context)
