"""The workflow's transitions as pages: one small form (or a confirmation) per action.

The buttons on a dossier page are those the core says the user may press now; pressing
one calls the one service of that transition, exactly as the API does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from dossiers import forms, services
from dossiers.models import Dossier
from dossiers.services.workflow import ALREADY_SENT_BACK
from dossiers.views.common import as_seen, domain_errors, sees_status_codes, visible_dossier


@dataclass(frozen=True)
class Action:
    label: Promise
    form: type[django_forms.Form]
    # Pressed straight from the dossier page, without a page of its own.
    inline: bool = False
    # Cannot be undone: the form page asks for a confirmation first.
    irreversible: bool = False
    # Form field name → the service's keyword, where they differ.
    rename: dict[str, str] = field(default_factory=dict)


ACTIONS: dict[str, Action] = {
    "accept": Action(gettext_lazy("Tiếp nhận hồ sơ"), forms.NoteForm, inline=True),
    "refuse": Action(gettext_lazy("Từ chối tiếp nhận"), forms.ReasonForm, irreversible=True),
    "request_supplement": Action(gettext_lazy("Yêu cầu bổ sung"), forms.SupplementForm),
    "resubmit": Action(gettext_lazy("Nộp lại hồ sơ đã bổ sung"), forms.NoteForm, inline=True),
    "start_processing": Action(
        gettext_lazy("Chuyển xử lý"), forms.HandOverForm, rename={"to_agency": "handling_agency"}
    ),
    "forward": Action(gettext_lazy("Chuyển bước xử lý"), forms.HandOverForm),
    "ask_supplement": Action(
        gettext_lazy("Đề nghị bổ sung hồ sơ (sau thẩm định)"), forms.SupplementForm
    ),
    "submit_for_decision": Action(
        gettext_lazy("Trình lãnh đạo xem xét"), forms.SubmitForDecisionForm
    ),
    "send_back": Action(gettext_lazy("Trả lại chuyên viên"), forms.SendBackForm),
    "extend": Action(gettext_lazy("Gia hạn"), forms.ExtendForm),
    "request_payment": Action(gettext_lazy("Yêu cầu nộp phí, lệ phí"), forms.PaymentForm),
    "confirm_payment": Action(gettext_lazy("Xác nhận đã nộp phí"), forms.NoteForm, inline=True),
    "approve": Action(gettext_lazy("Phê duyệt kết quả"), forms.NoteForm, inline=True),
    "reject": Action(gettext_lazy("Từ chối giải quyết"), forms.ReasonForm, irreversible=True),
    "stop": Action(gettext_lazy("Dừng xử lý"), forms.ReasonForm, irreversible=True),
    "close_unsupplemented": Action(
        gettext_lazy("Đóng hồ sơ không được bổ sung"), forms.NoteForm, irreversible=True
    ),
    "withdraw": Action(gettext_lazy("Rút hồ sơ"), forms.WithdrawForm, irreversible=True),
    "return_result": Action(gettext_lazy("Trả kết quả"), forms.NoteForm, irreversible=True),
}


def available_actions(dossier: Dossier, user: Any) -> list[str]:
    """The page actions `user` may take on `dossier` now, in the state machine's order."""
    # django_fsm adds this method to the model at class creation; the stubs cannot see it.
    transitions = dossier.get_available_user_state_transitions(user)  # type: ignore[attr-defined]
    allowed = {t.name for t in transitions}
    return [name for name in ACTIONS if name in allowed]


def build_form(action: Action, dossier: Dossier, data: Any = None) -> django_forms.Form:
    if action.form in (forms.HandOverForm, forms.SupplementForm, forms.SubmitForDecisionForm):
        return action.form(data, dossier=dossier)  # type: ignore[call-arg]
    return action.form(data)


def service_arguments(action: Action, form: django_forms.Form) -> dict[str, Any]:
    return {action.rename.get(name, name): value for name, value in form.cleaned_data.items()}


@require_http_methods(["GET", "POST"])
@login_required
def dossier_action(request: HttpRequest, pk: UUID, name: str) -> HttpResponse:
    action = ACTIONS.get(name)
    if action is None:
        raise Http404
    dossier = visible_dossier(request, pk)
    if request.method == "GET" and name not in available_actions(dossier, request.user):
        messages.error(request, refusal_message(name, dossier))
        return redirect("dossiers:detail", pk=dossier.pk)
    form = build_form(action, dossier, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        service: Callable[..., Dossier] = services.BY_TRANSITION[name]
        with domain_errors(request, form) as outcome:
            service(
                dossier=as_seen(dossier, request),
                by=request.user,
                **service_arguments(action, form),
            )
        if outcome["ok"]:
            messages.success(request, done_message(action, dossier))
            return redirect("dossiers:detail", pk=dossier.pk)
        if action.inline:
            return redirect("dossiers:detail", pk=dossier.pk)
        # The form comes back with what was typed, over the dossier as it is now.
        dossier = visible_dossier(request, pk)
    context = {
        "dossier": dossier,
        "action": action,
        "name": name,
        "form": form,
        "allowed": name in available_actions(dossier, request.user),
        "show_status_code": sees_status_codes(request.user),
    }
    return render(request, "dossiers/action.html", context)


def refusal_message(name: str, dossier: Dossier) -> str:
    """Why the action is not offered now, as precisely as the rule allows."""
    if name in SENT_BACK_ONCE and dossier.supplement_round:
        return str(ALREADY_SENT_BACK)
    return _("Trạng thái hiện tại của hồ sơ không cho phép thao tác này.")


SENT_BACK_ONCE = ("request_supplement", "ask_supplement")


def done_message(action: Action, dossier: Dossier) -> str:
    return _("Đã thực hiện “%(action)s”. Hồ sơ %(code)s: %(state)s.") % {
        "action": action.label,
        "code": dossier.code or "",
        "state": dossier.get_state_display(),
    }
