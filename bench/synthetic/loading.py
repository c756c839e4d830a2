"""Synthetic rows into the database: COPY in one transaction, triggers and indexes handled.

See the package's docstring for what the load does with the triggers and indexes.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from bench.synthetic.generator import Generator
from bench.synthetic.vocabulary import SLUG_PREFIX, slug
from registry.models import Actor, Project, SupportOffer


@dataclass
class LoadReport:
    actors: int = 0
    offers: int = 0
    projects: int = 0
    participations: int = 0
    area_links: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return self.actors + self.offers + self.projects + self.participations + self.area_links


def _reserve_ids(cursor, table: str, count: int) -> list[int]:
    """Ids from the table's own sequence, so rows that refer to them can be written first."""
    if count == 0:
        return []
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [table, count],
    )
    return [row[0] for row in cursor.fetchall()]


def _copy(cursor, table: str, columns: Sequence[str], rows) -> int:
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


# The triggers whose work the load does itself, in set-based SQL.
_SWITCHED_OFF_TRIGGERS = (
    *(
        (f"{table}_priority_areas", f"{table}_area_numbers_{event}")
        for table in ("actors_actor", "actors_supportoffer", "actors_project")
        for event in ("insert", "update", "delete")
    ),
    ("actors_participation", "actors_participation_touch_project"),
)


# The tables the load writes. Their primary keys and the indexes behind constraints stay;
# every other index is dropped and rebuilt by a large load.
_LOADED_TABLES = (
    "actors_actor",
    "actors_supportoffer",
    "actors_project",
    "actors_participation",
    "actors_actor_priority_areas",
    "actors_supportoffer_priority_areas",
    "actors_project_priority_areas",
)

# Rows from which a load drops and rebuilds the indexes: below, the per-row upkeep of
# the indexes costs less than building them again over the rows already there.
REBUILD_INDEXES_FROM = 20_000


