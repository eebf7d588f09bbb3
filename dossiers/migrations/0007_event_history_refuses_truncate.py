"""PostgreSQL only: the event history refuses TRUNCATE too, of its own table or through a
cascade from the dossiers. Row triggers (0003) never see a TRUNCATE, which removes rows
without visiting them, so this one is a statement trigger on the same refusing function.
"""

from django.db import migrations

FORWARD = [
    "DROP TRIGGER IF EXISTS dossiers_event_no_truncate ON dossiers_dossierevent",
    """
    CREATE TRIGGER dossiers_event_no_truncate
        BEFORE TRUNCATE ON dossiers_dossierevent
        FOR EACH STATEMENT EXECUTE FUNCTION dossiers_event_is_append_only()
    """,
]
BACKWARD = ["DROP TRIGGER IF EXISTS dossiers_event_no_truncate ON dossiers_dossierevent"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0006_applicant_field_validators")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
