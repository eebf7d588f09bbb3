from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from procedures.filters import ProcedureFilter
from procedures.models import Procedure


def procedure_search(request: HttpRequest) -> HttpResponse:
    procedures = Procedure.objects.published().select_related("field").prefetch_related("levels")
    filterset = ProcedureFilter(request.GET, queryset=procedures)
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    return render(request, "procedures/search.html", {"filter": filterset, "page": page})


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    procedure = get_object_or_404(Procedure.objects.published().with_details(), code=code)
    return render(request, "procedures/detail.html", {"procedure": procedure})
