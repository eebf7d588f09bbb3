"""What the dossier API returns. Request bodies are in ``dossiers.api.inputs``."""

from __future__ import annotations

from typing import Any, cast

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dossiers import applicability, deadlines, permissions, supplements
from dossiers.models import (
    CLOCK_STATES,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierResult,
    State,
)
from onestop import calendar
from procedures.api.serializers import ConditionSerializer
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


class RequestedRowSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    name = serializers.CharField()


class SupplementSerializer(serializers.Serializer):
    """The one supplement request (round 1 once it was made): rows, instructions, period."""

    round = serializers.IntegerField(source="supplement_round")
    from_state = serializers.CharField(source="supplement_from_state")
    requested_at = serializers.DateTimeField(source="supplement_requested_at", allow_null=True)
    due_at = serializers.DateTimeField(source="supplement_due_at", allow_null=True)
    items = serializers.SerializerMethodField()
    instructions = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()

    @extend_schema_field(RequestedRowSerializer(many=True))
    def get_items(self, dossier: Dossier) -> list[dict[str, Any]]:
        """The checklist rows asked for, by position (from 1) and name."""
        return supplements.requested(dossier)

    def get_instructions(self, dossier: Dossier) -> str:
        """Free text; a request made before rows were numbered reads here, one per line."""
        return "\n".join(
            [*supplements.legacy_texts(dossier.supplement_items), dossier.supplement_instructions]
        ).strip()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_missing(self, dossier: Dossier) -> list[str]:
        """Requested rows without a file of this round: resubmitting is refused until none."""
        return dossier.missing_supplement_documents()


class AgencySupplementSerializer(serializers.Serializer):
    """The handling agency's request after appraisal, for the desk to send (Điều 19(5))."""

    requested_at = serializers.DateTimeField(source="agency_supplement_at")
    requested_by = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField()
    instructions = serializers.SerializerMethodField()
    reason = serializers.SerializerMethodField()
    limit = serializers.SerializerMethodField()
    late = serializers.SerializerMethodField()

    def get_requested_by(self, dossier: Dossier) -> str:
        by = dossier.agency_supplement_by
        return by.get_full_name() if by is not None else ""

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_items(self, dossier: Dossier) -> list[int]:
        return supplements.requested_rows(dossier.agency_supplement.get("items", []))

    def get_instructions(self, dossier: Dossier) -> str:
        return str(dossier.agency_supplement.get("instructions", ""))

    def get_reason(self, dossier: Dossier) -> str:
        return str(dossier.agency_supplement.get("reason", ""))

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_limit(self, dossier: Dossier) -> str | None:
        """3 working days from the receipt: the latest the agency's request was due."""
        limit = supplements.agency_request_limit(dossier)
        return limit.isoformat() if limit else None

    def get_late(self, dossier: Dossier) -> bool:
        return supplements.agency_request_late(dossier)


class ChecklistRowSerializer(serializers.Serializer):
    """One row of the dossier's checklist (the schema of ``checklist`` items)."""

    item = serializers.IntegerField(help_text="Position from 1, as uploads refer to it.")
    name = serializers.CharField()
    is_mandatory = serializers.BooleanField(help_text="False for a row brought only if any.")
    channels = serializers.ListField(
        child=serializers.CharField(), help_text="Empty: every channel."
    )
    condition = ConditionSerializer(
        allow_null=True, help_text="Applies only when the applicant answered yes to it."
    )
    alternative_group = serializers.CharField(help_text="Any one row of a group is enough.")
    template_name = serializers.CharField()
    template_url = serializers.CharField()
    applies = serializers.BooleanField(help_text="Whether it applies to this dossier.")
    status = serializers.ChoiceField(
        choices=["uploaded", "paper", "missing", "not_needed", "not_applicable"]
    )


class ResultSerializer(serializers.ModelSerializer):
    """The result document (Decree 118/2025 Điều 22): its number, date and file."""

    uploaded_by = serializers.CharField(source="uploaded_by.get_full_name")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DossierResult
        fields = [
            "number",
            "issued_on",
            "original_name",
            "size",
            "sha256",
            "uploaded_by",
            "uploaded_at",
            "download_url",
        ]

    def get_download_url(self, result: DossierResult) -> str:
        path = reverse("api:dossier-result-download", kwargs={"pk": str(result.dossier_id)})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


