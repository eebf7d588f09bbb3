"""Request bodies of the dossier API: one input serializer per write.

Field names are those the services take, so a validated body is passed on as keyword
arguments. Reasons are required where the state machine requires them (docs/architecture.md,
"The dossier state machine"), so a missing one is a 400 naming the field before anything is
attempted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dossiers import checklist
from dossiers.models import ApplicantKind
from onestop.api_fields import CalendarDateTimeField, CodeRelatedField, amount_vnd_field

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise
from onestop.accounts.models import User
from onestop.validators import (
    normalise_phone,
    validate_applicant_id,
    validate_birth_date,
    validate_phone,
)
from procedures.models import Agency, Channel, Procedure
from procedures.search import NoSingleProcedure, find_one

REASON_REQUIRED: dict[str, str | _StrPromise] = {
    "required": _("Vui lòng nêu rõ lý do."),
    "blank": _("Vui lòng nêu rõ lý do."),
}


def reason_field() -> serializers.CharField:
    return serializers.CharField(
        label=_("lý do"), max_length=2000, trim_whitespace=True, error_messages=REASON_REQUIRED
    )


def note_field() -> serializers.CharField:
    return serializers.CharField(
        label=_("ghi chú"), max_length=2000, required=False, allow_blank=True, default=""
    )


def share_field() -> serializers.BooleanField:
    return serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Gửi ghi chú cho người nộp; mặc định ghi chú chỉ cán bộ xem được."),
    )


def agency_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return CodeRelatedField(slug_field="code", queryset=Agency.objects.all(), **kwargs)


def specialist_field() -> serializers.SlugRelatedField:
    return CodeRelatedField(
        slug_field="username",
        queryset=User.objects.filter(agency__isnull=False, is_active=True),
        required=False,
        allow_null=True,
        default=None,
        label=_("chuyên viên (tên đăng nhập)"),
    )


class PhoneField(serializers.CharField):
    """A Vietnamese phone number, given with or without spaces and +84, stored as 0…."""

    def to_internal_value(self, data: Any) -> str:
        number = normalise_phone(super().to_internal_value(data))
        if number:
            validate_phone(number)
        return number


ANSWERS_SHAPE = _("Câu trả lời là một đối tượng {mã câu hỏi: true/false}.")


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "boolean"},
        "example": {"uy-quyen": False},
    }
)
class AnswersField(serializers.JSONField):
    """The applicant's case: {condition key: true/false}. A JSON object in a JSON body, a JSON
    text in a multipart one. Keys the procedure does not ask about are the service's to
    refuse, since only it knows the version.
    """

    def to_internal_value(self, data: Any) -> dict[str, bool]:
        value = super().to_internal_value(data)
        if not isinstance(value, dict) or not all(
            isinstance(key, str) and isinstance(answer, bool) for key, answer in value.items()
        ):
            raise serializers.ValidationError(ANSWERS_SHAPE)
        return value


def answers_field() -> AnswersField:
    return AnswersField(
        label=_("trường hợp của người nộp"),
        required=False,
        help_text=_(
            "Câu trả lời cho các câu hỏi của danh mục giấy tờ (mã câu hỏi: true/false); một "
            "giấy tờ có điều kiện chỉ bắt buộc khi câu trả lời là true."
        ),
    )


class ApplicantInput(serializers.Serializer):
    applicant_kind = serializers.ChoiceField(choices=ApplicantKind.choices, required=False)
    applicant_name = serializers.CharField(max_length=255, required=False)
    applicant_id_number = serializers.CharField(
        max_length=14,
        required=False,
        validators=[validate_applicant_id],
        help_text=_("Số CCCD (12 chữ số) hoặc mã số thuế."),
    )
    applicant_birth_date = serializers.DateField(
        required=False, allow_null=True, validators=[validate_birth_date]
    )
    applicant_phone = PhoneField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text=_("Số di động (10 chữ số) hoặc số cố định có mã vùng; +84 được ghi thành 0."),
    )
    applicant_email = serializers.EmailField(required=False, allow_blank=True)
    applicant_address = serializers.CharField(max_length=255, required=False, allow_blank=True)


class DraftCreateInput(ApplicantInput):
    """A citizen's new online dossier; applicant fields left out come from the profile."""

    procedure = CodeRelatedField(
        slug_field="code", queryset=Procedure.objects.published(), label=_("mã thủ tục")
    )
    receiving_agency = agency_field(required=False, allow_null=True, default=None)
    answers = answers_field()


