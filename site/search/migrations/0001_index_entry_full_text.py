"""A GIN index on the expression Wagtail's PostgreSQL backend searches.

The backend matches ``title || body`` of its index entries against the query, but
its own migrations index ``title`` and ``body`` apart, so every search read and
concatenated the tsvectors of every index entry. PostgreSQL only; SQLite searches
with FTS5.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(
            apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin ((title || body))"
        )
        # Statistics for the expression, so the planner knows how many entries a
        # word matches before the next autovacuum.
        schema_editor.execute(f"ANALYZE {table}")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
