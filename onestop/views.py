from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from procedures.models import Field, Procedure


def home(request: HttpRequest) -> HttpResponse:
    """The portal's front page: search box, fields and the most used procedures."""
    frequent = Procedure.objects.published().filter(is_frequent=True).select_related("field")[:12]
    fields = Field.objects.order_by("name")
    return render(request, "home.html", {"frequent": frequent, "fields": fields})
