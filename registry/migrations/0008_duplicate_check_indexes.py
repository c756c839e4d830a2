"""SQL functions and indexes for the duplicate check of actors (see actors/duplicates.py).

The name key is computed only in SQL, so the value compared and the value indexed
can never disagree: lower case, accents dropped (å, ä and ö kept; æ and ø read as
ä and ö), punctuation and spaces collapsed, and legal forms such as "AB",
"ek. för." or a leading "Stiftelsen" dropped.
"""

from django.db import migrations

_FOLD = {
    "Å": "å", "Ä": "ä", "Ö": "ö", "Æ": "ä", "Ø": "ö", "æ": "ä", "ø": "ö",
    "É": "e", "È": "e", "Ê": "e", "Ë": "e", "é": "e", "è": "e", "ê": "e", "ë": "e",
    "Ü": "u", "ü": "u", "Ú": "u", "ú": "u", "Á": "a", "À": "a", "á": "a", "à": "a",
    "Í": "i", "í": "i", "Ó": "o", "ó": "o", "Ç": "c", "ç": "c", "Ñ": "n", "ñ": "n",
}
_FROM = "".join(_FOLD)
_TO = "".join(_FOLD.values())
_LEGAL_FORMS = (
    "ab|aktiebolag|publ|hb|kb|handelsbolag|kommanditbolag|ek för|ekonomisk förening"
    "|ideell förening|stiftelse|ltd|limited|inc|gmbh|oy|as|asa|llc|plc"
)

FORWARD = f"""
CREATE OR REPLACE FUNCTION portal_name_key(name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT btrim(
    regexp_replace(
      regexp_replace(
        regexp_replace(
          ' ' || translate(lower(coalesce(name, '')), '{_FROM}', '{_TO}') || ' ',
          '[^a-z0-9åäö]+', ' ', 'g'),
        '( ({_LEGAL_FORMS}))+ $', ' '),
      '^ (stiftelsen|föreningen) ', ' '))
$$;

CREATE OR REPLACE FUNCTION portal_website_domain(url text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(rtrim(substring(lower(btrim(coalesce(url, '')))
    FROM '^(?:[a-z][a-z0-9+.-]*://)?(?:[^/@]*@)?(?:www[0-9]*\\.)?([^/:?#[:space:]]+)'), '.'), '')
$$;

-- Duplicate check: portal_name_key(name_sv) = portal_name_key(<new name>).
CREATE INDEX actor_name_key_sv_idx ON actors_actor (portal_name_key(name_sv));
-- The same check against the English names.
CREATE INDEX actor_name_key_en_idx ON actors_actor (portal_name_key(name_en)) WHERE name_en <> '';
-- Duplicate check: the same website domain.
CREATE INDEX actor_website_domain_idx ON actors_actor (portal_website_domain(website))
  WHERE website <> '';
-- Duplicate check and imports: an actor found by its organisation number.
CREATE INDEX actor_organisation_number_idx ON actors_actor (organisation_number)
  WHERE organisation_number <> '';
"""

BACKWARD = """
DROP INDEX IF EXISTS actor_organisation_number_idx;
DROP INDEX IF EXISTS actor_website_domain_idx;
DROP INDEX IF EXISTS actor_name_key_en_idx;
DROP INDEX IF EXISTS actor_name_key_sv_idx;
DROP FUNCTION IF EXISTS portal_website_domain(text);
DROP FUNCTION IF EXISTS portal_name_key(text);
"""


class Migration(migrations.Migration):
    dependencies = [("actors", "0007_history_permissions_logo_thumbnail")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
