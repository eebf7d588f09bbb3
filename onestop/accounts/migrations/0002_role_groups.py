from django.db import migrations

from onestop.accounts.roles import create_role_groups, grant


def grant_user_management(apps, schema_editor):
    grant(apps, "administrator", [
        "accounts.add_user", "accounts.change_user", "accounts.view_user",
        "auth.view_group",
    ])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_role_groups, migrations.RunPython.noop),
        migrations.RunPython(grant_user_management, migrations.RunPython.noop),
    ]
