"""Public tracking by dossier code: minimal for anyone, with the timeline for the applicant.

With the code alone anyone sees the procedure, the state and the stage. With the last four
digits of the applicant's CCCD (or tax code), or signed in as the applicant, the answer adds
the timeline with agencies and dates; personal data never goes beyond a masked name.
Every request counts against the ``tracking`` throttle, so codes and digits cannot be
guessed in bulk.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from dossiers.models import Dossier, DossierEvent
from dossiers.tracking import LAST_STAGE, STAGES, applicant_digits_match, mask_name, trackable


class TrackingEventSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display")
    to_state_display = serializers.CharField(source="get_to_state_display")
    agency = serializers.CharField(source="agency.name", default=None, allow_null=True)

    class Meta:
        model = DossierEvent
        fields = ["kind", "kind_display", "to_state", "to_state_display", "at", "agency"]


class StageSerializer(serializers.Serializer):
    """Where the dossier stands: step `step` of `of`, named by `label` (documentation)."""

    step = serializers.IntegerField()
    of = serializers.IntegerField()
    # A field of the stage; the stubs take the name for Field.label.
    label = serializers.CharField()  # type: ignore[assignment]


class TrackingSerializer(serializers.Serializer):
    code = serializers.CharField()
    procedure = serializers.CharField(source="procedure.name")
    state = serializers.CharField()
    state_display = serializers.CharField(source="get_state_display")
    status_code = serializers.IntegerField(allow_null=True)
    stage = serializers.SerializerMethodField()

    @extend_schema_field(StageSerializer)
    def get_stage(self, dossier: Dossier) -> dict[str, Any]:
        step, label = STAGES[dossier.state]
        return {"step": step, "of": LAST_STAGE, "label": str(label)}


class TrackingDetailSerializer(TrackingSerializer):
    applicant = serializers.SerializerMethodField()
    receiving_agency = serializers.CharField(source="receiving_agency.name")
    handling_agency = serializers.CharField(source="handling_agency.name")
    # Each is null until the dossier gets that far (due_at also once the clock stops).
    received_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)
    timeline = TrackingEventSerializer(source="events", many=True)

    def get_applicant(self, dossier: Dossier) -> str:
        return mask_name(dossier.applicant_name)


class TrackingAnswerSerializer(TrackingDetailSerializer):
    """The answer as documented: the fields of TrackingSerializer always, the others only
    with the applicant's digits or to the signed-in applicant. Never used to render."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name in fields.keys() - TrackingSerializer().get_fields().keys():
            fields[name].required = False
            fields[name].read_only = False  # else the schema lists it as always present
        return fields


class TrackingViewSet(viewsets.ViewSet):
    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"[0-9A-Za-z.\-]{1,40}"
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "tracking"

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "id_last4",
                str,
                description="4 số cuối CCCD (hoặc mã số thuế) của người nộp: thêm tiến trình.",
            )
        ],
        responses=TrackingAnswerSerializer,
        summary="Track a dossier by its code (public; timeline with the applicant's digits)",
        tags=["tracking"],
    )
    def retrieve(self, request: Request, code: str) -> Response:
        dossier = trackable(code)
        if dossier is None:
            raise Http404(_("Không tìm thấy hồ sơ có mã này."))
        last4 = request.query_params.get("id_last4")
        if last4 is None and not _is_applicant(request, dossier):
            return Response(TrackingSerializer(dossier).data)
        if last4 is not None and not applicant_digits_match(dossier, last4):
            raise Http404(_("Mã hồ sơ hoặc 4 số cuối giấy tờ của người nộp không đúng."))
        timeline = DossierEvent.objects.select_related("agency").order_by("at", "id")
        prefetch_related_objects([dossier], Prefetch("events", timeline))
        return Response(TrackingDetailSerializer(dossier).data)


def _is_applicant(request: Request, dossier: Dossier) -> bool:
    return request.user.is_authenticated and dossier.applicant_user_id == request.user.pk
