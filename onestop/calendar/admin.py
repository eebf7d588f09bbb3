from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from onestop.calendar.models import CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "kind", "name", "created_by", "calendar_link"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name", "reason"]
    fields = ["date", "kind", "name", "reason", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]
    list_select_related = ["created_by"]

    @admin.display(description=_("thứ"))
    def weekday(self, override: CalendarOverride) -> str:
        return date_format(override.date, "l")

    @admin.display(description=_("lịch năm"))
    def calendar_link(self, override: CalendarOverride) -> SafeString:
        url = reverse("calendar:year", args=[override.date.year])
        return format_html('<a href="{}">{}</a>', url, override.date.year)

    def save_model(
        self, request: HttpRequest, obj: CalendarOverride, form: ModelForm, change: bool
    ) -> None:
        if not change and request.user.is_authenticated:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return {"kind": "day_off", **super().get_changeform_initial_data(request)}
