"""Forms of the dossier pages. They only parse what was typed; the services decide.

Field names follow the services' keyword arguments, so a domain error naming a field
(``InvalidInput.errors``) lands on the field the user filled in.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from dossiers import applicability, services
from dossiers.checklist import ITEM_MESSAGE, parse_item
from dossiers.checklist_forms import NO, PREFIX, add_question_fields, answers_from
from dossiers.models import ApplicantKind, Dossier
from onestop.accounts.models import User
from onestop.api_fields import AMOUNT_BOUNDS, BIGINT_MAX
from onestop.calendar.inputs import CalendarDateTimeField
from onestop.validators import (
    normalise_phone,
    validate_applicant_id,
    validate_birth_date,
    validate_phone,
)
from procedures.models import Agency, Channel, Procedure
from procedures.search import NoSingleProcedure, find_one

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def file_field(label: str, *, required: bool = False) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=required,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, JPEG hoặc PNG, tối đa 10 MB."),
    )


class ApplicantForm(forms.Form):
    applicant_kind = forms.ChoiceField(
        label=_("Người nộp là"), choices=ApplicantKind.choices, initial=ApplicantKind.PERSON
    )
    applicant_name = forms.CharField(label=_("Họ và tên người nộp / tên tổ chức"), max_length=255)
    applicant_id_number = forms.CharField(
        label=_("Số CCCD / mã số thuế"),
        max_length=14,
        help_text=_("CCCD gồm 12 chữ số; mã số thuế của tổ chức gồm 10 chữ số."),
        validators=[validate_applicant_id],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    applicant_birth_date = forms.DateField(
        label=_("Ngày sinh"), required=False, validators=[validate_birth_date], widget=DATE_WIDGET
    )
    applicant_phone = forms.CharField(
        label=_("Điện thoại"),
        max_length=20,
        required=False,
        help_text=_("Số di động 10 chữ số hoặc số cố định có mã vùng, ví dụ 0912 345 678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    applicant_email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    applicant_address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)

    def clean_applicant_phone(self) -> str:
        number = normalise_phone(self.cleaned_data["applicant_phone"])
        if number:
            validate_phone(number)
        return number

    def applicant(self) -> services.Applicant:
        data = self.cleaned_data
        return services.Applicant(
            kind=data["applicant_kind"],
            name=data["applicant_name"],
            id_number=data["applicant_id_number"],
            birth_date=data["applicant_birth_date"],
            phone=data["applicant_phone"],
            email=data["applicant_email"],
            address=data["applicant_address"],
        )

    def applicant_changes(self) -> dict[str, Any]:
        """The cleaned fields as the draft's field names (for ``update_draft``)."""
        return {name: self.cleaned_data[name] for name in ApplicantForm.base_fields}

    @staticmethod
    def initial_from_profile(user: Any) -> dict[str, Any]:
        applicant = services.Applicant.from_profile(user)
        return {f"applicant_{name}": value for name, value in vars(applicant).items()}

    @staticmethod
    def initial_from_dossier(dossier: Dossier) -> dict[str, Any]:
        return {name: getattr(dossier, name) for name in ApplicantForm.base_fields}


class DraftForm(ApplicantForm):
    """A citizen's online dossier: who applies, and which agency receives it."""

    receiving_agency = forms.ModelChoiceField(
        label=_("Cơ quan tiếp nhận"), queryset=Agency.objects.none(), required=False
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Agency]", self.fields["receiving_agency"])
        field.queryset = agencies
        field.empty_label = _("Chọn cơ quan")
        if len(agencies) <= 1:
            del self.fields["receiving_agency"]


