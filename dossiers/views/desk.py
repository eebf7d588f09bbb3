"""The agency's side: every dossier it may see, with the filters the API has, the online
dossiers waiting for the desk's check, and intake at the counter in one step.
"""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from dossiers import applicability, permissions, services
from dossiers.exceptions import InvalidInput
from dossiers.filters import DossierFilter
from dossiers.forms import CounterIntakeForm, ProcedureCodeForm
from dossiers.models import Dossier, State
from dossiers.models.queryset import agencies_seen_by
from dossiers.views.checklist import grouped
from dossiers.views.citizen import my_dossiers
from dossiers.views.common import domain_errors, is_officer, paginate
from onestop.accounts.requests import signed_in_user
from procedures.models import Agency, Procedure

YES_NO = [
    ("", gettext_lazy("Tất cả")),
    ("true", gettext_lazy("Có")),
    ("false", gettext_lazy("Không")),
]
DATE_FILTERS = ("due_before", "due_after", "received_after", "received_before")


@require_GET
@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    """ "Hồ sơ" in the menu: the agency's dossiers for an officer, their own for a citizen."""
    if is_officer(request.user):
        return agency_dossiers(request)
    return my_dossiers(request)


def page_filter(request: HttpRequest) -> DossierFilter:
    """The API's filter set over what the officer may see, with date pickers for the page."""
    dossiers = Dossier.objects.visible_to(request.user).for_list()
    filterset = DossierFilter(request.GET or None, queryset=dossiers, request=request)
    fields = filterset.form.fields
    for name in DATE_FILTERS:
        fields[name].widget = django_forms.DateInput(attrs={"type": "date"})
    fields["state"].widget = django_forms.CheckboxSelectMultiple(choices=fields["state"].choices)
    fields["state"].choices = [c for c in fields["state"].choices if c[0] != State.DRAFT]
    del fields["ordering"]
    fields["channel"].empty_label = _("Tất cả")
    for name in ("overdue", "at_risk", "assigned_to_me"):
        fields[name].widget = django_forms.Select(choices=YES_NO)
    agency_choices(fields, request.user)
    return filterset


def agency_choices(fields: dict[str, Any], user: Any) -> None:
    """A supervisor picks one of the agencies under them; an officer of one agency has no
    choice to make, so the filter is left out.
    """
    agencies = agencies_seen_by(user)
    if len(agencies) <= 1:
        del fields["agency"]
        return
    named = Agency.objects.filter(pk__in=agencies).order_by("name").values_list("code", "name")
    fields["agency"].label = _("Cơ quan")
    fields["agency"].widget = django_forms.Select(choices=[("", _("Tất cả")), *named])


def agency_dossiers(request: HttpRequest) -> HttpResponse:
    filterset = page_filter(request)
    dossiers = filterset.qs if filterset.is_bound else filterset.queryset
    if filterset.is_bound and not filterset.is_valid():
        dossiers = filterset.queryset.none()
    context = {
        "filter": filterset,
        "page": paginate(request, dossiers.order_by("-created_at", "id")),
        "now": timezone.now(),
    }
    return render(request, "dossiers/agency_list.html", context)


@require_GET
@login_required
def intake_queue(request: HttpRequest) -> HttpResponse:
    """Online dossiers submitted to this desk, the soonest intake deadline first: the desk
    answers each within 8 working hours (Decree 118/2025 Điều 17(2)(c)); late ones marked.
    """
    if not permissions.can_take_at_counter(request.user):
        raise PermissionDenied
    dossiers = (
        Dossier.objects.visible_to(request.user)
        .for_list()
        .filter(state=State.SUBMITTED, receiving_agency_id=signed_in_user(request).agency_id)
        .order_by(F("intake_due_at").asc(nulls_last=True), "submitted_at", "id")
    )
    context = {"page": paginate(request, dossiers), "now": timezone.now()}
    return render(request, "dossiers/intake_queue.html", context)


def chosen_procedure(request: HttpRequest) -> tuple[ProcedureCodeForm, Procedure | None]:
    # A name is looked up again on the POST (the form posts to this same address), and
    # finds the same procedure; what the officer typed stays in the box either way.
    picker = ProcedureCodeForm(request.GET or None)
    if not picker.is_valid():
        return picker, None
    return picker, picker.cleaned_data["procedure"]


def intake_form(request: HttpRequest, procedure: Procedure) -> CounterIntakeForm | None:
    try:
        version = services.current_version(procedure)
    except InvalidInput as exc:
        messages.error(request, " ".join(exc.errors.values()))
        return None
    checklist = list(version.content.get("documents", []))
    if request.method == "POST" and "cap_nhat" in request.POST:
        # Only the list of papers is redrawn for the case chosen: nothing is checked yet.
        return CounterIntakeForm(initial=request.POST.dict(), checklist=checklist)
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    return CounterIntakeForm(*data, checklist=checklist)


def intake_entries(form: CounterIntakeForm) -> list[dict[str, Any]]:
    """The rows that apply to the case the form shows, each with its scan and its tick."""
    channel, answers = form.current_case()
    rows = [
        {
            "item": row.position,
            "name": row.name,
            "mandatory": row.is_mandatory,
            "group": row.alternative_group,
            "question": row.question,
            "template_name": row.template_name,
            "template_url": row.template_url,
            "file": form[f"item_{row.position}"],
            "paper": form[f"paper_{row.position}"],
        }
        for row in applicability.applicable_rows({"documents": form.checklist}, channel, answers)
    ]
    return grouped(rows)


@require_http_methods(["GET", "POST"])
@login_required
def counter_intake(request: HttpRequest) -> HttpResponse:
    """Receive a walk-in or postal dossier: applicant, files, code and due date at once."""
    if not permissions.can_take_at_counter(request.user):
        raise PermissionDenied
    picker, procedure = chosen_procedure(request)
    form = intake_form(request, procedure) if procedure else None
    if procedure and form is not None and form.is_bound and form.is_valid():
        with domain_errors(request, form) as outcome:
            dossier = services.counter_intake(
                by=request.user,
                procedure=procedure,
                applicant=form.applicant(),
                channel=form.cleaned_data["channel"],
                documents=form.uploads(),
                note=form.cleaned_data["note"],
                answers=form.answers(),
                paper_items=form.paper_items(),
            )
        if outcome["ok"]:
            messages.success(request, received_message(dossier))
            return redirect("dossiers:detail", pk=dossier.pk)
    context: dict[str, Any] = {
        "picker": picker,
        "procedure": procedure,
        "form": form,
        "entries": intake_entries(form) if form is not None else [],
        "procedures": agency_procedures(request.user),
    }
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, "dossiers/counter_intake.html", context, status=status)


def agency_procedures(user: Any) -> Any:
    return (
        Procedure.objects.published()
        .filter(agencies=user.agency_id)
        .order_by("code")
        .values_list("code", "name")
    )


def received_message(dossier: Dossier) -> str:
    due = date_format(timezone.localtime(dossier.due_at), "SHORT_DATETIME_FORMAT")
    return _("Đã tiếp nhận hồ sơ %(code)s. Hẹn trả kết quả: %(due)s.") % {
        "code": dossier.code,
        "due": due,
    }
