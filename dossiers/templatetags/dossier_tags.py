"""How a dossier's deadline and state read on a page: in words first, colour second.

Both are simple tags building their few elements directly: they appear on every row of
every list, where a template per cell would cost more than the rest of the row.
"""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dossiers.models import CLOCK_STATES, Dossier
from onestop import calendar
from onestop.calendar.status import Progress

register = template.Library()
NO_DATE = mark_safe('<span class="muted">&ndash;</span>')


@register.simple_tag(takes_context=True)
def deadline(context: template.Context, dossier: Dossier) -> SafeString:
    """The due date, and while the clock runs: on track / at risk with the office time left
    ("còn 2 ngày 3 giờ"), or how long overdue ("Quá hạn 3 giờ").
    """
    if dossier.due_at is None:
        return NO_DATE
    due = format_html(
        '<time datetime="{}">{}</time>',
        dossier.due_at.isoformat(),
        date_format(timezone.localtime(dossier.due_at), "SHORT_DATETIME_FORMAT"),
    )
    if dossier.state not in CLOCK_STATES:
        return format_html('<span class="deadline">{}</span>', due)
    now: datetime = context.get("now") or timezone.now()
    progress = calendar.progress(dossier.due_at, now)
    remaining = calendar.remaining_text(dossier.due_at, now)
    if remaining is None:  # outside the calendar's years: the state without a count
        status = str(progress.label)
    elif progress == Progress.OVERDUE:
        status = capfirst(remaining)
    else:
        status = f"{progress.label} · {remaining}"
    return format_html(
        '<span class="deadline deadline-{}">{}<span class="deadline-status">{}</span></span>',
        progress.value,
        due,
        status,
    )


@register.simple_tag
def state_badge(dossier: Dossier, with_code: bool = False) -> SafeString:
    """The state's name; for officers (`with_code`) after its national status code (1 to
    10) when it has one. Citizens read the name alone: the code means nothing to them.
    """
    code = dossier.status_code if with_code else None
    prefix = (
        format_html('<span class="visually-hidden">{} </span>{}. ', _("Mã trạng thái"), code)
        if code
        else ""
    )
    return format_html(
        '<span class="badge state state-{}">{}{}</span>',
        dossier.state,
        prefix,
        dossier.get_state_display(),
    )


@register.simple_tag(takes_context=True)
def intake_deadline(context: template.Context, dossier: Dossier) -> SafeString:
    """The desk's deadline to accept, refuse or ask for a supplement (Decree 118/2025 Điều
    17(2)(c)), with the office time left, or "Quá hạn tiếp nhận" once it has passed.
    """
    due_at = dossier.intake_due_at
    if due_at is None:
        return NO_DATE
    now: datetime = context.get("now") or timezone.now()
    late = now > due_at
    status = _("Quá hạn tiếp nhận") if late else (calendar.remaining_text(due_at, now) or "")
    return format_html(
        '<span class="deadline deadline-{}"><time datetime="{}">{}</time>'
        '<span class="deadline-status">{}</span></span>',
        Progress.OVERDUE.value if late else Progress.ON_TRACK.value,
        due_at.isoformat(),
        date_format(timezone.localtime(due_at), "SHORT_DATETIME_FORMAT"),
        status,
    )
