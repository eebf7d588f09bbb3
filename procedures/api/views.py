from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from procedures.api.serializers import (
    AgencySerializer,
    FieldSerializer,
    ProcedureDetailSerializer,
    ProcedureListSerializer,
)
from procedures.filters import ProcedureFilter
from procedures.models import Agency, Field, Procedure


@extend_schema_view(
    list=extend_schema(
        summary="Search published procedures",
        description=(
            "`q` (or its alias `search`) matches whole words and word prefixes of the code "
            "and name, ignoring accents and case, and knows the abbreviations CCCD, CMND, "
            'GPLX, GCN, QSDĐ, UBND and LLTP. Words such as "cho" or "của" are ignored; '
            "a query of three or more words may miss one. Results matching more words as "
            "whole words come first, then frequent procedures, then shorter names."
        ),
    ),
    retrieve=extend_schema(summary="A procedure with documents, fees, steps and times"),
)
class ProcedureViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "code"
    lookup_value_regex = r"\d\.\d{6}"
    filterset_class = ProcedureFilter

    def get_queryset(self) -> QuerySet[Procedure]:
        procedures = Procedure.objects.published()
        if self.action == "list":
            return procedures.select_related("field").prefetch_related("levels")
        return procedures.with_details()

    def get_serializer_class(self) -> type:
        return ProcedureListSerializer if self.action == "list" else ProcedureDetailSerializer


# Codes contain dots (agency 000.00.11.H38), which the router's default lookup refuses.
CODE_PATTERN = r"[^/]+"


class FieldViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Field.objects.order_by("name")
    serializer_class = FieldSerializer
    lookup_field = "code"
    lookup_value_regex = CODE_PATTERN


class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Agency.objects.select_related("parent").order_by("code")
    serializer_class = AgencySerializer
    lookup_field = "code"
    lookup_value_regex = CODE_PATTERN
