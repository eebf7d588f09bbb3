"""The citizen's side: choose a procedure, fill in the applicant, upload one file per
checklist item, review and submit; then follow "my dossiers".

A draft is saved from the applicant step on, so the wizard can be left and resumed from
"my dossiers" at any step.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dossiers import applicability, permissions, services
from dossiers.checklist_forms import AnswersForm, initial_from
from dossiers.forms import ACCEPT, DraftForm
from dossiers.models import Dossier, State
from dossiers.views.checklist import answered, applicable_upload_rows
from dossiers.views.common import as_seen, domain_errors, paginate, visible_dossier
from dossiers.views.documents import attach_upload, checklist_rows
from procedures.models import OnlineMode, Procedure, ProcedureQuerySet


def online_procedures() -> ProcedureQuerySet:
    return Procedure.objects.published().exclude(online_mode=OnlineMode.OFFLINE)


@require_GET
@login_required
def choose_procedure(request: HttpRequest) -> HttpResponse:
    """Step 1: find the procedure to file online: a search over the procedures filed online
    (docs/catalogue-search.md), a page at a time, the frequent ones first before any word is
    typed. A plain GET form, so it works without JavaScript."""
    query = request.GET.get("q", "").strip()[:200]
    procedures = online_procedures().select_related("field")
    if query:
        procedures = procedures.search(query)
    context = {
        "page": paginate(request, procedures.best_matches_first()),
        "q": query,
        "step": 1,
    }
    return render(request, "dossiers/wizard_choose.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def start_dossier(request: HttpRequest, code: str) -> HttpResponse:
    """Step 2 of a new dossier: the applicant, prefilled from the profile; saves a draft."""
    procedure = get_object_or_404(online_procedures(), code=code)
    agencies = procedure.agencies.order_by("name")
    form = DraftForm(
        request.POST or None,
        agencies=agencies,
        initial=DraftForm.initial_from_profile(request.user),
    )
    if request.method == "POST" and form.is_valid():
        with domain_errors(request, form) as outcome:
            dossier = services.create_draft(
                by=request.user,
                procedure=procedure,
                applicant=form.applicant(),
                receiving_agency=form.cleaned_data.get("receiving_agency"),
            )
        if outcome["ok"]:
            messages.success(request, _("Đã lưu hồ sơ nháp. Tiếp theo: tải lên giấy tờ."))
            return redirect("dossiers:draft_documents", pk=dossier.pk)
    drafts = Dossier.objects.filter(
        applicant_user=request.user, procedure=procedure, state=State.DRAFT
    ).order_by("-created_at")
    context = {
        "procedure": procedure,
        "form": form,
        "drafts": drafts,
        "may_file": permissions.can_file_online(request.user),
        "step": 2,
    }
    # A refused field is a 400, as in the API; the form shows it next to the field.
    return render(
        request, "dossiers/wizard_applicant.html", context, status=400 if form.errors else 200
    )


def own_draft(request: HttpRequest, pk: UUID) -> Dossier | None:
    """The caller's draft `pk` (404 if not visible), or None once it is no longer a draft."""
    dossier = visible_dossier(request, pk)
    if dossier.state != State.DRAFT or not permissions.can_edit_draft(dossier, request.user):
        return None
    return dossier