class DraftUpdateInput(ApplicantInput):
    receiving_agency = agency_field(required=False)
    answers = answers_field()


class ProcedureReferenceField(serializers.CharField):
    """A published procedure named by its code or by its name (docs/catalogue-search.md,
    "Finding one procedure by name"); an unknown or ambiguous name is a 400 listing a few
    candidates."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=500, **kwargs)

    def run_validation(self, data: Any = serializers.empty) -> Procedure:
        # The text's own checks (blank, length, NUL) first, then the lookup.
        text = super().run_validation(data)
        try:
            return find_one(text, Procedure.objects.published())
        except NoSingleProcedure as exc:
            raise serializers.ValidationError(exc.message, code="procedure") from exc


class CounterIntakeInput(ApplicantInput):
    """A walk-in or postal dossier; `files[i]` is for checklist item `items[i]`."""

    procedure = ProcedureReferenceField(
        label=_("mã hoặc tên thủ tục"),
        help_text=_("Mã thủ tục (ví dụ 1.001193) hoặc tên thủ tục, ví dụ “Đăng ký khai sinh”."),
    )
    channel = serializers.ChoiceField(
        choices=[Channel.COUNTER, Channel.POSTAL], default=Channel.COUNTER
    )
    applicant_name = serializers.CharField(max_length=255)
    applicant_id_number = serializers.CharField(max_length=14, validators=[validate_applicant_id])
    handling_agency = agency_field(required=False, allow_null=True, default=None)
    note = note_field()
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    items = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text=_('Số thứ tự thành phần hồ sơ (từ 1) của từng tệp, hoặc "other".'),
    )
    answers = answers_field()
    paper_items = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=9999),
        required=False,
        default=list,
        label=_("giấy tờ đã nhận bản giấy"),
        help_text=_(
            "Số thứ tự (từ 1) các thành phần hồ sơ bộ phận một cửa đã nhận bản giấy (bản chính "
            "hoặc bản sao)."
        ),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if len(attrs["items"]) != len(attrs["files"]):
            raise serializers.ValidationError(
                {"items": _("Mỗi tệp cần đúng một thành phần hồ sơ tương ứng.")}
            )
        attrs["items"] = [parse_item(value, "items") for value in attrs["items"]]
        return attrs


def parse_item(value: Any, field: str = "item") -> int | None:
    try:
        return checklist.parse_item(value)
    except ValueError as exc:
        raise serializers.ValidationError({field: str(exc)}) from exc


class DocumentUploadInput(serializers.Serializer):
    file = serializers.FileField(label=_("tệp"), allow_empty_file=True)
    item = serializers.CharField(
        label=_("thành phần hồ sơ"),
        help_text=_('Số thứ tự trong danh mục giấy tờ (từ 1), hoặc "other".'),
    )
    filename = serializers.CharField(
        label=_("tên hiển thị"), max_length=255, required=False, allow_null=True, default=None
    )

    def validate_item(self, value: str) -> int | None:
        return parse_item(value)


class NoInput(serializers.Serializer):
    """No body needed."""


class NoteInput(serializers.Serializer):
    note = note_field()
    share_with_applicant = share_field()


class SubmitForDecisionInput(serializers.Serializer):
    leader = CodeRelatedField(
        slug_field="username",
        queryset=User.objects.filter(agency__isnull=False, is_active=True),
        required=False,
        allow_null=True,
        default=None,
        label=_("lãnh đạo (tên đăng nhập)"),
        help_text=_("Bỏ trống: trình bất kỳ lãnh đạo nào của cơ quan xử lý."),
    )
    note = note_field()
    share_with_applicant = share_field()


class SendBackInput(serializers.Serializer):
    reason = reason_field()


class ResultInput(serializers.Serializer):
    """The result document (Decree 118/2025 Điều 22): a PDF, its number and its date."""

    file = serializers.FileField(
        label=_("tệp PDF"),
        allow_empty_file=True,
        error_messages={"required": _("Vui lòng chọn tệp PDF của văn bản kết quả.")},
    )
    number = serializers.CharField(
        label=_("số, mã số giấy tờ"),
        max_length=100,
        error_messages={
            "required": _("Vui lòng nhập số, mã số giấy tờ của văn bản kết quả."),
            "blank": _("Vui lòng nhập số, mã số giấy tờ của văn bản kết quả."),
        },
    )
    issued_on = serializers.DateField(
        label=_("ngày ban hành"),
        error_messages={"required": _("Vui lòng nhập ngày ban hành của văn bản kết quả.")},
    )
    filename = serializers.CharField(
        label=_("tên hiển thị"), max_length=255, required=False, allow_null=True, default=None
    )


class ReasonInput(serializers.Serializer):
    reason = reason_field()


class OptionalReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


ROW_MESSAGE = _("Thành phần hồ sơ là số thứ tự (từ 1) trong danh mục giấy tờ của thủ tục.")


class SupplementInput(serializers.Serializer):
    """The one request for a supplement (Decree 118/2025 Điều 11, 19(5)): checklist rows by
    position, free-text instructions, and the reason. At least one row or instructions.
    """

    items = serializers.ListField(
        child=serializers.IntegerField(
            min_value=1,
            max_value=9999,
            error_messages={
                "invalid": ROW_MESSAGE,
                "min_value": ROW_MESSAGE,
                "max_value": ROW_MESSAGE,
            },
        ),
        required=False,
        default=list,
        max_length=200,
        label=_("thành phần cần bổ sung"),
        help_text=_(
            "Số thứ tự (từ 1) các thành phần trong danh mục giấy tờ của phiên bản thủ tục "
            "(`checklist` của hồ sơ) mà người nộp phải nộp lại."
        ),
    )
    instructions = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        label=_("nội dung, hướng dẫn bổ sung"),
        help_text=_("Nội dung cần bổ sung ngoài danh mục, hoặc hướng dẫn cụ thể."),
    )
    reason = reason_field()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["items"] and not attrs["instructions"].strip():
            raise serializers.ValidationError(
                {"items": _("Chọn các giấy tờ cần bổ sung hoặc ghi rõ nội dung.")}
            )
        return attrs


class HandOverInput(serializers.Serializer):
    handling_agency = agency_field(required=False, allow_null=True, default=None)
    specialist = specialist_field()
    note = note_field()
    share_with_applicant = share_field()


class ForwardInput(serializers.Serializer):
    to_agency = agency_field(required=False, allow_null=True, default=None)
    specialist = specialist_field()
    note = note_field()
    share_with_applicant = share_field()


class ExtendInput(serializers.Serializer):
    new_due_at = CalendarDateTimeField(label=_("hạn mới"))
    reason = reason_field()


class PaymentInput(serializers.Serializer):
    amount_vnd = amount_vnd_field(required=False, allow_null=True, default=None)
    note = note_field()
    share_with_applicant = share_field()


# The body of POST /dossiers/{id}/{transition}/ for each transition.
TRANSITION_INPUTS: dict[str, type[serializers.Serializer]] = {
    "submit": NoInput,
    "accept": NoteInput,
    "refuse": ReasonInput,
    "request_supplement": SupplementInput,
    "resubmit": NoteInput,
    "start_processing": HandOverInput,
    "forward": ForwardInput,
    "ask_supplement": SupplementInput,
    "submit_for_decision": SubmitForDecisionInput,
    "send_back": SendBackInput,
    "extend": ExtendInput,
    "request_payment": PaymentInput,
    "confirm_payment": NoteInput,
    "approve": NoteInput,
    "reject": ReasonInput,
    "stop": ReasonInput,
    "close_unsupplemented": NoteInput,
    "withdraw": OptionalReasonInput,
    "return_result": NoteInput,
}
