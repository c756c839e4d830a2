"""Search vectors kept in their row (storage MAIN) rather than moved out of line first.

A row over about 2 kB has its widest values compressed and moved to the TOAST table,
widest first: with two descriptions and two search vectors per entry, that was the
vectors, which every search then fetched back, value by value, through the TOAST index
for each match. With MAIN storage the vectors are still compressed but leave the row
only as a last resort, so the descriptions, which no search reads, go out of line
instead. Measured on 100,000 actors (docs/performance.md): counting the matches of a
common word took 91 ms instead of 141 ms, ranking them 122 ms instead of 225 ms.

Rows already stored keep their layout until they are written again; ``VACUUM FULL`` of
the three tables stores a large registry anew at once (it locks each table meanwhile).
"""

from django.db import migrations

TABLES = ("actors_actor", "actors_supportoffer", "actors_project")


def _storage(kind: str) -> str:
    return "".join(
        f"ALTER TABLE {table} ALTER COLUMN search_sv SET STORAGE {kind}, "
        f"ALTER COLUMN search_en SET STORAGE {kind};"
        for table in TABLES
    )


class Migration(migrations.Migration):
    dependencies = [("actors", "0013_fewer_trigger_writes")]

    operations = [migrations.RunSQL(sql=_storage("MAIN"), reverse_sql=_storage("EXTENDED"))]
