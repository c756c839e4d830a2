"""Database triggers that keep the search vectors of actors, offers and projects current.

Triggers rather than Python: every write path – the admin, imports, fixtures, bulk
loads with COPY – updates the vectors, including when a related name changes (an
offer is found by its actor's name, a project by its partners' names).

Weights: A name and acronym, B kind, programme, municipality and related names,
C description. The kind and programme words are frozen here in both languages.
"""

from django.db import migrations

ACTOR_KINDS = {
    "science_park": ("science park forskningspark", "science park"),
    "incubator": ("inkubator", "incubator"),
    "accelerator": ("accelerator", "accelerator"),
    "innovation_environment": ("innovationsmiljö", "innovation environment"),
    "collaboration_platform": ("samverkansplattform", "collaboration platform"),
    "cluster": ("kluster", "cluster"),
    "test_bed": ("testbädd test- och demomiljö", "test bed test and demo environment"),
    "development_environment": ("utvecklingsmiljö", "development environment"),
    "research_infrastructure": ("forskningsinfrastruktur", "research infrastructure"),
    "funder": ("finansiär finansiering", "funder funding"),
    "other": ("", ""),
}
OFFER_KINDS = {
    "incubation": ("inkubatorprogram inkubation inkubator", "incubation programme incubator"),
    "acceleration": ("acceleratorprogram acceleration", "acceleration programme accelerator"),
    "funding": ("finansiering lån bidrag", "funding loan grant"),
    "advice": ("rådgivning coachning", "advice coaching"),
    "office_space": ("kontor coworking kontorsplats", "office co-working space"),
    "lab_access": ("labb laboratorium testbädd", "lab laboratory test bed"),
    "network": ("nätverk matchmaking", "network matchmaking"),
    "training": ("utbildning kompetens", "training competence"),
    "internationalisation": ("internationalisering export", "internationalisation export"),
}
PROGRAMMES = {
    "interreg_europe": ("Interreg Europe", "Interreg Europe"),
    "interreg_baltic": ("Interreg Östersjöregionen", "Interreg Baltic Sea Region"),
    "horizon_europe": ("Horisont Europa Horizon Europe", "Horizon Europe"),
    "horizon_2020": ("Horisont 2020 Horizon 2020", "Horizon 2020"),
    "erdf": ("Regionala utvecklingsfonden ERUF", "European Regional Development Fund ERDF"),
    "eit": ("EIT", "EIT European Institute of Innovation and Technology"),
    "vinnova": ("Vinnova", "Vinnova"),
    "energy_agency": ("Energimyndigheten", "Swedish Energy Agency"),
    "formas": ("Formas", "Formas"),
    "region_stockholm": ("Region Stockholm", "Region Stockholm"),
    "other": ("", ""),
}


def _label_function(name: str, labels: dict) -> str:
    def quote(text):
        return "'" + text.replace("'", "''") + "'"

    sv = "\n".join(f"        WHEN {quote(k)} THEN {quote(v[0])}" for k, v in labels.items())
    en = "\n".join(f"        WHEN {quote(k)} THEN {quote(v[1])}" for k, v in labels.items())
    return f"""
CREATE OR REPLACE FUNCTION {name}(value text, lang text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN lang = 'sv' THEN
    CASE value
{sv}
        ELSE '' END
  ELSE
    CASE value
{en}
        ELSE '' END
  END
$$;
"""


