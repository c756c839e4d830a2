"""Indexes for the public lists at registry scale (docs/performance.md).

Sort indexes hold only public entries (published and archived: what the lists and
the start page read), each ending in ``id`` as the lists' sorts do, so the first page
of a list is read from the index instead of sorting every match. The facet indexes
hold every column the facet counts read: with them, counting a list that has no
search is an index-only scan instead of a pass over the wide rows.
"""

from django.db import migrations

PUBLIC = "WHERE status IN ('published', 'archived')"

INDEXES = {
    "actors_actor": [
        # Actor list sorted by name (the default) on the Swedish site: ORDER BY name_sort_sv, id.
        ("actor_public_name_sv_idx", f"(name_sort_sv, id) {PUBLIC}"),
        # The same on the English site: ORDER BY name_sort_en, id.
        ("actor_public_name_en_idx", f"(name_sort_en, id) {PUBLIC}"),
        # Actor list sorted by "newest" and the start page's newest actors.
        ("actor_public_created_idx", f"(created_at, id) {PUBLIC}"),
        # Facet counts of the actor list, and the public-actor check of every offer query.
        (
            "actor_facets_idx",
            "(status) INCLUDE (id, kind, helix_sector, municipality_id, area_numbers)",
        ),
    ],
    "actors_supportoffer": [
        # Offer list sorted by name (the default): ORDER BY name_sort_sv, id.
        ("offer_public_name_sv_idx", f"(name_sort_sv, id) {PUBLIC}"),
        # The same on the English site.
        ("offer_public_name_en_idx", f"(name_sort_en, id) {PUBLIC}"),
        # Offers of one kind by name: the start page's needs link to /stod/?kind=….
        ("offer_public_kind_name_sv_idx", f"(kind, name_sort_sv, id) {PUBLIC}"),
        # The same on the English site.
        ("offer_public_kind_name_en_idx", f"(kind, name_sort_en, id) {PUBLIC}"),
        # Offer list sorted by "newest" and the start page's newest offers.
        ("offer_public_created_idx", f"(created_at, id) {PUBLIC}"),
        # Facet counts of the offer list (COUNT(1) FILTER … per option).
        (
            "offer_facets_idx",
            "(status) INCLUDE (actor_id, kind, cost, application, deadline, stages, languages, "
            "area_numbers)",
        ),
    ],
    "actors_project": [
        # Project list sorted by name (the default): ORDER BY name_sort_sv, id.
        ("project_public_name_sv_idx", f"(name_sort_sv, id) {PUBLIC}"),
        # The same on the English site.
        ("project_public_name_en_idx", f"(name_sort_en, id) {PUBLIC}"),
        # Project list sorted by "newest" and the start page's newest projects.
        ("project_public_created_idx", f"(created_at, id) {PUBLIC}"),
        # Facet counts of the project list.
        (
            "project_facets_idx",
            "(status) INCLUDE (funding_programme, start_date, end_date, area_numbers)",
        ),
    ],
}

FORWARD = [
    f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition};"
    for table, indexes in INDEXES.items()
    for name, definition in indexes
]
BACKWARD = [
    f"DROP INDEX IF EXISTS {name};" for indexes in INDEXES.values() for name, _definition in indexes
]


class Migration(migrations.Migration):
    dependencies = [("actors", "0010_hide_unpublished_partners_from_search")]

    operations = [migrations.RunSQL(FORWARD, list(reversed(BACKWARD)))]
