"""One filter set for dossier lists, shared by the API and the officers' list pages."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossiers.models import CLOCK_STATES, Dossier, State
from dossiers.models.queryset import DossierQuerySet
from onestop.calendar.inputs import CalendarDateTimeField
from procedures.models import Agency, Channel


class CalendarDateTimeFilter(django_filters.DateTimeFilter):
    """A date filter within the calendar's years; "+07:00" typed unencoded in a URL (so
    read as " 07:00") counts as "+07:00".
    """

    field_class = CalendarDateTimeField


class DossierFilter(django_filters.FilterSet):
    state = django_filters.MultipleChoiceFilter(choices=State.choices, label=_("Trạng thái"))
    procedure = django_filters.CharFilter(field_name="procedure__code", label=_("Mã thủ tục"))
    agency = django_filters.CharFilter(method="filter_agency", label=_("Cơ quan (mã)"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Hình thức nộp"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Quá hạn"))
    at_risk = django_filters.BooleanFilter(method="filter_at_risk", label=_("Sắp đến hạn"))
    due_before = CalendarDateTimeFilter(
        field_name="due_at", lookup_expr="lt", label=_("Hẹn trả trước")
    )
    due_after = CalendarDateTimeFilter(
        field_name="due_at", lookup_expr="gte", label=_("Hẹn trả từ")
    )
    received_after = CalendarDateTimeFilter(
        field_name="received_at", lookup_expr="gte", label=_("Tiếp nhận từ")
    )
    received_before = CalendarDateTimeFilter(
        field_name="received_at", lookup_expr="lt", label=_("Tiếp nhận trước")
    )
    assigned_to_me = django_filters.BooleanFilter(
        method="filter_assigned_to_me", label=_("Được giao cho tôi")
    )
    q = django_filters.CharFilter(method="filter_q", label=_("Mã hồ sơ hoặc tên người nộp"))
    ordering = django_filters.OrderingFilter(
        fields=(("due_at", "due_at"), ("created_at", "created_at"), ("received_at", "received_at")),
        label=_("Sắp xếp"),
    )

    class Meta:
        model = Dossier
        fields: list[str] = []

    def filter_agency(self, queryset: QuerySet[Dossier], name: str, value: str) -> QuerySet:
        # Subqueries rather than joins, so the agency indexes on the dossier table serve.
        agency = Agency.objects.filter(code=value).values("pk")
        return queryset.filter(Q(receiving_agency_id__in=agency) | Q(handling_agency_id__in=agency))

    def filter_overdue(self, queryset: DossierQuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        now = timezone.now()
        if value:
            return queryset.overdue(now)
        return queryset.exclude(state__in=CLOCK_STATES, due_at__lt=now)

    def filter_at_risk(self, queryset: DossierQuerySet, name: str, value: bool | None) -> QuerySet:
        if not value:
            return queryset
        return queryset.at_risk(timezone.now())

    def filter_assigned_to_me(
        self, queryset: QuerySet[Dossier], name: str, value: bool | None
    ) -> QuerySet:
        user = getattr(self.request, "user", None)
        if not value or user is None:
            return queryset
        return queryset.filter(assigned_specialist_id=user.pk)

    def filter_q(self, queryset: DossierQuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)
