"""Create the database cache table with the schema, so `migrate` alone is enough.

Without Redis the cache (and with it allauth's rate limits) lives in the database; a
site migrated without this table would fail on every request.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("operations", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