@require_http_methods(["GET", "POST"])
@login_required
def draft_applicant(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Step 2 again, for a saved draft."""
    dossier = own_draft(request, pk)
    if dossier is None:
        return redirect("dossiers:detail", pk=pk)
    form = DraftForm(
        request.POST or None,
        agencies=dossier.procedure.agencies.order_by("name"),
        initial={
            **DraftForm.initial_from_dossier(dossier),
            "receiving_agency": dossier.receiving_agency_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        changes = form.applicant_changes()
        if form.cleaned_data.get("receiving_agency"):
            changes["receiving_agency"] = form.cleaned_data["receiving_agency"]
        with domain_errors(request, form) as outcome:
            services.update_draft(
                dossier=as_seen(dossier, request), by=request.user, changes=changes
            )
        if outcome["ok"]:
            return redirect("dossiers:draft_documents", pk=dossier.pk)
        if outcome["changed"]:  # the form stays as typed, over the draft as it is now
            dossier = own_draft(request, pk) or dossier
    context = {"procedure": dossier.procedure, "dossier": dossier, "form": form, "step": 2}
    return render(
        request, "dossiers/wizard_applicant.html", context, status=400 if form.errors else 200
    )


def answers_form(request: HttpRequest, dossier: Dossier) -> AnswersForm:
    questions = applicability.questions(dossier.procedure_version.content, dossier.channel)
    posted = request.POST if request.method == "POST" and "answers" in request.POST else None
    return AnswersForm(posted, questions=questions, initial=initial_from(dossier.answers))


def save_answers(request: HttpRequest, dossier: Dossier, form: AnswersForm) -> bool:
    """Record the applicant's case; uploaded files stay, whatever the answers."""
    with domain_errors(request, form) as outcome:
        services.update_draft(
            dossier=as_seen(dossier, request),
            by=request.user,
            changes={"answers": {**dossier.answers, **form.answers()}},
        )
    return outcome["ok"]


def unanswered(dossier: Dossier) -> list[dict[str, object]]:
    return [question for question in answered(dossier) if question["answer"] is None]


@require_http_methods(["GET", "POST"])
@login_required
def draft_documents(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Step 3: the applicant's case first (the checklist's yes/no questions), then one
    upload per row that applies; each file is checked and stored on its own.
    """
    dossier = own_draft(request, pk)
    if dossier is None:
        return redirect("dossiers:detail", pk=pk)
    errors: dict[str, str] = {}
    form = answers_form(request, dossier)
    if request.method == "POST" and "answers" in request.POST:
        if form.is_valid() and save_answers(request, dossier, form):
            messages.success(request, _("Đã lưu câu trả lời. Danh sách giấy tờ đã được cập nhật."))
            return redirect("dossiers:draft_documents", pk=dossier.pk)
        errors = {"answers": "invalid"}
    elif request.method == "POST":
        errors = attach_upload(request, dossier)
        if not errors:
            messages.success(request, _("Đã tải lên tệp."))
            return redirect("dossiers:draft_documents", pk=dossier.pk)
    waiting = unanswered(dossier)
    context = {
        "dossier": dossier,
        "procedure": dossier.procedure,
        "answers_form": form,
        "questions": answered(dossier),
        "unanswered": waiting,
        # Asked again when some are unanswered, refused, or the applicant chose to change them.
        "asking": bool(waiting) or form.is_bound or "sua" in request.GET,
        "entries": applicable_upload_rows(dossier, checklist_rows(dossier, 0)),
        "errors": errors,
        "accept": ACCEPT,
        "step": 3,
    }
    return render(request, "dossiers/wizard_documents.html", context, status=400 if errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def draft_review(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Step 4: everything at a glance; submitting gives the dossier its code. The button is
    disabled while something that applies is missing (the service refuses on its own too).
    """
    dossier = own_draft(request, pk)
    if dossier is None:
        return redirect("dossiers:detail", pk=pk)
    if request.method == "POST":
        with domain_errors(request) as outcome:
            services.submit_dossier(dossier=as_seen(dossier, request), by=request.user)
        if outcome["ok"]:
            messages.success(
                request,
                _("Đã nộp hồ sơ. Mã hồ sơ của bạn là %(code)s: dùng mã này để tra cứu.")
                % {"code": dossier.code},
            )
            return redirect("dossiers:detail", pk=dossier.pk)
        if outcome["changed"]:
            return redirect("dossiers:draft_review", pk=dossier.pk)
    rows = checklist_rows(dossier, 0)
    uploaded = {int(row["item"]) for row in rows if row["item"] != "other" and row["current"]}
    missing = applicability.unmet_requirements(
        dossier.procedure_version.content, dossier.channel, dossier.answers, uploaded
    )
    waiting = unanswered(dossier)
    context = {
        "dossier": dossier,
        "procedure": dossier.procedure,
        "entries": applicable_upload_rows(dossier, rows),
        "questions": answered(dossier),
        "unanswered": waiting,
        "missing": missing,
        "blocked": bool(missing or waiting),
        "step": 4,
    }
    return render(request, "dossiers/wizard_review.html", context)


def my_dossiers(request: HttpRequest) -> HttpResponse:
    """The citizen's own dossiers, drafts first to pick up where they were left."""
    dossiers = (
        Dossier.objects.filter(applicant_user=request.user)
        .select_related("procedure", "receiving_agency")
        .order_by("-created_at", "id")
    )
    state = request.GET.get("state", "")
    if state in State.values:
        dossiers = dossiers.filter(state=state)
    context = {
        "page": paginate(request, dossiers),
        "now": timezone.now(),
        "states": State.choices,
        "state": state,
    }
    return render(request, "dossiers/my_list.html", context)
