"""Public tracking at /tra-cuu/: that a dossier exists and its state class for anyone
with its code; the procedure, state and timeline for whoever also knows the last four digits
of the applicant's CCCD (or is the applicant).

It answers as the API's ``GET /tracking/{code}/`` does and shares its limit: every lookup,
found or not, counts against the ``tracking`` rate of the client address, after which it is
answered 429 until the period ends.
"""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from dossiers.forms import TrackingForm
from dossiers.models import Dossier
from dossiers.tracking import (
    LAST_STAGE,
    STAGES,
    applicant_digits_match,
    mask_name,
    state_class,
    trackable,
)
from onestop.throttling import TrackingThrottle

STAGE_NAMES = [
    gettext_lazy("Nộp hồ sơ"),
    gettext_lazy("Tiếp nhận"),
    gettext_lazy("Giải quyết"),
    gettext_lazy("Có kết quả"),
    gettext_lazy("Hoàn thành"),
]


@require_GET
def track_dossier(request: HttpRequest) -> HttpResponse:
    form = TrackingForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "stages": STAGE_NAMES}
    if not form.is_valid():
        return render(request, "dossiers/tracking.html", context)
    throttle = TrackingThrottle()
    if not throttle.allow_request(request, None):
        wait = throttle.wait()
        minutes = max(1, math.ceil(wait / 60)) if wait else 1
        limited = {"limited": True, "retry_minutes": minutes}
        return render(request, "dossiers/tracking.html", limited, status=429)
    dossier = trackable(form.cleaned_data["ma"].strip())
    last4 = form.cleaned_data["cccd"]
    if dossier is None:
        form.add_error("ma", _("Không tìm thấy hồ sơ có mã này. Vui lòng kiểm tra lại mã hồ sơ."))
    elif last4 and not applicant_digits_match(dossier, last4):
        form.add_error("cccd", _("Mã hồ sơ hoặc 4 số cuối giấy tờ của người nộp không đúng."))
    else:
        is_applicant = (
            request.user.is_authenticated and dossier.applicant_user_id == request.user.pk
        )
        context.update(result(dossier, detailed=bool(last4) or is_applicant))
    return render(request, "dossiers/tracking.html", context)


def result(dossier: Dossier, *, detailed: bool) -> dict[str, Any]:
    """What the page shows: the state class only, unless the caller proved a tie to it."""
    found: dict[str, Any] = {
        "dossier": dossier,
        "state_class": state_class(dossier)[1],
        "detailed": detailed,
    }
    if detailed:
        step, label = STAGES[dossier.state]
        found.update(step=step, last_stage=LAST_STAGE, stage_label=label)
        found["applicant"] = mask_name(dossier.applicant_name)
        found["events"] = dossier.events.select_related("agency").order_by("at", "id")
    return found
