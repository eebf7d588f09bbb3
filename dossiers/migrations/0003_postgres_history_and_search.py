"""PostgreSQL only: the event history refuses UPDATE and DELETE, and a trigram index makes
the accent-insensitive search on code and applicant name an index scan.

SQLite (the embedded default) gets neither; the application never updates events anyway.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION dossiers_event_is_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION USING
            MESSAGE = 'dossier history is append-only: ' || TG_OP || ' of an event refused',
            ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS dossiers_event_append_only ON dossiers_dossierevent",
    """
    CREATE TRIGGER dossiers_event_append_only
        BEFORE UPDATE OR DELETE ON dossiers_dossierevent
        FOR EACH ROW EXECUTE FUNCTION dossiers_event_is_append_only()
    """,
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS dossier_search_trgm ON dossiers_dossier "
    "USING gin (search_text gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS dossier_search_trgm",
    "DROP TRIGGER IF EXISTS dossiers_event_append_only ON dossiers_dossierevent",
    "DROP FUNCTION IF EXISTS dossiers_event_is_append_only()",
]


# The statements pass through the driver's parameter syntax: no percent signs in them.


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0002_dossier_permissions")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