def result_of(dossier: Dossier) -> DossierResult | None:
    try:
        return dossier.result_document  # type: ignore[no-any-return]
    except DossierResult.DoesNotExist:
        return None


class TimeLimitSerializer(serializers.Serializer):
    amount = serializers.FloatField()
    unit = serializers.ChoiceField(choices=TimeUnit.choices)
    unit_display = serializers.CharField()


class DossierDetailSerializer(DossierListSerializer):
    procedure_version = serializers.IntegerField(source="procedure_version.number")
    applicant = ApplicantSerializer(source="*")
    supplement = SupplementSerializer(source="*")
    agency_supplement = serializers.SerializerMethodField()
    assigned_specialist = PersonRefSerializer(allow_null=True)
    checklist = serializers.SerializerMethodField()
    available_transitions = serializers.SerializerMethodField()
    decision_leader = PersonRefSerializer(allow_null=True)
    result_display = serializers.CharField(source="get_result_display")
    result_document = serializers.SerializerMethodField()
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
            "agency_supplement",
            "payment_amount_vnd",
            "paid_at",
            "result",
            "result_display",
            "result_reason",
            "result_document",
            "decision_requested_at",
            "decision_leader",
            "closing_reason",
            "assigned_specialist",
            "answers",
            "paper_items",
            "checklist",
            "available_transitions",
            "revision",
            "updated_at",
        ]

    answers = serializers.DictField(
        child=serializers.BooleanField(),
        help_text="The applicant's answers to the checklist's conditions (key: yes/no).",
    )
    paper_items = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Checklist positions (from 1) the desk received on paper.",
    )

    @extend_schema_field(AgencySupplementSerializer(allow_null=True))
    def get_agency_supplement(self, dossier: Dossier) -> dict[str, Any] | None:
        """The handling agency's request for a supplement, null if none was made."""
        if dossier.agency_supplement_at is None:
            return None
        return dict(AgencySupplementSerializer(dossier).data)

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

    @extend_schema_field(ChecklistRowSerializer(many=True))
    def get_checklist(self, dossier: Dossier) -> list[dict[str, Any]]:
        """The version's checklist, numbered from 1 as uploads refer to them, with when each
        row applies and, for this dossier's channel and answers, its status.
        """
        content = dossier.procedure_version.content
        statuses = {
            row.position: status
            for row, status in applicability.row_statuses(
                content,
                dossier.channel,
                dossier.answers,
                dossier.uploaded_items(),
                dossier.paper_items,
            )
        }
        return [
            {
                "item": row.position,
                "name": row.name,
                "is_mandatory": row.is_mandatory,
                "channels": list(row.channels),
                "condition": {"key": row.condition_key, "question": row.question}
                if row.condition_key
                else None,
                "alternative_group": row.alternative_group,
                "template_name": row.template_name,
                "template_url": row.template_url,
                "applies": row.position in statuses,
                "status": statuses.get(row.position, "not_applicable"),
            }
            for row in applicability.rows_of(content)
        ]

    @extend_schema_field(ResultSerializer(allow_null=True))
    def get_result_document(self, dossier: Dossier) -> dict[str, Any] | None:
        """The result document: for staff once attached, for the applicant once returned;
        null otherwise.
        """
        request = self.context.get("request")
        if request is None or not permissions.can_download_result(dossier, request.user):
            return None
        result = result_of(dossier)
        return None if result is None else ResultSerializer(result, context=self.context).data

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
    round_display = serializers.CharField(source="round_label")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DossierDocument
        fields = [
            "id",
            "item",
            "item_name",
            "round",
            "round_display",
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
    """One event; with ``context["staff"]`` false (the applicant) an internal note reads
    as an empty `reason`.
    """

    kind_display = serializers.CharField(source="get_kind_display")
    to_state_display = serializers.CharField(source="get_to_state_display")
    agency = AgencyRefSerializer(allow_null=True)
    reason = serializers.SerializerMethodField()
    shared_with_applicant = serializers.BooleanField(source="for_applicant")

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
            "shared_with_applicant",
            "details",
        ]

    def get_reason(self, event: DossierEvent) -> str:
        """The reason or note; an internal note is empty for the applicant."""
        return event.reason if self.context.get("staff") else event.applicant_text
