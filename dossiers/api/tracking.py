"""Public tracking by dossier code: minimal for anyone, with the details for the applicant.

With the code alone anyone learns that the dossier exists and its state class
(dossiers/tracking.py). With the last four digits of the applicant's CCCD (or tax code), or
signed in as the applicant, the answer adds the procedure, state, stage and the timeline
with agencies and dates; personal data never goes beyond a masked name. Every lookup, found
or not, counts against the ``tracking`` rate of the client address (shared with the page),
so codes and digits cannot be walked or guessed in bulk.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from dossiers.models import Dossier, DossierEvent
from dossiers.tracking import (
    LAST_STAGE,
    STAGES,
    STATE_CLASS_LABELS,
    applicant_digits_match,
    mask_name,
    state_class,
    trackable,
)
from onestop.throttling import TrackingThrottle


class TrackingEventSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display")
    to_state_display = serializers.CharField(source="get_to_state_display")
    agency = serializers.CharField(source="agency.name", default=None, allow_null=True)
    # The reason or note the applicant may read (docs/dossiers.md, "Reasons and notes");
    # empty for an internal note.
    note = serializers.CharField(source="applicant_text")

    class Meta:
        model = DossierEvent
        fields = ["kind", "kind_display", "to_state", "to_state_display", "at", "agency", "note"]


class StageSerializer(serializers.Serializer):
    """Where the dossier stands: step `step` of `of`, named by `label` (documentation)."""

    step = serializers.IntegerField()
    of = serializers.IntegerField()
    # A field of the stage; the stubs take the name for Field.label.
    label = serializers.CharField()  # type: ignore[assignment]


class TrackingSummarySerializer(serializers.Serializer):
    """What the code alone tells: the dossier exists, and its state class."""

    TIER = "code"

    tier = serializers.SerializerMethodField()
    code = serializers.CharField()
    state_class = serializers.SerializerMethodField()
    state_class_display = serializers.SerializerMethodField()

    # One value per serializer, so a response matches exactly one of the schema's variants.
    @extend_schema_field({"type": "string", "enum": [TIER]})
    def get_tier(self, dossier: Dossier) -> str:
        return self.TIER

    @extend_schema_field(serializers.ChoiceField(choices=list(STATE_CLASS_LABELS)))
    def get_state_class(self, dossier: Dossier) -> str:
        return state_class(dossier)[0]

    def get_state_class_display(self, dossier: Dossier) -> str:
        return str(state_class(dossier)[1])


class TrackingDetailSerializer(TrackingSummarySerializer):
    """With the applicant's digits (or signed in as the applicant): everything public."""

    TIER = "applicant"

    @extend_schema_field({"type": "string", "enum": [TIER]})
    def get_tier(self, dossier: Dossier) -> str:
        return self.TIER

    procedure = serializers.CharField(source="procedure.name")
    state = serializers.CharField()
    state_display = serializers.CharField(source="get_state_display")
    status_code = serializers.IntegerField(allow_null=True)
    stage = serializers.SerializerMethodField()
    applicant = serializers.SerializerMethodField()
    receiving_agency = serializers.CharField(source="receiving_agency.name")
    handling_agency = serializers.CharField(source="handling_agency.name")
    # Each is null until the dossier gets that far (due_at also once the clock stops).
    received_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)
    timeline = TrackingEventSerializer(source="events", many=True)

    @extend_schema_field(StageSerializer)
    def get_stage(self, dossier: Dossier) -> dict[str, Any]:
        step, label = STAGES[dossier.state]
        return {"step": step, "of": LAST_STAGE, "label": str(label)}

    def get_applicant(self, dossier: Dossier) -> str:
        return mask_name(dossier.applicant_name)


class TrackingViewSet(viewsets.ViewSet):
    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"[0-9A-Za-z.\-]{1,40}"
    throttle_classes = [TrackingThrottle]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "id_last4",
                str,
                description="4 số cuối CCCD (hoặc mã số thuế) của người nộp: thêm tiến trình.",
            )
        ],
        responses={
            200: PolymorphicProxySerializer(
                component_name="TrackingResult",
                serializers={
                    TrackingSummarySerializer.TIER: TrackingSummarySerializer,
                    TrackingDetailSerializer.TIER: TrackingDetailSerializer,
                },
                resource_type_field_name="tier",
            ),
        },
        summary="Track a dossier by its code (public; details with the applicant's digits)",
        tags=["tracking"],
    )
    def retrieve(self, request: Request, code: str) -> Response:
        dossier = trackable(code)
        if dossier is None:
            raise Http404(_("Không tìm thấy hồ sơ có mã này."))
        last4 = request.query_params.get("id_last4")
        if last4 is None and not _is_applicant(request, dossier):
            return Response(TrackingSummarySerializer(dossier).data)
        if last4 is not None and not applicant_digits_match(dossier, last4):
            raise Http404(_("Mã hồ sơ hoặc 4 số cuối giấy tờ của người nộp không đúng."))
        timeline = DossierEvent.objects.select_related("agency").order_by("at", "id")
        prefetch_related_objects([dossier], Prefetch("events", timeline))
        return Response(TrackingDetailSerializer(dossier).data)


def _is_applicant(request: Request, dossier: Dossier) -> bool:
    return request.user.is_authenticated and dossier.applicant_user_id == request.user.pk
