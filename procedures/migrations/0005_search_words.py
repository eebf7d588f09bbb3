"""Rewrite ``search_text`` as words with a space before each, for whole-word and prefix
search (procedures/search.py); the trigram index of 0003 serves the new patterns too."""

from django.db import migrations


def rewrite(apps, schema_editor):
    from procedures.search import searchable_text

    Procedure = apps.get_model("procedures", "Procedure")
    rows = list(Procedure.objects.only("pk", "code", "name"))
    for row in rows:
        row.search_text = searchable_text(row.code, row.name)
    Procedure.objects.bulk_update(rows, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("procedures", "0004_checklist_applicability")]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
