"""One filter set for the catalogue, shared by the search page and the API."""

import django_filters
from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _

from procedures.models import Agency, Field, Level, OnlineMode, Procedure


def field_choices() -> list[tuple[str, str]]:
    """Fields that hold at least one published procedure, as (code, name)."""
    fields = Field.objects.filter(procedures__is_published=True).distinct().order_by("name")
    return [("", _("Tất cả lĩnh vực")), *fields.values_list("code", "name")]


def agency_choices() -> list[tuple[str, str]]:
    """Agencies that carry out at least one published procedure, as (code, name)."""
    agencies = (
        Agency.objects.annotate(
            published=Count("procedures", filter=Q(procedures__is_published=True))
        )
        .filter(published__gt=0)
        .order_by("name")
    )
    return [("", _("Tất cả cơ quan")), *agencies.values_list("code", "name")]


def code_select(choices: object) -> forms.Select:
    # The select lists codes lazily, only when the page renders it: the API validates the
    # same form without a query, and an unknown code still means "no match", not an error.
    return forms.Select(choices=CallableChoiceIterator(choices))


class ProcedureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Từ khóa"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Tên hoặc mã thủ tục")}),
    )
    field = django_filters.CharFilter(
        field_name="field__code", label=_("Lĩnh vực"), widget=code_select(field_choices)
    )
    agency = django_filters.CharFilter(
        method="filter_agency", label=_("Cơ quan"), widget=code_select(agency_choices)
    )
    level = django_filters.ChoiceFilter(
        field_name="levels__level",
        choices=Level.choices,
        label=_("Cấp thực hiện"),
        empty_label=_("Tất cả các cấp"),
    )
    online_mode = django_filters.ChoiceFilter(
        choices=OnlineMode.choices,
        label=_("Dịch vụ công trực tuyến"),
        empty_label=_("Tất cả hình thức"),
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
