from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onestop.text import fold
from procedures.models import Field, Procedure

FREQUENT_SHOWN = 12


def home(request: HttpRequest) -> HttpResponse:
    """The portal's front page: search box, fields and the most used procedures."""
    frequent = (
        Procedure.objects.published()
        .filter(is_frequent=True)
        .select_related("field")
        .prefetch_related("levels")[:FREQUENT_SHOWN]
    )
    # Only fields a citizen can actually find something in, with how many they hold.
    fields = Field.objects.annotate(
        published=Count("procedures", filter=Q(procedures__is_published=True))
    ).filter(published__gt=0)
    # Sorted on the folded name: a database's byte order would put "Bảo" after "Biển".
    by_name = sorted(fields, key=lambda field: fold(field.name))
    return render(request, "home.html", {"frequent": frequent, "fields": by_name})
