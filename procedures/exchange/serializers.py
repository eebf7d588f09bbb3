"""The shape of one procedure record, checked field by field against the model's own limits.

The model serializers take lengths, choices, nullability and validators from
``procedures.models``; the field mapping swaps in the strict fields, so a record is held to
the JSON types of the format and every message is Vietnamese.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from procedures.exchange import fields as strict
from procedures.models import (
    Agency,
    Channel,
    Fee,
    Field,
    LegalBasis,
    Level,
    Procedure,
    ProcedureStep,
    ProcessingTime,
    RequiredDocument,
    procedure_code_validator,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

UNKNOWN_KEY = _("Khóa “{key}” không có trong định dạng danh mục.")


def _choice_message(what: str | _StrPromise) -> dict[str, dict[str, str | _StrPromise]]:
    return {"error_messages": {"invalid_choice": what}}


class ExchangeSerializerMixin:
    """Rejects keys the format does not have, so a misspelt key is not silently dropped."""

    default_error_messages: dict[str, str | _StrPromise] = {
        **strict.COMMON_MESSAGES,
        **strict.OBJECT_MESSAGES,
    }

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, Any] = {}
        if isinstance(data, Mapping):
            known = set(self.fields)  # type: ignore[attr-defined]
            errors = {key: [UNKNOWN_KEY.format(key=key)] for key in data if str(key) not in known}
        try:
            value = super().to_internal_value(data)  # type: ignore[misc]
        except serializers.ValidationError as exc:
            if not isinstance(exc.detail, Mapping):
                raise
            raise serializers.ValidationError({**exc.detail, **errors}) from None
        if errors:
            raise serializers.ValidationError(errors)
        return value


class ExchangeModelSerializer(ExchangeSerializerMixin, serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: strict.StrictCharField,
        models.TextField: strict.StrictCharField,
        models.SlugField: strict.StrictSlugField,
        models.BooleanField: strict.StrictBooleanField,
        models.IntegerField: strict.StrictIntegerField,
        models.PositiveIntegerField: strict.StrictIntegerField,
        models.PositiveSmallIntegerField: strict.StrictIntegerField,
        models.BigIntegerField: strict.StrictIntegerField,
        models.DecimalField: strict.StrictDecimalField,
        models.DateField: strict.StrictDateField,
    }
    serializer_choice_field = strict.StrictChoiceField


class ProcessingTimeRecord(ExchangeModelSerializer):
    class Meta:
        model = ProcessingTime
        fields = ["channel", "amount", "unit", "note"]
        list_serializer_class = strict.ExchangeListSerializer
        extra_kwargs = {
            "channel": _choice_message(_("Hình thức nộp “{input}” không hợp lệ; chọn: {choices}.")),
            "unit": _choice_message(_("Đơn vị thời gian “{input}” không hợp lệ; chọn: {choices}.")),
        }


class FeeRecord(ExchangeModelSerializer):
    class Meta:
        model = Fee
        fields = ["channel", "name", "amount_vnd", "exemption"]
        list_serializer_class = strict.ExchangeListSerializer
        extra_kwargs = {
            "channel": _choice_message(_("Hình thức nộp “{input}” không hợp lệ; chọn: {choices}.")),
        }


class ConditionRecord(ExchangeSerializerMixin, serializers.Serializer):
    """The yes/no question a checklist row depends on: {"key": slug, "question": text}."""

    key = strict.StrictSlugField(max_length=80)
    question = strict.StrictCharField(max_length=255)


class DocumentRecord(ExchangeModelSerializer):
    # When the row applies (docs/catalogue-format.md): all optional, defaults as the contract
    # between the catalogue and the dossier checklists says, so format_version 1 files
    # written before these keys existed still import.
    channels = strict.StrictListField(
        child=strict.StrictChoiceField(
            choices=Channel.choices,
            error_messages={
                "invalid_choice": _("Hình thức nộp “{input}” không hợp lệ; chọn: {choices}.")
            },
        ),
        default=list,
    )
    condition = ConditionRecord(default=None, allow_null=True)
    alternative_group = strict.StrictSlugField(max_length=80, allow_blank=True, default="")
    template_url = strict.StrictURLField(max_length=500, allow_blank=True, default="")

    class Meta:
        model = RequiredDocument
        fields = [
            "name",
            "form",
            "quantity",
            "is_mandatory",
            "template_name",
            "channels",
            "condition",
            "alternative_group",
            "template_url",
        ]
        list_serializer_class = strict.ExchangeListSerializer
        extra_kwargs = {
            "form": _choice_message(_("Loại bản “{input}” không hợp lệ; chọn: {choices}.")),
        }

    def validate_channels(self, channels: list[str]) -> list[str]:
        errors = _duplicates(channels, _("Hình thức nộp “%(value)s” có hơn một lần."))
        if errors:
            raise serializers.ValidationError(errors)  # type: ignore[arg-type]
        return channels


class StepRecord(ExchangeModelSerializer):
    class Meta:
        model = ProcedureStep
        fields = ["description", "agency_role", "duration", "duration_unit"]
        list_serializer_class = strict.ExchangeListSerializer
        extra_kwargs = {
            "duration_unit": _choice_message(
                _("Đơn vị thời gian “{input}” không hợp lệ; chọn: {choices}.")
            ),
        }


class LegalBasisRecord(ExchangeModelSerializer):
    class Meta:
        model = LegalBasis
        fields = ["number", "title"]
        list_serializer_class = strict.ExchangeListSerializer


def _model_max_length(model: type[models.Model], name: str) -> int:
    field = model._meta.get_field(name)
    # Only called for the models' own CharFields, which always have a max_length.
    assert isinstance(field, models.Field) and field.max_length is not None
    return field.max_length


class FieldRecord(ExchangeSerializerMixin, serializers.Serializer):
    # Declared by hand: a model serializer would add unique validators that reject a field
    # which already exists, and an existing field is exactly what most records name.
    code = strict.StrictSlugField(max_length=_model_max_length(Field, "code"))
    name = strict.StrictCharField(max_length=_model_max_length(Field, "name"))


def _duplicates(values: list[Any], message: str | _StrPromise) -> dict[int, list[str]]:
    """{index: [message]} for every repeat of an earlier value, as DRF reports list items."""
    seen: Counter[Any] = Counter()
    errors = {}
    for index, value in enumerate(values):
        if seen[value]:
            errors[index] = [message % {"value": value}]
        seen[value] += 1
    return errors


class ProcedureRecord(ExchangeModelSerializer):
    """One procedure record. Cross-record rules (duplicates, agencies) live in validation."""

    code = strict.StrictCharField(
        max_length=_model_max_length(Procedure, "code"), validators=[procedure_code_validator]
    )
    field = FieldRecord()
    levels = strict.StrictListField(
        child=strict.StrictChoiceField(
            choices=Level.choices,
            error_messages={
                "invalid_choice": _("Cấp thực hiện “{input}” không hợp lệ; chọn: {choices}.")
            },
        ),
        min_length=1,
        error_messages={"min_length": _("Cần ít nhất một cấp thực hiện.")},
    )
    agencies = strict.StrictListField(
        child=strict.StrictCharField(max_length=_model_max_length(Agency, "code")),
        required=False,
    )
    processing_times = ProcessingTimeRecord(many=True, required=False)
    fees = FeeRecord(many=True, required=False)
    documents = DocumentRecord(many=True, required=False)
    steps = StepRecord(many=True, required=False)
    legal_bases = LegalBasisRecord(many=True, required=False)

    class Meta:
        model = Procedure
        fields = [
            "code",
            "name",
            "field",
            "levels",
            "agencies",
            "authority",
            "applicants",
            "conditions",
            "result",
            "decision_number",
            "online_mode",
            "supplement_policy",
            "supplement_period_days",
            "on_the_spot",
            "is_inter_agency",
            "is_frequent",
            "effective_from",
            "effective_to",
            "is_published",
            "processing_times",
            "fees",
            "documents",
            "steps",
            "legal_bases",
        ]
        extra_kwargs = {
            "online_mode": _choice_message(
                _("Chế độ trực tuyến “{input}” không hợp lệ; chọn: {choices}.")
            ),
            "supplement_policy": _choice_message(
                _("Cách tính thời hạn khi bổ sung “{input}” không hợp lệ; chọn: {choices}.")
            ),
            # Decree 118/2025 Điều 19(5); null keeps the decree's 15 days.
            "supplement_period_days": {
                "error_messages": {
                    "invalid": _(
                        "supplement_period_days phải là số ngày nguyên từ 1 đến 365, "
                        "hoặc null (15 ngày theo Nghị định 118/2025/NĐ-CP)."
                    ),
                    "min_value": _("supplement_period_days phải từ 1 đến 365 ngày."),
                    "max_value": _("supplement_period_days phải từ 1 đến 365 ngày."),
                }
            },
            "is_inter_agency": {
                "error_messages": {
                    "invalid": _("is_inter_agency phải là true hoặc false, không phải “{input}”.")
                }
            },
        }

    def validate_levels(self, levels: list[str]) -> list[str]:
        errors = _duplicates(levels, _("Cấp “%(value)s” có hơn một lần."))
        if errors:
            # DRF reports list items by index; the stubs only allow str keys.
            raise serializers.ValidationError(errors)  # type: ignore[arg-type]
        return levels

    def validate_agencies(self, codes: list[str]) -> list[str]:
        errors = _duplicates(codes, _("Cơ quan “%(value)s” có hơn một lần."))
        if errors:
            # DRF reports list items by index; the stubs only allow str keys.
            raise serializers.ValidationError(errors)  # type: ignore[arg-type]
        return codes

    def validate_processing_times(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # The database allows one time limit per channel; report the repeat, not a crash.
        repeats = _duplicates(
            [row["channel"] for row in rows],
            _("Hình thức nộp “%(value)s” đã có thời hạn; mỗi hình thức chỉ một lần."),
        )
        if repeats:
            raise serializers.ValidationError(
                [{"channel": repeats[i]} if i in repeats else {} for i in range(len(rows))]
            )
        return rows

    def validate_documents(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # The dossier asks each condition once, so one key must carry one question.
        questions: dict[str, str] = {}
        errors: list[dict[str, Any]] = [{} for _row in rows]
        for index, row in enumerate(rows):
            condition = row.get("condition")
            if not condition:
                continue
            first = questions.setdefault(condition["key"], condition["question"])
            if first != condition["question"]:
                message = _("Điều kiện “%(key)s” đã có câu hỏi khác: “%(question)s”.")
                errors[index] = {
                    "condition": {
                        "question": [message % {"key": condition["key"], "question": first}]
                    }
                }
        if any(errors):
            raise serializers.ValidationError(errors)
        return rows

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("effective_from"), attrs.get("effective_to")
        if start and end and start > end:
            raise serializers.ValidationError(
                {"effective_to": [_("Ngày hết hiệu lực phải sau hoặc bằng ngày bắt đầu hiệu lực.")]}
            )
        return attrs
