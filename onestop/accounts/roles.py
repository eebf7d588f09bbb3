"""The roles of docs/architecture.md, "Roles", each a group of permissions.

Code checks permissions, never group names; groups only bundle permissions so that an
administrator can give a person a role in one click. Each app's migrations call
:func:`grant` for the permissions of its own models, so a role grows as the product does.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Công dân, tổ chức")
    DESK_OFFICER = "desk_officer", _("Cán bộ một cửa")
    SPECIALIST = "specialist", _("Chuyên viên")
    LEADER = "leader", _("Lãnh đạo")
    SUPERVISOR = "supervisor", _("Giám sát")
    ADMINISTRATOR = "administrator", _("Quản trị")


def grant(apps: Any, role: str, permissions: list[str]) -> None:
    """Give `role`'s group the permissions named ``app_label.codename`` (for migrations).

    Creates the group and any missing permission rows, since permissions are otherwise only
    created after all migrations have run.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=role)
    for dotted in permissions:
        app_label, codename = dotted.split(".", 1)
        model_name = codename.split("_", 1)[1]
        content_type, _created = ContentType.objects.get_or_create(
            app_label=app_label, model=model_name
        )
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        group.permissions.add(permission)


def create_role_groups(apps: Any, schema_editor: Any) -> None:
    Group = apps.get_model("auth", "Group")
    for role in Role.values:
        Group.objects.get_or_create(name=role)
