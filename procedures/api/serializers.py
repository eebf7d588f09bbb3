from rest_framework import serializers

from procedures.models import (
    Agency,
    Channel,
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureStep,
    ProcessingTime,
    RequiredDocument,
)


class FieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = Field
        fields = ["code", "name"]


class AgencySerializer(serializers.ModelSerializer):
    # The agency's parent agency; the stubs take the name for Field.parent (the serializer).
    parent: serializers.SlugRelatedField[Agency] = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Agency
        fields = [
            "code",
            "name",
            "short_name",
            "parent",
            "level",
            "has_one_stop_desk",
            "address",
            "phone",
            "email",
        ]


class ProcessingTimeSerializer(serializers.ModelSerializer):
    amount = serializers.FloatField()

    class Meta:
        model = ProcessingTime
        fields = ["channel", "amount", "unit", "note"]


class FeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Fee
        fields = ["channel", "name", "amount_vnd", "exemption"]


class ConditionSerializer(serializers.Serializer):
    key = serializers.SlugField(help_text="Stable key of the condition, e.g. uy-quyen.")
    question = serializers.CharField(help_text="The yes/no question shown to the applicant.")


class RequiredDocumentSerializer(serializers.ModelSerializer):
    # When the row applies: docs/catalogue-format.md, "When a row applies".
    channels = serializers.ListField(
        child=serializers.ChoiceField(choices=Channel.choices),
        help_text="Empty: every channel; else only dossiers filed through one of these.",
    )
    condition = ConditionSerializer(
        allow_null=True, help_text="The row applies only when the answer is yes; null: always."
    )
    # A plain string: a blank URLField's schema ("uri" or empty) matches "" twice.
    template_url = serializers.CharField(
        allow_blank=True, help_text="http(s) link to the form named in template_name, or empty."
    )
    applicability = serializers.CharField(
        read_only=True,
        help_text="optional, alternative, condition, channel or always (first that matches).",
    )

    class Meta:
        model = RequiredDocument
        fields = [
            "id",
            "name",
            "form",
            "quantity",
            "is_mandatory",
            "template_name",
            "channels",
            "condition",
            "alternative_group",
            "template_url",
            "applicability",
        ]


class ProcedureStepSerializer(serializers.ModelSerializer):
    duration = serializers.FloatField(allow_null=True)

    class Meta:
        model = ProcedureStep
        fields = ["order", "description", "agency_role", "duration", "duration_unit"]


class LegalBasisSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalBasis
        fields = ["number", "title"]


class ProcedureListSerializer(serializers.ModelSerializer):
    field = FieldSerializer()
    levels = serializers.SerializerMethodField()

    class Meta:
        model = Procedure
        fields = [
            "code",
            "name",
            "field",
            "levels",
            "online_mode",
            "on_the_spot",
            "is_frequent",
            "version",
        ]

    def get_levels(self, procedure: Procedure) -> list[str]:
        return [row.level for row in procedure.levels.all()]


class ProcedureDetailSerializer(ProcedureListSerializer):
    agencies: serializers.SlugRelatedField[Agency] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    processing_times = ProcessingTimeSerializer(many=True)
    fees = FeeSerializer(many=True)
    documents = RequiredDocumentSerializer(many=True)
    steps = ProcedureStepSerializer(many=True)
    legal_bases = LegalBasisSerializer(many=True)

    class Meta(ProcedureListSerializer.Meta):
        fields = [
            *ProcedureListSerializer.Meta.fields,
            "agencies",
            "authority",
            "applicants",
            "conditions",
            "result",
            "decision_number",
            "supplement_policy",
            "effective_from",
            "effective_to",
            "processing_times",
            "fees",
            "documents",
            "steps",
            "legal_bases",
            "updated_at",
        ]
