import json
from typing import Any, cast

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from procedures import services
from procedures.models import (
    Agency,
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
)


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


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0


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
