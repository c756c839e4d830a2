"""The table of Django's database cache, the shared cache when no REDIS_URL is set.

Created whatever the cache setting of the moment, so switching from Redis to the
database cache needs no extra step. The name is ``settings.CACHE_TABLE``'s default.
"""

from django.core.management import call_command
from django.db import migrations

CACHE_TABLE = "portal_cache"


def create_cache_table(apps, schema_editor):
    call_command(
        "createcachetable", CACHE_TABLE, database=schema_editor.connection.alias, verbosity=0
    )


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("actors", "0011_list_sort_and_facet_indexes")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
