"""The SQL functions and triggers of the registry, as the database has them now, and what
code may ask of them.

The triggers keep each entry's search vectors and ``area_numbers`` current, whoever
writes: the admin, imports, fixtures, bulk loads with COPY. ``portal_name_key`` and
``portal_website_domain`` are what the duplicate check compares and its indexes hold.

This module is the one current definition of each (``FUNCTIONS``, ``TRIGGERS``), and
``tests/registry/test_schema_matches_models.py`` holds a database built by the migrations
equal to it. The migrations that installed them (``actors 0004``, ``0005``, ``0008``,
``0010``, ``0013`` and ``0015``) keep their own copies of the SQL and do not import this
module: a migration is history, and must do on a new database what it did when it was
written, while this module changes with the code. Had 0004 imported it, it would install
today's triggers before the columns they read exist, and every change here would
silently rewrite what an old migration does. So a change is made here and in a new
migration holding a copy of the new SQL; the test fails until the two agree.

The module is about 400 lines because it holds the text of fourteen functions as the
database stores them; split, one trigger's function and its trigger would part.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connections, router

from registry.choices import PUBLIC_STATUSES


@dataclass(frozen=True)
class Trigger:
    name: str
    table: str
    sql: str

    @property
    def install_sql(self) -> str:
        return f"DROP TRIGGER IF EXISTS {self.name} ON {self.table};\n{self.sql}"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _in_list(values) -> str:
    return ", ".join(_quote(str(value)) for value in values)


# Search words for each kind and programme, in Swedish and English.
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


def _words_function(name: str, labels: dict) -> str:
    sv = "\n".join(f"        WHEN {_quote(k)} THEN {_quote(v[0])}" for k, v in labels.items())
    en = "\n".join(f"        WHEN {_quote(k)} THEN {_quote(v[1])}" for k, v in labels.items())
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


# The duplicate check's name key: lower case, accents dropped (å, ä and ö kept; æ and ø
# read as ä and ö), punctuation and spaces collapsed, and legal forms such as "AB",
# "ek. för." or a leading "Stiftelsen" dropped.
# Each letter of _FOLD_FROM is read as the letter below it.
_FOLD_FROM = "ÅÄÖÆØæøÉÈÊËéèêëÜüÚúÁÀáàÍíÓóÇçÑñ"
_FOLD_TO = "åäöäöäöeeeeeeeeuuuuaaaaiiooccnn"
_LEGAL_FORMS = (
    "ab|aktiebolag|publ|hb|kb|handelsbolag|kommanditbolag|ek för|ekonomisk förening"
    "|ideell förening|stiftelse|ltd|limited|inc|gmbh|oy|as|asa|llc|plc"
)

NAME_KEY = f"""
CREATE OR REPLACE FUNCTION portal_name_key(name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(
    regexp_replace(
      regexp_replace(
        regexp_replace(
          ' ' || translate(lower(coalesce(name, '')), '{_FOLD_FROM}', '{_FOLD_TO}') || ' ',
          '[^a-z0-9åäö]+', ' ', 'g'),
        '( ({_LEGAL_FORMS}))+ $', ' '),
      '^ (stiftelsen|föreningen) ', ' '))
$$;
"""

WEBSITE_DOMAIN = """
CREATE OR REPLACE FUNCTION portal_website_domain(url text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(rtrim(substring(lower(btrim(coalesce(url, '')))
    FROM '^(?:[a-z][a-z0-9+.-]*://)?(?:[^/@]*@)?(?:www[0-9]*\\.)?([^/:?#[:space:]]+)'), '.'), '')
$$;
"""

# Weights: A name and acronym, B kind, programme, municipality and related names,
# C description.
ACTOR_SEARCH_VECTORS = """
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
"""

# An offer is found by its actor's name too.
OFFER_SEARCH_VECTORS = """
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
"""

# A project is found by the names of its public partners and of outside organisations; a
# draft actor's name must not make a project findable.
PROJECT_SEARCH_VECTORS = f"""
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
    AND (p.actor_id IS NULL OR a.status IN ({_in_list(PUBLIC_STATUSES)}));
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
"""  # noqa: E501, S608 - the function's text, kept as the database holds it

# A partner joining, leaving or changing refreshes its project's vectors.
PARTICIPATION_TOUCH_PROJECT = """
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
"""

# A renamed actor, or one whose status changed, refreshes its offers and projects once per
# statement, and not at all where ``related_refresh_skipped`` says so.
REFRESH_RELATED = """
CREATE OR REPLACE FUNCTION actors_refresh_related(actor_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE actors_supportoffer SET updated_at = updated_at WHERE actor_id = ANY(actor_ids);
  UPDATE actors_project SET updated_at = updated_at
  WHERE id IN (SELECT project_id FROM actors_participation WHERE actor_id = ANY(actor_ids));
$$;
"""

ACTOR_TOUCH_RELATED = """
CREATE OR REPLACE FUNCTION actors_actor_touch_related() RETURNS trigger
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
"""

ENTRIES = [
    ("actors_actor", "actor_id"),
    ("actors_supportoffer", "supportoffer_id"),
    ("actors_project", "project_id"),
]

# The columns each entry's search vectors are made of, with updated_at, which every save
# writes and the "touch" functions write to ask for a refresh.
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
    """Each entry whose priority-area links a statement changed is written once."""
    added = f"SELECT {column} FROM added"  # noqa: S608 - a constant of this module
    removed = f"SELECT {column} FROM removed"  # noqa: S608 - a constant of this module
    return f"""
CREATE OR REPLACE FUNCTION {table}_area_numbers() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN{_set_area_numbers(table, column, added + " GROUP BY 1")}
  ELSIF TG_OP = 'DELETE' THEN{_set_area_numbers(table, column, removed + " GROUP BY 1")}
  ELSE{_set_area_numbers(table, column, added + " UNION " + removed)}
  END IF;
  RETURN NULL;
END
$$;
"""


def _entry_triggers(table: str) -> list[Trigger]:
    links = f"{table}_priority_areas"
    area_numbers = f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_area_numbers();"
    return [
        Trigger(
            f"{table}_search_vectors",
            table,
            f"CREATE TRIGGER {table}_search_vectors\n"
            f"BEFORE INSERT OR UPDATE OF {SEARCHED[table]}, updated_at ON {table}\n"
            f"FOR EACH ROW EXECUTE FUNCTION {table}_search_vectors();",
        ),
        Trigger(
            f"{table}_area_numbers_insert",
            links,
            f"CREATE TRIGGER {table}_area_numbers_insert\n"
            f"AFTER INSERT ON {links} REFERENCING NEW TABLE AS added\n{area_numbers}",
        ),
        Trigger(
            f"{table}_area_numbers_update",
            links,
            f"CREATE TRIGGER {table}_area_numbers_update\n"
            f"AFTER UPDATE ON {links} REFERENCING OLD TABLE AS removed NEW TABLE AS added\n"
            f"{area_numbers}",
        ),
        Trigger(
            f"{table}_area_numbers_delete",
            links,
            f"CREATE TRIGGER {table}_area_numbers_delete\n"
            f"AFTER DELETE ON {links} REFERENCING OLD TABLE AS removed\n{area_numbers}",
        ),
    ]


# Every function, in an order each can be created in.
FUNCTIONS = [
    _words_function("portal_actor_kind_words", ACTOR_KINDS),
    _words_function("portal_offer_kind_words", OFFER_KINDS),
    _words_function("portal_programme_words", PROGRAMMES),
    NAME_KEY,
    WEBSITE_DOMAIN,
    ACTOR_SEARCH_VECTORS,
    OFFER_SEARCH_VECTORS,
    PROJECT_SEARCH_VECTORS,
    PARTICIPATION_TOUCH_PROJECT,
    REFRESH_RELATED,
    ACTOR_TOUCH_RELATED,
    *(_area_numbers(table, column) for table, column in ENTRIES),
]

TRIGGERS = [
    *(trigger for table, _column in ENTRIES for trigger in _entry_triggers(table)),
    Trigger(
        "actors_participation_touch_project",
        "actors_participation",
        "CREATE TRIGGER actors_participation_touch_project\n"
        "AFTER INSERT OR UPDATE OR DELETE ON actors_participation\n"
        "FOR EACH ROW EXECUTE FUNCTION actors_participation_touch_project();",
    ),
    Trigger(
        "actors_actor_touch_related",
        "actors_actor",
        "CREATE TRIGGER actors_actor_touch_related\n"
        "AFTER UPDATE ON actors_actor\n"
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows\n"
        "FOR EACH STATEMENT EXECUTE FUNCTION actors_actor_touch_related();",
    ),
]


def install_sql() -> str:
    """SQL that makes every function and trigger of this module what it says."""
    return "".join(FUNCTIONS) + "\n".join(trigger.install_sql for trigger in TRIGGERS)


@contextmanager
def related_refresh_skipped(*, using=None):
    """Statements in this block leave the search vectors of changed actors' offers and
    projects as they are (``actors_actor_touch_related``, migration ``actors 0015``).

    Only for work that is rolled back whatever happens, such as an import's preview: a
    committed rename must refresh them.
    """
    from registry.models import Actor

    connection = connections[using or router.db_for_write(Actor)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('portal.skip_related_refresh', 'on', true)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('portal.skip_related_refresh', 'off', true)")
