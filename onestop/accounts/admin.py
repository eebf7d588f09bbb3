from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from onestop.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "agency", "is_active", "is_staff"]
    list_filter = ["groups", "agency", "is_active", "is_staff"]
    list_select_related = ["agency"]
    search_fields = ["username", "full_name", "email", "citizen_id"]
    autocomplete_fields = ["agency"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Thông tin cá nhân"),
            {"fields": ("full_name", "email", "phone", "citizen_id", "date_of_birth", "address")},
        ),
        (_("Cơ quan và vai trò"), {"fields": ("agency", "groups")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")}),
        (_("Thời gian"), {"fields": ("last_login", "date_joined")}),
    )
