"""What the dossier API returns. Request bodies are in ``dossiers.api.inputs``."""

from __future__ import annotations

from typing import Any, cast

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dossiers import deadlines
from dossiers.models import CLOCK_STATES, Dossier, DossierDocument, DossierEvent, State
from onestop import calendar
from procedures.models import Agency, TimeUnit


class AgencyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["code", "name"]


class ProcedureRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class PersonRefSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField(source="get_full_name")


class DossierListSerializer(serializers.ModelSerializer):
    state_display = serializers.CharField(source="get_state_display")
    status_code = serializers.IntegerField(allow_null=True)
    procedure = ProcedureRefSerializer()
    receiving_agency = AgencyRefSerializer()
    handling_agency = AgencyRefSerializer()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Dossier
        fields = [
            "id",
            "code",
            "state",
            "state_display",
            "status_code",
            "procedure",
            "channel",
            "receiving_agency",
            "handling_agency",
            "applicant_name",
            "submitted_at",
            "received_at",
            "intake_due_at",
            "due_at",
            "progress",
            "created_at",
        ]
        # When the desk must answer an online submission (Decree 118/2025 Điều 17(2)(c)).
        extra_kwargs = {"intake_due_at": {"read_only": True}}

    @extend_schema_field(
        serializers.ChoiceField(choices=["on_track", "at_risk", "overdue"], allow_null=True)
    )
    def get_progress(self, dossier: Dossier) -> str | None:
        """On track, at risk or overdue while the clock runs; null otherwise."""
        if dossier.state not in CLOCK_STATES or dossier.due_at is None:
            return None
        return str(calendar.progress(dossier.due_at, self._now()))

    def _now(self) -> Any:
        return cast(dict[str, Any], self.context).setdefault("now", timezone.now())


class ApplicantSerializer(serializers.Serializer):
    kind = serializers.CharField(source="applicant_kind")
    name = serializers.CharField(source="applicant_name")
    id_number = serializers.CharField(source="applicant_id_number")
    birth_date = serializers.DateField(source="applicant_birth_date", allow_null=True)
    phone = serializers.CharField(source="applicant_phone")
    email = serializers.CharField(source="applicant_email")
    address = serializers.CharField(source="applicant_address")


class SupplementSerializer(serializers.Serializer):
    round = serializers.IntegerField(source="supplement_round")
    from_state = serializers.CharField(source="supplement_from_state")
    requested_at = serializers.DateTimeField(source="supplement_requested_at", allow_null=True)
    items = serializers.ListField(source="supplement_items", child=serializers.CharField())


class TimeLimitSerializer(serializers.Serializer):
    amount = serializers.FloatField()
    unit = serializers.ChoiceField(choices=TimeUnit.choices)
    unit_display = serializers.CharField()


class DossierDetailSerializer(DossierListSerializer):
    procedure_version = serializers.IntegerField(source="procedure_version.number")
    applicant = ApplicantSerializer(source="*")
    supplement = SupplementSerializer(source="*")
    assigned_specialist = PersonRefSerializer(allow_null=True)
    checklist = serializers.SerializerMethodField()
    available_transitions = serializers.SerializerMethodField()
    time_limit = serializers.SerializerMethodField()
    indicative_due_at = serializers.SerializerMethodField()

    class Meta(DossierListSerializer.Meta):
        fields = [
            *DossierListSerializer.Meta.fields,
            "time_limit",
            "indicative_due_at",
            "procedure_version",
            "applicant",
            "original_due_at",
            "extended_due_at",
            "extended_at",
            "finished_at",
            "returned_at",
            "supplement",
            "payment_amount_vnd",
            "paid_at",
            "result",
            "result_reason",
            "closing_reason",
            "assigned_specialist",
            "checklist",
            "available_transitions",
            "revision",
            "updated_at",
        ]

    @extend_schema_field(TimeLimitSerializer(allow_null=True))
    def get_time_limit(self, dossier: Dossier) -> dict[str, Any] | None:
        """The procedure's time limit for the dossier's channel, as its version states it."""
        try:
            amount, unit = deadlines.time_limit(dossier.procedure_version, dossier.channel)
        except deadlines.NoTimeLimit:
            return None
        return {"amount": amount, "unit": unit, "unit_display": str(TimeUnit(unit).label)}

    @extend_schema_field(serializers.DateTimeField(allow_null=True, read_only=True))
    def get_indicative_due_at(self, dossier: Dossier) -> str | None:
        """While the dossier waits for the desk (submitted): the due date it would get if
        accepted now. Indicative only ("dự kiến"): the legal clock starts at acceptance.
        """
        if dossier.state != State.SUBMITTED:
            return None
        due = deadlines.indicative_due(dossier.procedure_version, dossier.channel, self._now())
        return serializers.DateTimeField().to_representation(due) if due else None

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_checklist(self, dossier: Dossier) -> list[dict[str, Any]]:
        """The version's required documents, numbered from 1 as uploads refer to them."""
        return [
            {"item": number, "name": row["name"], "is_mandatory": row.get("is_mandatory", True)}
            for number, row in enumerate(dossier.checklist(), start=1)
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_available_transitions(self, dossier: Dossier) -> list[str]:
        """Transitions the caller may perform now (state, guards and role all allow)."""
        request = self.context.get("request")
        if request is None:
            return []
        # django_fsm adds this method to the model at class creation; the stubs cannot see it.
        transitions = dossier.get_available_user_state_transitions(request.user)  # type: ignore[attr-defined]
        return [t.name for t in transitions]


class DocumentSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.CharField(source="uploaded_by.get_full_name")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DossierDocument
        fields = [
            "id",
            "item",
            "item_name",
            "round",
            "original_name",
            "size",
            "content_type",
            "sha256",
            "uploaded_by",
            "uploaded_at",
            "download_url",
        ]

    def get_download_url(self, document: DossierDocument) -> str:
        path = reverse(
            "api:dossier-download",
            kwargs={"pk": str(document.dossier_id), "doc_id": str(document.pk)},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class EventSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display")
    to_state_display = serializers.CharField(source="get_to_state_display")
    agency = AgencyRefSerializer(allow_null=True)

    class Meta:
        model = DossierEvent
        fields = [
            "id",
            "kind",
            "kind_display",
            "from_state",
            "to_state",
            "to_state_display",
            "at",
            "actor_name",
            "agency",
            "reason",
            "details",
        ]
