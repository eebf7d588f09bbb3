"""How a dossier's deadline and state read on a page: in words first, colour second."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone

from dossiers.models import CLOCK_STATES, Dossier
from onestop import calendar

register = template.Library()


@register.inclusion_tag("dossiers/_deadline.html", takes_context=True)
def deadline(context: template.Context, dossier: Dossier) -> dict[str, Any]:
    """The due date, and while the clock runs: on track / at risk / overdue with the office
    time left ("còn 2 ngày 3 giờ") or past ("quá hạn 3 giờ").
    """
    now: datetime = context.get("now") or timezone.now()
    running = dossier.state in CLOCK_STATES and dossier.due_at is not None
    progress = calendar.progress(dossier.due_at, now) if running else None
    return {
        "due_at": dossier.due_at,
        "progress": progress,
        "remaining": calendar.remaining_text(dossier.due_at, now) if running else "",
    }


@register.inclusion_tag("dossiers/_state.html")
def state_badge(dossier: Dossier) -> dict[str, Any]:
    return {
        "state": dossier.state,
        "label": dossier.get_state_display(),
        "code": dossier.status_code,
    }
