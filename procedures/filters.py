"""One filter set for the catalogue, shared by the search page and the API."""

from collections.abc import Callable, Iterable, Iterator
from typing import Self

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from onestop.text import fold
from procedures.models import Agency, Field, Level, OnlineMode, Procedure, ProcedureQuerySet

# Labels may be lazy translations (the "all" option), rendered in the request's language.
Choices = list[tuple[str, str | Promise]]


def by_name(rows: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    # Sorted on the folded name: a database's byte order would put "Bảo" after "Biển".
    return sorted(rows, key=lambda row: fold(row[1]))


def field_choices() -> Choices:
    """Fields that hold at least one published procedure, as (code, name)."""
    fields = Field.objects.filter(procedures__is_published=True).distinct()
    return [("", _("Tất cả lĩnh vực")), *by_name(fields.values_list("code", "name"))]


def agency_choices() -> Choices:
    """Agencies that carry out at least one published procedure, as (code, name)."""
    agencies = Agency.objects.filter(procedures__is_published=True).distinct()
    return [("", _("Tất cả cơ quan")), *by_name(agencies.values_list("code", "name"))]


class LazyChoices(BaseChoiceIterator):
    """Choices loaded when a select first renders, then kept for that form.

    The API validates the same form without rendering it, so it never pays the query; and
    since the values are plain text, an unknown code still means "no match", not an error.
    """

    def __init__(self, load: Callable[[], Choices]) -> None:
        self.load = load
        self.loaded: Choices | None = None

    def __iter__(self) -> Iterator[tuple[str, str | Promise]]:
        if self.loaded is None:
            self.loaded = self.load()
        return iter(self.loaded)

    def __copy__(self) -> Self:
        # Each form gets its own copy of the widget; it must load fresh rows, not reuse
        # another request's.
        return type(self)(self.load)


def code_select(load: Callable[[], Choices]) -> forms.Select:
    return forms.Select(choices=LazyChoices(load))


QUERY_HELP = _(
    "Tên hoặc mã thủ tục: tìm theo từ và đầu từ, không phân biệt dấu và hoa thường; hiểu các "
    "chữ viết tắt thông dụng (CCCD, GPLX, GCN, QSDĐ, UBND, LLTP); kết quả khớp nhiều từ nhất "
    "đứng trước."
)


class ProcedureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Từ khóa"),
        help_text=QUERY_HELP,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Tên hoặc mã thủ tục")}),
    )
    # DRF's usual name for a search parameter; the same search as `q` (which wins if both
    # are given), so `?search=` is never silently ignored.
    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Từ khóa (như q)"),
        help_text=_("Tên khác của q, cùng một cách tìm; nếu có cả hai thì dùng q."),
        widget=forms.HiddenInput,
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
        fields = ["q", "search", "field", "agency", "level", "online_mode"]

    def filter_q(self, queryset: ProcedureQuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value).best_matches_first()

    def filter_search(self, queryset: ProcedureQuerySet, name: str, value: str) -> QuerySet:
        if self.form.cleaned_data.get("q"):
            return queryset
        return self.filter_q(queryset, name, value)

    def filter_agency(self, queryset: QuerySet[Procedure], name: str, value: str) -> QuerySet:
        # An exists-subquery rather than a join, so one procedure never appears twice.
        through = Procedure.agencies.through.objects.filter(agency__code=value)
        return queryset.filter(pk__in=through.values("procedure_id"))
