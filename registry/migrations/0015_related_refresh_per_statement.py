"""A renamed actor's offers and projects are refreshed once per statement, and not at all
in a transaction that says it will be rolled back.

The search vectors of an actor's offers and projects hold its name, and partners that are
not published are left out of a project's (migration 0010), so renaming an actor or
changing its status writes those entries again. A row-level trigger did this with two
statements per actor; a statement-level trigger with transition tables now does it with
two statements for every actor the statement changed (``actors_refresh_related``).

An import's preview runs in a transaction that is always rolled back, and nothing it
shows reads those vectors: it sets ``portal.skip_related_refresh`` for its own statements
(``innovation_portal.lib.bulk.update_in_bulk``), and the refresh, most of the cost of renaming many
actors at once, is left out.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION actors_refresh_related(actor_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE actors_supportoffer SET updated_at = updated_at WHERE actor_id = ANY(actor_ids);
  UPDATE actors_project SET updated_at = updated_at
  WHERE id IN (SELECT project_id FROM actors_participation WHERE actor_id = ANY(actor_ids));
$$;

DROP TRIGGER IF EXISTS actors_actor_touch_related ON actors_actor;
DROP FUNCTION IF EXISTS actors_actor_touch_related();

CREATE FUNCTION actors_actor_touch_related() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('portal.skip_related_refresh', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM actors_refresh_related(ARRAY(
    SELECT new_row.id FROM new_rows new_row JOIN old_rows old_row ON old_row.id = new_row.id
    WHERE old_row.name_sv IS DISTINCT FROM new_row.name_sv
       OR old_row.name_en IS DISTINCT FROM new_row.name_en
       OR old_row.status IS DISTINCT FROM new_row.status
  ));
  RETURN NULL;
END
$$;

CREATE TRIGGER actors_actor_touch_related
AFTER UPDATE ON actors_actor
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION actors_actor_touch_related();
"""

# Migration 0004's function and migration 0010's trigger, exactly.
BACKWARD = """
DROP TRIGGER IF EXISTS actors_actor_touch_related ON actors_actor;
DROP FUNCTION IF EXISTS actors_actor_touch_related();
DROP FUNCTION IF EXISTS actors_refresh_related(bigint[]);

CREATE FUNCTION actors_actor_touch_related() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE actors_supportoffer SET updated_at = updated_at WHERE actor_id = NEW.id;
  UPDATE actors_project SET updated_at = updated_at
  WHERE id IN (SELECT project_id FROM actors_participation WHERE actor_id = NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER actors_actor_touch_related
AFTER UPDATE OF name_sv, name_en, status ON actors_actor
FOR EACH ROW
WHEN (OLD.name_sv IS DISTINCT FROM NEW.name_sv OR OLD.name_en IS DISTINCT FROM NEW.name_en
      OR OLD.status IS DISTINCT FROM NEW.status)
EXECUTE FUNCTION actors_actor_touch_related();
"""


class Migration(migrations.Migration):
    dependencies = [("actors", "0014_search_vectors_in_the_row")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