class CounterIntakeForm(ApplicantForm):
    """A walk-in or postal dossier, with one scanned file per checklist item."""

    channel = forms.ChoiceField(
        label=_("Hình thức nộp"),
        choices=[(Channel.COUNTER, _("Trực tiếp")), (Channel.POSTAL, _("Dịch vụ bưu chính"))],
        initial=Channel.COUNTER,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, checklist: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        content = {"documents": checklist}
        # The questions of the rows that may apply at the counter or by post; "Không" until
        # the officer learns otherwise, as an unanswered condition does not hold either.
        asked = applicability.questions(content, Channel.COUNTER)
        asked += [q for q in applicability.questions(content, Channel.POSTAL) if q not in asked]
        add_question_fields(self, asked)
        for question in asked:
            self.fields[PREFIX + question.key].initial = NO
        for number, row in enumerate(checklist, start=1):
            self.fields[f"item_{number}"] = file_field(str(row["name"]))
            self.fields[f"paper_{number}"] = forms.BooleanField(
                label=_("Đã nhận bản giấy"), required=False
            )
        self.fields["item_other"] = file_field(str(_("Giấy tờ khác")))

    def applicant_fields(self) -> list[forms.BoundField]:
        case = ("item_", "paper_", PREFIX, "channel")
        return [self[name] for name in self.fields if not name.startswith(case)]

    def case_fields(self) -> list[forms.BoundField]:
        """How the dossier is filed and the applicant's case: they decide what applies."""
        return [self[name] for name in self.fields if name.startswith((PREFIX, "channel"))]

    def document_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("item_")]

    def uploads(self) -> list[services.DocumentUpload]:
        result = []
        for name, upload in self.cleaned_data.items():
            if name.startswith("item_") and upload:
                number = name.removeprefix("item_")
                item = None if number == "other" else int(number)
                result.append(services.DocumentUpload(upload=upload, item=item))
        return result

    def answers(self) -> dict[str, bool]:
        return answers_from(self.cleaned_data)

    def paper_items(self) -> list[int]:
        return [
            int(name.removeprefix("paper_"))
            for name, ticked in self.cleaned_data.items()
            if name.startswith("paper_") and ticked
        ]

    def current_case(self) -> tuple[str, dict[str, bool]]:
        """The channel and answers as the form shows them now (typed, or the defaults)."""
        source = self.data if self.is_bound else self.initial
        channel = source.get("channel") or Channel.COUNTER
        if channel not in (Channel.COUNTER, Channel.POSTAL):
            channel = Channel.COUNTER
        answers = {
            name.removeprefix(PREFIX): (source.get(name) or field.initial) != NO
            for name, field in self.fields.items()
            if name.startswith(PREFIX)
        }
        return channel, answers


class ProcedureCodeForm(forms.Form):
    """The counter's procedure picker: a code, or a name looked up with the catalogue search
    (docs/catalogue-search.md); ``cleaned_data["procedure"]`` is the procedure found."""

    thu_tuc = forms.CharField(label=_("Mã hoặc tên thủ tục"), max_length=500)

    def clean_thu_tuc(self) -> str:
        text = self.cleaned_data["thu_tuc"]
        try:
            self.cleaned_data["procedure"] = find_one(text, Procedure.objects.published())
        except NoSingleProcedure as exc:
            raise forms.ValidationError(exc.message, code="procedure") from exc
        return text


