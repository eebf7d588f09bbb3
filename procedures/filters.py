"""One filter set for the catalogue, shared by the search page and the API."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from procedures.models import Level, OnlineMode, Procedure


class ProcedureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Từ khóa"))
    field = django_filters.CharFilter(field_name="field__code", label=_("Lĩnh vực"))
    agency = django_filters.CharFilter(method="filter_agency", label=_("Cơ quan"))
    level = django_filters.ChoiceFilter(
        field_name="levels__level", choices=Level.choices, label=_("Cấp thực hiện")
    )
    online_mode = django_filters.ChoiceFilter(
        choices=OnlineMode.choices, label=_("Dịch vụ công trực tuyến")
    )

    class Meta:
        model = Procedure
        fields = ["q", "field", "agency", "level", "online_mode"]

    def filter_q(self, queryset: QuerySet[Procedure], name: str, value: str) -> QuerySet:
        return queryset.search(value)

    def filter_agency(self, queryset: QuerySet[Procedure], name: str, value: str) -> QuerySet:
        # An exists-subquery rather than a join, so one procedure never appears twice.
        through = Procedure.agencies.through.objects.filter(agency__code=value)
        return queryset.filter(pk__in=through.values("procedure_id"))
