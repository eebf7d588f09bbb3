from django.db import migrations

from onestop.accounts.roles import grant


def grant_overrides(apps, schema_editor):
    grant(
        apps,
        "administrator",
        [
            f"workcalendar.{action}_calendaroverride"
            for action in ("add", "change", "delete", "view")
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workcalendar", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant_overrides, migrations.RunPython.noop)]
