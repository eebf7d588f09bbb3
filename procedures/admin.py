import json
from typing import Any, cast

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from procedures import corrections, services
from procedures.models import (
    Agency,
    Channel,
    ChecklistCorrection,
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureLevel,
    ProcedureQuerySet,
    ProcedureStep,
    ProcedureVersion,
    ProcessingTime,
    RequiredDocument,
    checklist_row_key,
)
from procedures.portal_records.applicability import WELL_KNOWN, applicability_class
from procedures.portal_records.text import slug


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "has_one_stop_desk"]
    list_filter = ["level", "has_one_stop_desk"]
    list_select_related = ["parent"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["parent"]


class ProcedureLevelInline(admin.TabularInline):
    model = ProcedureLevel
    extra = 0
    min_num = 1  # the exchange format requires at least one level


class ProcessingTimeInline(admin.TabularInline):
    model = ProcessingTime
    extra = 0
    max_num = 3  # one per channel


class FeeInline(admin.TabularInline):
    model = Fee
    extra = 0


# Links to forms are typed without a scheme as often as with one; assume https.
_URL_FIELDS: dict[type[models.Field], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0
    formfield_overrides = _URL_FIELDS


class ProcedureStepInline(admin.TabularInline):
    model = ProcedureStep
    extra = 0


class LegalBasisInline(admin.TabularInline):
    model = LegalBasis
    extra = 0


class ReadOnlyMixin:
    """Versions are history: they are written by record_version and never edited."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ProcedureVersionInline(ReadOnlyMixin, admin.TabularInline):
    model = ProcedureVersion
    fields = ["number", "created_at"]
    readonly_fields = ["number", "created_at"]
    ordering = ["-number"]
    extra = 0
    show_change_link = True
    verbose_name_plural = _("các phiên bản đã công bố")


class ProcedureAdminForm(forms.ModelForm):
    # No Meta: the admin builds the form for Procedure from its fieldsets.

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # ModelForm.clean returns cleaned_data
        start, end = cleaned.get("effective_from"), cleaned.get("effective_to")
        if start and end and start > end:
            # Said here in words; the database constraint would only give its name.
            self.add_error(
                "effective_to", _("Ngày hết hiệu lực phải sau hoặc bằng ngày bắt đầu hiệu lực.")
            )
        return cleaned


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    form = ProcedureAdminForm
    list_display = ["code", "name", "field", "online_mode", "is_published", "version"]
    list_display_links = ["code", "name"]
    list_filter = [
        "field",
        "levels__level",
        "online_mode",
        "is_published",
        "is_frequent",
        "on_the_spot",
        "is_inter_agency",
    ]
    list_select_related = ["field"]
    list_per_page = 50
    # Searched through the folded search_text column: see get_search_results.
    search_fields = ["search_text"]
    search_help_text = _("Tìm theo mã hoặc tên thủ tục, gõ có dấu hay không dấu đều được.")
    autocomplete_fields = ["field", "agencies"]
    readonly_fields = ["version", "updated_at"]
    fieldsets = [
        (None, {"fields": ["code", "name", "field", "agencies"]}),
        (
            _("Nội dung"),
            {"fields": ["authority", "applicants", "conditions", "result", "decision_number"]},
        ),
        (
            _("Cách thực hiện"),
            {
                "fields": [
                    "online_mode",
                    "supplement_policy",
                    "supplement_period_days",
                    "on_the_spot",
                    "is_frequent",
                    "is_inter_agency",
                ]
            },
        ),
        (
            _("Hiệu lực và công bố"),
            {"fields": ["effective_from", "effective_to", "is_published", "version", "updated_at"]},
        ),
    ]
    inlines = [
        ProcedureLevelInline,
        ProcessingTimeInline,
        FeeInline,
        RequiredDocumentInline,
        ProcedureStepInline,
        LegalBasisInline,
        ProcedureVersionInline,
    ]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Procedure], search_term: str
    ) -> tuple[QuerySet[Procedure], bool]:
        # Officers type without accents as often as citizens do; "khai sinh" must find
        # "Đăng ký khai sinh", which the default icontains on name would not.
        if not search_term.strip():
            return queryset, False
        return cast(ProcedureQuerySet, queryset).search(search_term), False

    def save_related(
        self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # Only now are the inlines saved, so the version holds the procedure as edited.
        services.record_version(procedure=form.instance)


_VERSION_FIELDS = ("procedure", "number", "created_at", "formatted_content")


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["procedure", "number", "created_at"]
    list_select_related = ["procedure"]
    search_fields = ["procedure__search_text"]
    search_help_text = _("Tìm theo mã hoặc tên thủ tục.")
    date_hierarchy = "created_at"
    fields = _VERSION_FIELDS
    readonly_fields = _VERSION_FIELDS

    class Media:
        # The page's own styles live in a file: the Content-Security-Policy refuses style="".
        css = {"all": ["css/admin.css"]}

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[ProcedureVersion], search_term: str
    ) -> tuple[QuerySet[ProcedureVersion], bool]:
        if not search_term.strip():
            return queryset, False
        return queryset.filter(procedure__in=Procedure.objects.search(search_term)), False

    @admin.display(description=_("nội dung"))
    def formatted_content(self, version: ProcedureVersion) -> SafeString:
        text = json.dumps(version.content, ensure_ascii=False, indent=2)
        return format_html('<pre class="version-content">{}</pre>', text)


class ChecklistCorrectionForm(forms.ModelForm):
    channels = forms.TypedMultipleChoiceField(
        label=_("chỉ áp dụng cho hình thức nộp"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống: mọi hình thức nộp."),
    )
    template_url = forms.URLField(
        label=_("liên kết tới mẫu"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = ChecklistCorrection
        fields = [
            "procedure_code",
            "row_name",
            "is_mandatory",
            "channels",
            "condition_key",
            "condition_question",
            "alternative_group",
            "template_url",
            "note",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # ModelForm.clean returns cleaned_data
        # Channels in a fixed order, so the same correction always writes the same content.
        cleaned["channels"] = [c for c in Channel.values if c in cleaned.get("channels", [])]
        self._clean_condition(cleaned)
        code, name = cleaned.get("procedure_code"), cleaned.get("row_name")
        if code and name:
            self._check_row(cleaned, code, name)
        return cleaned

    def _clean_condition(self, cleaned: dict[str, Any]) -> None:
        key, question = cleaned.get("condition_key", ""), cleaned.get("condition_question", "")
        if question and not key:
            key = cleaned["condition_key"] = slug(question)[:60].strip("-")
        if key and not question:
            if key not in WELL_KNOWN:
                self.add_error("condition_question", _("Nhập câu hỏi có/không cho điều kiện này."))
                return
            cleaned["condition_question"] = WELL_KNOWN[key]
        if key in WELL_KNOWN and cleaned.get("condition_question") != WELL_KNOWN[key]:
            # A well-known condition is asked in the same words in every procedure.
            cleaned["condition_question"] = WELL_KNOWN[key]

    def _check_row(self, cleaned: dict[str, Any], code: str, name: str) -> None:
        procedure = Procedure.objects.filter(code=code).first()
        if procedure is None:
            self.add_error("procedure_code", _("Không có thủ tục mã này trong danh mục."))
            return
        rows = list(procedure.documents.values("name", "condition"))
        key = checklist_row_key(name)
        if not any(checklist_row_key(row["name"]) == key for row in rows):
            self.add_error(
                "row_name", _("Thủ tục này không có giấy tờ nào tên như vậy; chép đúng tên.")
            )
            return
        wanted = cleaned.get("condition_key")
        for row in rows:
            other = row["condition"] or {}
            if (
                wanted
                and checklist_row_key(row["name"]) != key
                and other.get("key") == wanted
                and other.get("question") != cleaned.get("condition_question")
            ):
                self.add_error(
                    "condition_question",
                    _("Giấy tờ khác của thủ tục dùng điều kiện này với câu hỏi: “%(question)s”.")
                    % {"question": other.get("question")},
                )
                return


@admin.register(ChecklistCorrection)
class ChecklistCorrectionAdmin(admin.ModelAdmin):
    """Corrections of when a checklist row applies; each is applied as soon as it is saved
    and again on every catalogue import (procedures.corrections)."""

    form = ChecklistCorrectionForm
    formfield_overrides = _URL_FIELDS
    list_display = ["procedure_code", "short_name", "applicability", "updated_at"]
    list_display_links = ["procedure_code", "short_name"]
    search_fields = ["procedure_code", "row_name"]
    readonly_fields = ["updated_at"]

    @admin.display(description=_("giấy tờ"))
    def short_name(self, correction: ChecklistCorrection) -> str:
        return correction.row_name[:80]

    @admin.display(description=_("áp dụng"))
    def applicability(self, correction: ChecklistCorrection) -> str:
        return str(_APPLICABILITY_LABELS[applicability_class(correction.row_values())])

    def save_model(
        self, request: HttpRequest, obj: ChecklistCorrection, form: forms.ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        applied = corrections.apply_correction(obj)
        if applied.version is not None:
            self.message_user(
                request,
                _("Đã sửa %(rows)d giấy tờ và phiên bản %(version)d của thủ tục.")
                % {"rows": applied.rows, "version": applied.version},
            )


_APPLICABILITY_LABELS = {
    "optional": _("nếu có"),
    "alternative": _("một trong nhóm"),
    "condition": _("theo điều kiện"),
    "channel": _("theo hình thức nộp"),
    "always": _("luôn cần"),
}
