from django.db import migrations

from onestop.accounts.roles import grant

CATALOGUE_MODELS = [
    "agency", "field", "procedure", "procedurelevel", "processingtime", "fee",
    "requireddocument", "procedurestep", "legalbasis",
]


def grant_catalogue(apps, schema_editor):
    perms = [
        f"procedures.{action}_{model}"
        for model in CATALOGUE_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    grant(apps, "administrator", [*perms, "procedures.view_procedureversion"])


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant_catalogue, migrations.RunPython.noop)]
