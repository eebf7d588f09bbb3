"""Work queues of the handling agency, soonest due first, with the time left in words.

A specialist sees the dossiers in processing at their agency (theirs marked) that are not
before a leader; a leader sees the ones submitted to them, or to any leader of the agency
(``submit_for_decision``); a desk officer the ones to hand over or to return.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from dossiers import permissions
from dossiers.models import Dossier, State
from dossiers.views.common import paginate
from onestop.accounts.requests import signed_in_user


def queue_for(user: Any) -> tuple[Any, QuerySet[Dossier]] | None:
    """(title, dossiers) of the user's queue, or None for a user without one."""
    dossiers = Dossier.objects.visible_to(user).for_list()
    agency = user.agency_id
    if user.has_perm(permissions.DECIDE):
        # Only what a specialist submitted: to this leader, or to any leader of the agency.
        return _("Hồ sơ trình lãnh đạo xem xét, quyết định"), dossiers.filter(
            Q(decision_leader=user) | Q(decision_leader__isnull=True),
            state=State.PROCESSING,
            handling_agency_id=agency,
            decision_requested_at__isnull=False,
        )
    if user.has_perm(permissions.PROCESS):
        # Not what waits for a leader; a dossier sent back comes back here.
        return _("Hồ sơ đang xử lý tại đơn vị"), dossiers.filter(
            Q(state=State.PROCESSING, decision_requested_at__isnull=True)
            | Q(state=State.AWAITING_PAYMENT),
            handling_agency_id=agency,
        )
    if user.has_perm(permissions.RECEIVE):
        return _("Hồ sơ chờ chuyển xử lý, thu phí hoặc trả kết quả"), dossiers.filter(
            Q(state__in=[State.RECEIVED, State.AWAITING_PAYMENT, State.RESOLVED]),
            receiving_agency_id=agency,
        )
    return None


# The most the desk's "due for closing" section lists; the agency list filters the rest.
CLOSING_SECTION_SIZE = 50


def due_for_closing(user: Any, at: Any) -> list[Dossier] | None:
    """For a desk officer, the dossiers of their desk whose supplement period is over,
    longest over first (Decree 118/2025 Điều 19(5)); None for anyone else.
    """
    if not user.has_perm(permissions.RECEIVE):
        return None
    dossiers = (
        Dossier.objects.for_list()
        .filter(receiving_agency_id=user.agency_id)
        .due_for_closing(at)
        .order_by("supplement_due_at", "id")
    )
    return list(dossiers[:CLOSING_SECTION_SIZE])


@require_GET
@login_required
def work_queue(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    found = queue_for(user) if user.agency_id else None
    if found is None:
        raise PermissionDenied
    title, dossiers = found
    dossiers = dossiers.order_by(F("due_at").asc(nulls_last=True), "id")
    now = timezone.now()
    context = {
        "title": title,
        "page": paginate(request, dossiers),
        "now": now,
        "closing": due_for_closing(user, now),
    }
    return render(request, "dossiers/queue.html", context)
