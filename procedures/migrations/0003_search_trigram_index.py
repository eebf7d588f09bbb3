"""On PostgreSQL, a trigram index makes `search_text LIKE '%word%'` an index scan.

SQLite (the embedded default) has no such index; at catalogue sizes a scan is fine there.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS procedure_search_trgm ON procedures_procedure "
    "USING gin (search_text gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS procedure_search_trgm"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("procedures", "0002_catalogue_permissions")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