class UploadForm(forms.Form):
    """One file for one checklist item (a number from 1, or "other")."""

    item = forms.CharField(widget=forms.HiddenInput, error_messages={"required": ITEM_MESSAGE})
    file = forms.FileField(
        label=_("Tệp"), error_messages={"required": _("Vui lòng chọn tệp cần tải lên.")}
    )

    def clean_item(self) -> int | None:
        """The checklist position, or None for "other"; anything else is an error."""
        try:
            return parse_item(self.cleaned_data["item"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc


class TrackingForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=40,
        help_text=_("Mã in trên giấy tiếp nhận, ví dụ 000.00.00.H38-261127-0007."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    cccd = forms.RegexField(
        label=_("4 số cuối CCCD của người nộp (không bắt buộc)"),
        regex=r"^\d{4}$",
        required=False,
        help_text=_("Nhập để xem toàn bộ tiến trình xử lý hồ sơ."),
        error_messages={"invalid": _("Nhập đúng 4 chữ số.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


# --- actions on a dossier ------------------------------------------------------------------


def reason_field(required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=_("Lý do") if required else _("Lý do (không bắt buộc)"),
        max_length=2000,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng nêu rõ lý do.")},
    )


def note_field() -> forms.CharField:
    return forms.CharField(
        label=_("Ghi chú"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def share_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Gửi cho người nộp"),
        required=False,
        help_text=_("Không đánh dấu: ghi chú chỉ cán bộ xem được."),
    )


class NoteForm(forms.Form):
    note = note_field()
    share_with_applicant = share_field()


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại (chỉ cán bộ xem được)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng nêu rõ lý do.")},
    )


def leader_choices(agency_id: int | None) -> Any:
    return User.objects.filter(  # type: ignore[misc]
        agency_id=agency_id, is_active=True, groups__permissions__codename="decide_dossier"
    ).distinct()


class SubmitForDecisionForm(forms.Form):
    """The specialist submits the draft result to a leader of the handling agency."""

    leader = forms.ModelChoiceField(
        label=_("Lãnh đạo xem xét"), queryset=User.objects.none(), required=False
    )
    note = note_field()
    share_with_applicant = share_field()

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        leader = cast("forms.ModelChoiceField[User]", self.fields["leader"])
        leader.queryset = leader_choices(dossier.handling_agency_id)
        leader.empty_label = _("Bất kỳ lãnh đạo nào của cơ quan")


class ResultForm(forms.Form):
    """The result document (Decree 118/2025 Điều 22): a PDF, its number and its date."""

    file = forms.FileField(
        label=_("Tệp văn bản kết quả (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        error_messages={"required": _("Vui lòng chọn tệp PDF của văn bản kết quả.")},
    )
    number = forms.CharField(
        label=_("Số, mã số giấy tờ"),
        max_length=100,
        error_messages={"required": _("Vui lòng nhập số, mã số giấy tờ của văn bản kết quả.")},
    )
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        widget=DATE_WIDGET,
        error_messages={"required": _("Vui lòng nhập ngày ban hành của văn bản kết quả.")},
    )


class ReasonForm(forms.Form):
    reason = reason_field()


class WithdrawForm(forms.Form):
    reason = reason_field(required=False)


class SupplementForm(forms.Form):
    """The one request for a supplement: checklist rows ticked, free text, and the reason.

    Used by the desk (request_supplement) and by the handling agency (ask_supplement); the
    desk's form starts from what the agency asked for.
    """

    items = forms.TypedMultipleChoiceField(
        label=_("Thành phần hồ sơ cần nộp lại"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chọn một lần, đầy đủ mọi giấy tờ còn thiếu hoặc chưa hợp lệ."),
    )
    instructions = forms.CharField(
        label=_("Nội dung, hướng dẫn bổ sung khác"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Giấy tờ ngoài danh mục, hoặc hướng dẫn cụ thể cho người nộp."),
    )
    reason = reason_field()

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedMultipleChoiceField, self.fields["items"])
        field.choices = [
            (number, f"{number}. {row['name']}")
            for number, row in enumerate(dossier.checklist(), start=1)
        ]
        asked = dossier.agency_supplement
        if asked:  # the handling agency's request, for the desk to send as it is or amend
            self.initial.update(
                items=asked.get("items", []),
                instructions=asked.get("instructions", ""),
                reason=asked.get("reason", ""),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("items") and not (data.get("instructions") or "").strip():
            self.add_error("items", _("Chọn các giấy tờ cần bổ sung hoặc ghi rõ nội dung."))
        return data


class ExtendForm(forms.Form):
    new_due_at = CalendarDateTimeField(
        label=_("Hạn trả mới"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = reason_field()


class PaymentForm(forms.Form):
    amount_vnd = forms.IntegerField(
        label=_("Số tiền phải nộp (đồng)"),
        min_value=0,
        max_value=BIGINT_MAX,
        required=False,
        error_messages={"min_value": AMOUNT_BOUNDS, "max_value": AMOUNT_BOUNDS},
    )
    note = note_field()
    share_with_applicant = share_field()


def specialist_choices(agency_id: int | None) -> Any:
    # The stubs reject None here, which Django turns into IS NULL.
    return User.objects.filter(  # type: ignore[misc]
        agency_id=agency_id, is_active=True, groups__permissions__codename="process_dossier"
    ).distinct()


class HandOverForm(forms.Form):
    """Start processing (to the handling agency) or forward to the next step."""

    to_agency = forms.ModelChoiceField(
        label=_("Cơ quan xử lý"), queryset=Agency.objects.all(), required=False
    )
    specialist = forms.ModelChoiceField(
        label=_("Chuyên viên xử lý"), queryset=User.objects.none(), required=False
    )
    note = note_field()
    share_with_applicant = share_field()

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to_agency = cast("forms.ModelChoiceField[Agency]", self.fields["to_agency"])
        to_agency.empty_label = _("Giữ cơ quan hiện tại")
        specialist = cast("forms.ModelChoiceField[User]", self.fields["specialist"])
        specialist.queryset = specialist_choices(dossier.handling_agency_id)
        specialist.empty_label = _("Chưa giao")
