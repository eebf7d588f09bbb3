"""Public tracking at /tra-cuu/: what anyone may know from a dossier code, and the timeline
for whoever also knows the last four digits of the applicant's CCCD (or is the applicant).

It answers as the API's ``GET /tracking/{code}/`` does, and like it limits guessing: each
client address may get only so many wrong codes or digits per period (the API's
``tracking`` rate), after which it is answered 429 until the period ends.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from rest_framework.throttling import SimpleRateThrottle

from dossiers.forms import TrackingForm
from dossiers.models import Dossier
from dossiers.tracking import (
    LAST_STAGE,
    STAGES,
    applicant_digits_match,
    mask_name,
    trackable,
)

STAGE_NAMES = [
    gettext_lazy("Nộp hồ sơ"),
    gettext_lazy("Tiếp nhận"),
    gettext_lazy("Giải quyết"),
    gettext_lazy("Có kết quả"),
    gettext_lazy("Hoàn thành"),
]


def miss_limit() -> tuple[int, int]:
    """(misses, seconds) allowed per client address: the API's tracking rate."""
    rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["tracking"]
    allowed, seconds = SimpleRateThrottle.parse_rate(None, rate)  # type: ignore[arg-type]
    return int(allowed or 0), int(seconds or 60)


def miss_key(request: HttpRequest) -> str:
    return f"tracking-page-misses:{request.META.get('REMOTE_ADDR', '')}"


def limited(request: HttpRequest) -> bool:
    allowed, _seconds = miss_limit()
    return (cache.get(miss_key(request)) or 0) >= allowed


def count_miss(request: HttpRequest) -> None:
    # add() starts the window only on the first miss, so the window does not slide.
    key, (_allowed, seconds) = miss_key(request), miss_limit()
    cache.add(key, 0, timeout=seconds)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=seconds)


@require_GET
def track_dossier(request: HttpRequest) -> HttpResponse:
    if limited(request):
        return render(request, "dossiers/tracking.html", {"limited": True}, status=429)
    form = TrackingForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "stages": STAGE_NAMES}
    if not form.is_valid():
        return render(request, "dossiers/tracking.html", context)
    dossier = trackable(form.cleaned_data["ma"].strip())
    last4 = form.cleaned_data["cccd"]
    if dossier is None:
        count_miss(request)
        form.add_error("ma", _("Không tìm thấy hồ sơ có mã này. Vui lòng kiểm tra lại mã hồ sơ."))
    elif last4 and not applicant_digits_match(dossier, last4):
        count_miss(request)
        form.add_error("cccd", _("Mã hồ sơ hoặc 4 số cuối giấy tờ của người nộp không đúng."))
    else:
        is_applicant = (
            request.user.is_authenticated and dossier.applicant_user_id == request.user.pk
        )
        context.update(result(dossier, detailed=bool(last4) or is_applicant))
    return render(request, "dossiers/tracking.html", context)


def result(dossier: Dossier, *, detailed: bool) -> dict[str, Any]:
    step, label = STAGES[dossier.state]
    found: dict[str, Any] = {
        "dossier": dossier,
        "step": step,
        "last_stage": LAST_STAGE,
        "stage_label": label,
        "detailed": detailed,
    }
    if detailed:
        found["applicant"] = mask_name(dossier.applicant_name)
        found["events"] = dossier.events.select_related("agency").order_by("at", "id")
    return found
