from django.db import migrations

from onestop.accounts.roles import grant

ROLE_PERMISSIONS = {
    "citizen": ["dossiers.submit_dossier"],
    "desk_officer": ["dossiers.receive_dossier", "dossiers.view_dossier"],
    "specialist": ["dossiers.process_dossier", "dossiers.view_dossier"],
    "leader": ["dossiers.decide_dossier", "dossiers.view_dossier"],
    "supervisor": ["dossiers.supervise_dossier", "dossiers.view_dossier"],
    "administrator": ["dossiers.view_dossier", "dossiers.view_dossierevent"],
}


def grant_dossier_permissions(apps, schema_editor):
    for role, permissions in ROLE_PERMISSIONS.items():
        grant(apps, role, permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant_dossier_permissions, migrations.RunPython.noop)]
