"""Where a person lands after signing in: the page where their work is.

``LOGIN_REDIRECT_URL`` points here; the sign-in view still follows an explicit, safe
``next`` first (Django's LoginView checks it against the allowed hosts).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from dossiers import permissions


def landing_page(user: Any) -> str:
    """The URL name of `user`'s work: supervisors the agency list, desk officers the intake
    queue, specialists and leaders their work queue, citizens their own dossiers.
    """
    officer = getattr(user, "agency_id", None) is not None
    if officer and user.has_perm(permissions.SUPERVISE):
        return "dossiers:list"
    if permissions.can_take_at_counter(user):
        return "dossiers:intake_queue"
    if officer and (user.has_perm(permissions.DECIDE) or user.has_perm(permissions.PROCESS)):
        return "dossiers:queue"
    if permissions.can_file_online(user):
        return "dossiers:list"
    if user.is_staff:
        return "admin:index"
    return "home"


@require_GET
@login_required
def landing(request: HttpRequest) -> HttpResponse:
    return redirect(landing_page(request.user))
