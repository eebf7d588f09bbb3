"""The result document of a dossier: attached by the handling agency's specialist or
leader before the decision, downloaded by its staff at any time and by the applicant once
the result is returned (Decree 118/2025 Điều 22). Anyone else gets a 404.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dossiers import permissions, services
from dossiers.downloads import result_response
from dossiers.forms import ResultForm
from dossiers.models import DossierResult, State
from dossiers.views.common import domain_errors, visible_dossier


@require_http_methods(["GET", "POST"])
@login_required
def attach_result(request: HttpRequest, pk: UUID) -> HttpResponse:
    dossier = visible_dossier(request, pk)
    if not permissions.can_attach_result(dossier, request.user):
        raise Http404
    if dossier.state != State.PROCESSING:
        messages.error(request, _("Chỉ đính kèm văn bản kết quả khi hồ sơ đang xử lý."))
        return redirect("dossiers:detail", pk=dossier.pk)
    form = ResultForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with domain_errors(request, form) as outcome:
            services.attach_result(
                dossier=dossier,
                by=request.user,
                upload=form.cleaned_data["file"],
                number=form.cleaned_data["number"],
                issued_on=form.cleaned_data["issued_on"],
            )
        if outcome["ok"]:
            messages.success(request, _("Đã đính kèm văn bản kết quả giải quyết."))
            return redirect("dossiers:detail", pk=dossier.pk)
    context = {
        "dossier": dossier,
        "form": form,
        "current": DossierResult.objects.filter(dossier=dossier).first(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "dossiers/result.html", context, status=status)


@require_GET
@login_required
def download_result(request: HttpRequest, pk: UUID) -> FileResponse:
    dossier = visible_dossier(request, pk)
    result = DossierResult.objects.filter(dossier=dossier).first()
    if result is None or not permissions.can_download_result(dossier, request.user):
        raise Http404
    return result_response(result)
