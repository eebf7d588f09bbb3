from django.contrib import admin
from django.http import HttpRequest

from onestop.outbox.models import OutboxTask


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    """Read-only: operators look at what waits and why; the flush does the sending."""

    list_display = ["task_name", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["task_name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
