"""Public catalogue pages: search and the detail a citizen reads before going to the desk."""

from collections.abc import Iterable

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render

from procedures.checklist import checklist_rows
from procedures.filters import ProcedureFilter
from procedures.models import Procedure, ProcessingTime

PAGE_SIZE = 20


def procedure_search(request: HttpRequest) -> HttpResponse:
    # The related rows every result shows are fetched up front, so a page costs the same
    # number of queries whether it lists one procedure or twenty.
    procedures = Procedure.objects.published().select_related("field").prefetch_related("levels")
    filterset = ProcedureFilter(query_as_q(request), queryset=procedures)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "procedures/search.html", {"filter": filterset, "page": page})


def query_as_q(request: HttpRequest) -> QueryDict:
    """The GET parameters with `search` (the API's other name) read as `q`, so the search
    box shows the words whichever name a link used."""
    params = request.GET.copy()
    search = params.pop("search", [""])[-1]
    if search and not params.get("q"):
        params["q"] = search
    return params


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    procedure = get_object_or_404(Procedure.objects.published().with_details(), code=code)
    context = {
        "procedure": procedure,
        "shared_time_note": shared_note(procedure.processing_times.all()),
        "checklist": checklist_rows(procedure.documents.all()),
    }
    return render(request, "procedures/detail.html", context)


def shared_note(times: Iterable[ProcessingTime]) -> str:
    """The note every time limit carries, said once for the procedure; "" if they differ.

    The build writes "no unit given, read as working days" on each channel's limit; printed
    on every line it reads as three warnings instead of one remark.
    """
    notes = {time.note for time in times}
    return notes.pop() if len(notes) == 1 else ""