FORWARD = (
    _label_function("portal_actor_kind_words", ACTOR_KINDS)
    + _label_function("portal_offer_kind_words", OFFER_KINDS)
    + _label_function("portal_programme_words", PROGRAMMES)
    + """
CREATE OR REPLACE FUNCTION actors_actor_search_vectors() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  municipality_name text;
BEGIN
  SELECT name INTO municipality_name FROM actors_municipality WHERE code = NEW.municipality_id;
  NEW.search_sv :=
    setweight(to_tsvector('pg_catalog.swedish', coalesce(NEW.name_sv, '')), 'A') ||
    setweight(to_tsvector('pg_catalog.swedish',
      portal_actor_kind_words(NEW.kind, 'sv') || ' ' || coalesce(municipality_name, '')), 'B') ||
    setweight(to_tsvector('pg_catalog.swedish', coalesce(NEW.description_sv, '')), 'C');
  NEW.search_en :=
    setweight(to_tsvector('pg_catalog.english',
      coalesce(nullif(NEW.name_en, ''), NEW.name_sv, '')), 'A') ||
    setweight(to_tsvector('pg_catalog.english',
      portal_actor_kind_words(NEW.kind, 'en') || ' ' || coalesce(municipality_name, '')), 'B') ||
    setweight(to_tsvector('pg_catalog.english', coalesce(NEW.description_en, '')), 'C');
  RETURN NEW;
END
$$;

CREATE TRIGGER actors_actor_search_vectors
BEFORE INSERT OR UPDATE ON actors_actor
FOR EACH ROW EXECUTE FUNCTION actors_actor_search_vectors();

CREATE OR REPLACE FUNCTION actors_supportoffer_search_vectors() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  provider_sv text;
  provider_en text;
BEGIN
  SELECT name_sv, coalesce(nullif(name_en, ''), name_sv) INTO provider_sv, provider_en
  FROM actors_actor WHERE id = NEW.actor_id;
  NEW.search_sv :=
    setweight(to_tsvector('pg_catalog.swedish', coalesce(NEW.name_sv, '')), 'A') ||
    setweight(to_tsvector('pg_catalog.swedish',
      portal_offer_kind_words(NEW.kind, 'sv') || ' ' || coalesce(provider_sv, '')), 'B') ||
    setweight(to_tsvector('pg_catalog.swedish', coalesce(NEW.description_sv, '')), 'C');
  NEW.search_en :=
    setweight(to_tsvector('pg_catalog.english',
      coalesce(nullif(NEW.name_en, ''), NEW.name_sv, '')), 'A') ||
    setweight(to_tsvector('pg_catalog.english',
      portal_offer_kind_words(NEW.kind, 'en') || ' ' || coalesce(provider_en, '')), 'B') ||
    setweight(to_tsvector('pg_catalog.english', coalesce(NEW.description_en, '')), 'C');
  RETURN NEW;
END
$$;

CREATE TRIGGER actors_supportoffer_search_vectors
BEFORE INSERT OR UPDATE ON actors_supportoffer
FOR EACH ROW EXECUTE FUNCTION actors_supportoffer_search_vectors();

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
  WHERE p.project_id = NEW.id;
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

CREATE TRIGGER actors_project_search_vectors
BEFORE INSERT OR UPDATE ON actors_project
FOR EACH ROW EXECUTE FUNCTION actors_project_search_vectors();

-- A partner joining, leaving or changing refreshes its project's vectors.
CREATE OR REPLACE FUNCTION actors_participation_touch_project() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE actors_project SET updated_at = updated_at WHERE id = OLD.project_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE actors_project SET updated_at = updated_at WHERE id = NEW.project_id;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER actors_participation_touch_project
AFTER INSERT OR UPDATE OR DELETE ON actors_participation
FOR EACH ROW EXECUTE FUNCTION actors_participation_touch_project();

-- A renamed actor refreshes the vectors of its offers and of the projects it takes part in.
CREATE OR REPLACE FUNCTION actors_actor_touch_related() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE actors_supportoffer SET updated_at = updated_at WHERE actor_id = NEW.id;
  UPDATE actors_project SET updated_at = updated_at
  WHERE id IN (SELECT project_id FROM actors_participation WHERE actor_id = NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER actors_actor_touch_related
AFTER UPDATE OF name_sv, name_en ON actors_actor
FOR EACH ROW
WHEN (OLD.name_sv IS DISTINCT FROM NEW.name_sv OR OLD.name_en IS DISTINCT FROM NEW.name_en)
EXECUTE FUNCTION actors_actor_touch_related();

-- Rows that existed before the triggers.
UPDATE actors_actor SET updated_at = updated_at;
UPDATE actors_supportoffer SET updated_at = updated_at;
UPDATE actors_project SET updated_at = updated_at;
"""
)

BACKWARD = """
DROP TRIGGER IF EXISTS actors_actor_touch_related ON actors_actor;
DROP FUNCTION IF EXISTS actors_actor_touch_related();
DROP TRIGGER IF EXISTS actors_participation_touch_project ON actors_participation;
DROP FUNCTION IF EXISTS actors_participation_touch_project();
DROP TRIGGER IF EXISTS actors_project_search_vectors ON actors_project;
DROP FUNCTION IF EXISTS actors_project_search_vectors();
DROP TRIGGER IF EXISTS actors_supportoffer_search_vectors ON actors_supportoffer;
DROP FUNCTION IF EXISTS actors_supportoffer_search_vectors();
DROP TRIGGER IF EXISTS actors_actor_search_vectors ON actors_actor;
DROP FUNCTION IF EXISTS actors_actor_search_vectors();
DROP FUNCTION IF EXISTS portal_programme_words(text, text);
DROP FUNCTION IF EXISTS portal_offer_kind_words(text, text);
DROP FUNCTION IF EXISTS portal_actor_kind_words(text, text);
"""


class Migration(migrations.Migration):
    dependencies = [("actors", "0003_search_vectors")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
