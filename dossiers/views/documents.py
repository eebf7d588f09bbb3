"""Documents of a dossier: uploads one checklist item at a time, the supplement round with
its resubmission, and downloads that leave the server only for those who may see them.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dossiers import permissions, services, supplements
from dossiers.downloads import document_response
from dossiers.forms import ACCEPT, UploadForm
from dossiers.models import Dossier, State
from dossiers.views.common import as_seen, domain_errors, visible_dossier


@require_GET
@login_required
def download_document(request: HttpRequest, pk: UUID, doc_id: UUID) -> FileResponse:
    dossier = visible_dossier(request, pk)
    return document_response(get_object_or_404(dossier.documents, pk=doc_id))


def checklist_rows(
    dossier: Dossier, round_: int, only: list[int] | None = None, other: bool = True
) -> list[dict[str, Any]]:
    """One row per checklist item (then "other"), with this round's and earlier files.

    `only` keeps the rows of those positions, all mandatory (a supplement's request).
    """
    documents = list(dossier.documents.order_by("round", "uploaded_at"))
    rows = [
        {
            "item": str(number),
            "name": row["name"],
            "mandatory": row.get("is_mandatory", True) or only is not None,
        }
        for number, row in enumerate(dossier.checklist(), start=1)
        if only is None or number in only
    ]
    if other:
        rows.append({"item": "other", "name": _("Giấy tờ khác"), "mandatory": False})
    for row in rows:
        number = None if row["item"] == "other" else int(row["item"])
        mine = [d for d in documents if d.item == number]
        row["current"] = [d for d in mine if d.round == round_]
        row["earlier"] = [d for d in mine if d.round < round_]
    return rows


def attach_upload(request: HttpRequest, dossier: Dossier) -> dict[str, str]:
    """Attach the one posted file; returns {item: error} when refused (nothing stored)."""
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        with domain_errors(request, form) as outcome:
            services.attach_document(
                dossier=dossier,
                by=request.user,
                upload=form.cleaned_data["file"],
                item=form.cleaned_data["item"],
            )
        if outcome["ok"]:
            return {}
    if "item" in form.errors:
        # No row of the page is for this item, so the message goes above the rows.
        text = " ".join(str(error) for error in form.errors["item"])
        messages.error(request, text)
        return {"item": text}
    found = " ".join(str(error) for errors in form.errors.values() for error in errors)
    return {request.POST.get("item", ""): found or _("Không tải lên được tệp.")}


@require_http_methods(["GET", "POST"])
@login_required
def supplement(request: HttpRequest, pk: UUID) -> HttpResponse:
    """The applicant (or the desk for them) adds what was asked for, then resubmits."""
    dossier = visible_dossier(request, pk)
    if not permissions.can_attach_document(dossier, request.user):
        messages.error(request, _("Bạn không có quyền nộp tài liệu cho hồ sơ này."))
        return redirect("dossiers:detail", pk=dossier.pk)
    if dossier.state != State.SUPPLEMENT_REQUESTED:
        return redirect("dossiers:detail", pk=dossier.pk)
    errors: dict[str, str] = {}
    if request.method == "POST" and "resubmit" in request.POST:
        with domain_errors(request) as outcome:
            services.resubmit_dossier(dossier=as_seen(dossier, request), by=request.user)
        if outcome["ok"]:
            messages.success(request, _("Đã nộp lại hồ sơ sau khi bổ sung."))
            return redirect("dossiers:detail", pk=dossier.pk)
        if outcome["changed"]:
            return redirect("dossiers:supplement", pk=dossier.pk)
        # Refused: the page again, the rows still without a file marked.
        errors = {
            row: _("Chưa tải lên tệp bổ sung cho giấy tờ này.") for row in missing_rows(dossier)
        }
    elif request.method == "POST":
        errors = attach_upload(request, dossier)
        if not errors:
            messages.success(request, _("Đã tải lên tệp."))
            return redirect("dossiers:supplement", pk=dossier.pk)
    return render(
        request,
        "dossiers/supplement.html",
        supplement_context(dossier, errors),
        status=400 if errors else 200,
    )


def supplement_context(dossier: Dossier, errors: dict[str, str]) -> dict[str, Any]:
    """Exactly the rows asked for, plus "other" when the request has free text."""
    rows = supplements.requested_rows(dossier.supplement_items)
    texts = [*supplements.legacy_texts(dossier.supplement_items)]
    if dossier.supplement_instructions:
        texts.append(dossier.supplement_instructions)
    return {
        "dossier": dossier,
        "rows": checklist_rows(dossier, dossier.supplement_round, only=rows, other=bool(texts)),
        "instructions": texts,
        "missing": dossier.missing_supplement_documents(),
        "errors": errors,
        "accept": ACCEPT,
    }


def missing_rows(dossier: Dossier) -> list[str]:
    rows = supplements.requested_rows(dossier.supplement_items)
    brought = set(
        dossier.documents.filter(round=dossier.supplement_round, item__in=rows).values_list(
            "item", flat=True
        )
    )
    return [str(row) for row in rows if row not in brought]