def _drop_indexes(cursor) -> list[tuple[str, str]]:
    """Drop the loaded tables' secondary indexes; returns (name, definition) to rebuild them."""
    cursor.execute(
        """
        SELECT index_class.relname, pg_get_indexdef(index.indexrelid)
        FROM pg_index index
        JOIN pg_class index_class ON index_class.oid = index.indexrelid
        JOIN pg_class table_class ON table_class.oid = index.indrelid
        WHERE table_class.relname = ANY(%s)
          AND table_class.relnamespace = current_schema()::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = index.indexrelid)
        ORDER BY index_class.relname
        """,
        [list(_LOADED_TABLES)],
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return indexes


def _build_indexes(cursor, indexes: Sequence[tuple[str, str]]) -> None:
    """Build the dropped indexes again from their definitions, with room to sort in memory.

    CREATE INDEX refuses while deferred foreign-key checks are pending: they run first.
    """
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for _name, definition in indexes:
        cursor.execute(definition)
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _area_links(cursor, table: str, column: str, ids: list[int]) -> int:
    """The link rows of ``ids``, derived from the ``area_numbers`` already written."""
    if not ids:
        return 0
    cursor.execute(
        f"""
        INSERT INTO {table}_priority_areas ({column}, priorityarea_id)
        SELECT entry.id, area.id
        FROM {table} entry
        CROSS JOIN LATERAL unnest(entry.area_numbers) AS entry_area(number)
        JOIN spetsomraden_priorityarea area ON area.number = entry_area.number
        WHERE entry.id BETWEEN %s AND %s AND entry.slug LIKE %s
        """,  # noqa: S608 - table and column names are constants of this module
        [min(ids), max(ids), f"{SLUG_PREFIX}-%"],
    )
    return cursor.rowcount


def existing_synthetic_rows() -> bool:
    return any(
        model.objects.filter(slug=slug(letter, 1)).exists()
        for model, letter in ((Actor, "a"), (SupportOffer, "o"), (Project, "p"))
    )


def load(
    *,
    actors: int,
    offers: int,
    projects: int,
    seed: int = 1,
    today: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
    rebuild_indexes: bool | None = None,
) -> LoadReport:
    """Generate and COPY the rows in one transaction; then ANALYZE (VACUUM too when possible).

    ``rebuild_indexes``: drop the secondary indexes before the rows are copied and build
    them afterwards; by default when the load adds at least ``REBUILD_INDEXES_FROM`` rows.
    """
    if offers and not actors:
        raise ValueError("Support offers need actors to offer them.")
    if rebuild_indexes is None:
        rebuild_indexes = actors + offers + projects >= REBUILD_INDEXES_FROM
    generator = Generator(seed, today=today or timezone.localdate())
    report = LoadReport()
    say = progress or (lambda message: None)

    def timed(step: str, function):
        started = time.perf_counter()
        result = function()
        report.seconds[step] = time.perf_counter() - started
        return result

    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # psycopg's own cursor, for COPY
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SELECT code, name FROM actors_municipality")
        municipality_names = dict(cursor.fetchall())
        actor_ids = _reserve_ids(cursor, "actors_actor", actors)
        offer_ids = _reserve_ids(cursor, "actors_supportoffer", offers)
        project_ids = _reserve_ids(cursor, "actors_project", projects)
        actor_names: list[str] = []  # for the offers' descriptions
        name_column = Generator.ACTOR_COLUMNS.index("name_sv")

        def actor_rows():
            for row in generator.actor_rows(actor_ids, municipality_names):
                actor_names.append(row[name_column])
                yield row

        _switch_triggers(cursor, "DISABLE")
        dropped = timed("drop indexes", lambda: _drop_indexes(cursor)) if rebuild_indexes else []
        try:
            report.actors = timed(
                "actors",
                lambda: _copy(cursor, "actors_actor", Generator.ACTOR_COLUMNS, actor_rows()),
            )
            say(f"registry: {report.actors}")
            report.offers = timed(
                "offers",
                lambda: _copy(
                    cursor,
                    "actors_supportoffer",
                    Generator.OFFER_COLUMNS,
                    generator.offer_rows(offer_ids, actor_ids, actor_names.__getitem__),
                ),
            )
            say(f"support offers: {report.offers}")
            # Partners before their projects: the foreign keys are checked at commit, and each
            # project's search-vector trigger then finds its partners' names.
            report.participations = timed(
                "participations",
                lambda: _copy(
                    cursor,
                    "actors_participation",
                    Generator.PARTICIPATION_COLUMNS,
                    generator.participation_rows(project_ids, actor_ids) if actor_ids else (),
                ),
            )
            report.projects = timed(
                "projects",
                lambda: _copy(
                    cursor,
                    "actors_project",
                    Generator.PROJECT_COLUMNS,
                    generator.project_rows(project_ids),
                ),
            )
            say(f"projects: {report.projects}, participations: {report.participations}")
            report.area_links = timed(
                "priority-area links",
                lambda: sum(
                    _area_links(cursor, table, column, ids)
                    for table, column, ids in (
                        ("actors_actor", "actor_id", actor_ids),
                        ("actors_supportoffer", "supportoffer_id", offer_ids),
                        ("actors_project", "project_id", project_ids),
                    )
                ),
            )
            if dropped:
                say(f"building {len(dropped)} indexes")
                timed("build indexes", lambda: _build_indexes(cursor, dropped))
        finally:
            # A failed statement aborts the transaction, whose rollback restores the triggers.
            if not connection.needs_rollback and _transaction_usable(cursor):
                _switch_triggers(cursor, "ENABLE")

    tables = (
        "actors_actor, actors_supportoffer, actors_project, actors_participation, "
        "actors_actor_priority_areas, actors_supportoffer_priority_areas, "
        "actors_project_priority_areas"
    )
    with connection.cursor() as cursor:
        # VACUUM also merges the GIN indexes' pending lists and sets the visibility map,
        # so the first searches after a load are not slower than the next ones.
        statement = (
            f"ANALYZE {tables}" if connection.in_atomic_block else f"VACUUM (ANALYZE) {tables}"
        )
        timed("vacuum and analyze", lambda: cursor.execute(statement))
    return report


def _switch_triggers(cursor, action: str) -> None:
    """DISABLE or ENABLE the triggers whose work the load does itself.

    ALTER TABLE refuses while deferred foreign-key checks are pending, so they are run
    first (which also checks the rows just loaded) and deferred again afterwards.
    """
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for table, trigger in _SWITCHED_OFF_TRIGGERS:
        cursor.execute(f"ALTER TABLE {table} {action} TRIGGER {trigger}")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _transaction_usable(cursor) -> bool:
    from psycopg.pq import TransactionStatus

    return cursor.connection.info.transaction_status != TransactionStatus.INERROR
