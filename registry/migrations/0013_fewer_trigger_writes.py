"""Triggers that write each entry once per statement, and compute search vectors only when
what they are made of is written.

- ``area_numbers`` was rewritten once per priority-area link, by a row-level trigger: an
  entry saved with three areas was written three more times, each time recomputing its
  search vectors and adding a version of the row to every index. Statement-level triggers
  with transition tables now write each entry whose links a statement changed once, and
  not at all when its numbers stay the same.
- The search vectors are computed when a column they are made of, or ``updated_at`` (which
  every save writes and the "touch" triggers use to ask for a refresh), is written, and no
  longer when only ``area_numbers`` is.
"""

from django.db import migrations

ENTRIES = [
    ("actors_actor", "actor_id"),
    ("actors_supportoffer", "supportoffer_id"),
    ("actors_project", "project_id"),
]

# The columns each entry's search vectors are made of, with updated_at.
SEARCHED = {
    "actors_actor": "name_sv, name_en, description_sv, description_en, kind, municipality_id",
    "actors_supportoffer": "name_sv, name_en, description_sv, description_en, kind, actor_id",
    "actors_project": (
        "name_sv, name_en, acronym, description_sv, description_en, funding_programme"
    ),
}


def _set_area_numbers(table: str, column: str, changed: str) -> str:
    """Set area_numbers of the entries ``changed`` (a query of their ids) names, if it moved."""
    return f"""
    UPDATE {table} entry SET area_numbers = current.numbers
    FROM (
      SELECT ids.id, coalesce((
        SELECT array_agg(pa.number ORDER BY pa.number)
        FROM {table}_priority_areas link
        JOIN spetsomraden_priorityarea pa ON pa.id = link.priorityarea_id
        WHERE link.{column} = ids.id), '{{}}') AS numbers
      FROM ({changed}) AS ids(id)
    ) current
    WHERE entry.id = current.id AND entry.area_numbers IS DISTINCT FROM current.numbers;"""  # noqa: S608 - table and column names are constants of this module


def _area_numbers(table: str, column: str) -> str:
    added = f"SELECT {column} FROM added"  # noqa: S608 - a constant of this module
    removed = f"SELECT {column} FROM removed"  # noqa: S608 - a constant of this module
    return f"""
DROP TRIGGER IF EXISTS {table}_area_numbers ON {table}_priority_areas;
DROP FUNCTION IF EXISTS {table}_area_numbers();

CREATE FUNCTION {table}_area_numbers() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN{_set_area_numbers(table, column, added + " GROUP BY 1")}
  ELSIF TG_OP = 'DELETE' THEN{_set_area_numbers(table, column, removed + " GROUP BY 1")}
  ELSE{_set_area_numbers(table, column, added + " UNION " + removed)}
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER {table}_area_numbers_insert
AFTER INSERT ON {table}_priority_areas REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION {table}_area_numbers();
CREATE TRIGGER {table}_area_numbers_update
AFTER UPDATE ON {table}_priority_areas REFERENCING OLD TABLE AS removed NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION {table}_area_numbers();
CREATE TRIGGER {table}_area_numbers_delete
AFTER DELETE ON {table}_priority_areas REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION {table}_area_numbers();

DROP TRIGGER {table}_search_vectors ON {table};
CREATE TRIGGER {table}_search_vectors
BEFORE INSERT OR UPDATE OF {SEARCHED[table]}, updated_at ON {table}
FOR EACH ROW EXECUTE FUNCTION {table}_search_vectors();
"""


def _previous(table: str, column: str) -> str:
    return f"""
DROP TRIGGER IF EXISTS {table}_area_numbers_insert ON {table}_priority_areas;
DROP TRIGGER IF EXISTS {table}_area_numbers_update ON {table}_priority_areas;
DROP TRIGGER IF EXISTS {table}_area_numbers_delete ON {table}_priority_areas;
DROP FUNCTION IF EXISTS {table}_area_numbers();

CREATE FUNCTION {table}_area_numbers() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  entry_id bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN entry_id := OLD.{column}; ELSE entry_id := NEW.{column}; END IF;
  UPDATE {table} SET area_numbers = coalesce((
    SELECT array_agg(pa.number ORDER BY pa.number)
    FROM {table}_priority_areas link
    JOIN spetsomraden_priorityarea pa ON pa.id = link.priorityarea_id
    WHERE link.{column} = entry_id), '{{}}')
  WHERE id = entry_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER {table}_area_numbers
AFTER INSERT OR UPDATE OR DELETE ON {table}_priority_areas
FOR EACH ROW EXECUTE FUNCTION {table}_area_numbers();

DROP TRIGGER {table}_search_vectors ON {table};
CREATE TRIGGER {table}_search_vectors
BEFORE INSERT OR UPDATE ON {table}
FOR EACH ROW EXECUTE FUNCTION {table}_search_vectors();
"""  # noqa: S608 - table and column names are constants of this module


class Migration(migrations.Migration):
    dependencies = [("actors", "0012_cache_table")]

    operations = [
        migrations.RunSQL(
            sql="".join(_area_numbers(table, column) for table, column in ENTRIES),
            reverse_sql="".join(_previous(table, column) for table, column in ENTRIES),
        )
    ]
