"""A project's search vectors name only its public partners.

A draft actor's name must not make a project findable, and publishing or
unpublishing an actor refreshes the projects it takes part in.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION actors_project_search_vectors() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  partners_sv text;
  partners_en text;
BEGIN
  SELECT
    coalesce(string_agg(coalesce(a.name_sv, p.organisation_name), ' '), ''),
    coalesce(string_agg(coalesce(nullif(a.name_en, ''), a.name_sv, p.organisation_name), ' '), '')
  INTO partners_sv, partners_en
  FROM actors_participation p LEFT JOIN actors_actor a ON a.id = p.actor_id
  WHERE p.project_id = NEW.id
    AND (p.actor_id IS NULL OR a.status IN ('published', 'archived'));
  NEW.search_sv :=
    setweight(to_tsvector('pg_catalog.swedish',
      coalesce(NEW.name_sv, '') || ' ' || coalesce(NEW.acronym, '')), 'A') ||
    setweight(to_tsvector('pg_catalog.swedish',
      portal_programme_words(NEW.funding_programme, 'sv') || ' ' || partners_sv), 'B') ||
    setweight(to_tsvector('pg_catalog.swedish', coalesce(NEW.description_sv, '')), 'C');
  NEW.search_en :=
    setweight(to_tsvector('pg_catalog.english',
      coalesce(nullif(NEW.name_en, ''), NEW.name_sv, '') || ' ' || coalesce(NEW.acronym, '')), 'A') ||
    setweight(to_tsvector('pg_catalog.english',
      portal_programme_words(NEW.funding_programme, 'en') || ' ' || partners_en), 'B') ||
    setweight(to_tsvector('pg_catalog.english', coalesce(NEW.description_en, '')), 'C');
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS actors_actor_touch_related ON actors_actor;
CREATE TRIGGER actors_actor_touch_related
AFTER UPDATE OF name_sv, name_en, status ON actors_actor
FOR EACH ROW
WHEN (OLD.name_sv IS DISTINCT FROM NEW.name_sv OR OLD.name_en IS DISTINCT FROM NEW.name_en
      OR OLD.status IS DISTINCT FROM NEW.status)
EXECUTE FUNCTION actors_actor_touch_related();

UPDATE actors_project SET updated_at = updated_at;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS actors_actor_touch_related ON actors_actor;
CREATE TRIGGER actors_actor_touch_related
AFTER UPDATE OF name_sv, name_en ON actors_actor
FOR EACH ROW
WHEN (OLD.name_sv IS DISTINCT FROM NEW.name_sv OR OLD.name_en IS DISTINCT FROM NEW.name_en)
EXECUTE FUNCTION actors_actor_touch_related();
"""


class Migration(migrations.Migration):
    dependencies = [("actors", "0009_staff_groups")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
