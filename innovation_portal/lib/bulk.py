"""Writes of many rows in a few statements, for the import's batches and history records.

Speed-only machinery: the import of 10,000 rows went from 257 s to 62–64 s on one machine
with the batches these functions write (docs/performance.md, "The import": statements per
row 6.1 → 0.01), and is 17.6–17.7 s on the embedded server today. Each function writes what
``save()`` would write and tells the page cache once; none sends model signals, so the
caller writes the history itself (``innovation_portal.lib.history.write_history``).
"""

import json
from datetime import date, datetime
from decimal import Decimal
from operator import attrgetter

from django.contrib.postgres.search import SearchVectorField
from django.db import connections, router
from django.db.models import CharField, TextField

from innovation_portal.lib.page_cache import registry_changed


def _written_fields(model) -> list:
    """The columns ``save()`` writes for an entry, less those the database computes:
    generated columns, and the search vectors its triggers set."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not field.generated
        and not isinstance(field, SearchVectorField)
    ]


def _as_json(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} has no JSON form for a bulk write")


def _rows_as_json(entries, fields, connection, *, add: bool) -> str:
    """The entries' values of ``fields`` as the database stores them, one JSON object per
    entry: a single parameter for any number of rows, which the database turns back into
    typed rows (``jsonb_to_recordset``)."""
    readers = [(written.column, _reader(written, connection, add=add)) for written in fields]
    rows = [{column: read(entry) for column, read in readers} for entry in entries]
    return json.dumps(rows, default=_as_json)


def _reader(field, connection, *, add: bool):
    """How the value of ``field`` is read off an entry for the database."""
    if field.primary_key:
        return attrgetter("pk")
    if isinstance(field, CharField | TextField):
        return attrgetter(field.attname)  # text as it is: nothing to prepare
    return lambda entry: field.get_db_prep_save(field.pre_save(entry, add), connection)


def _bulk_target(model, using):
    """The database alias and connection a bulk write of ``model`` goes to, and its columns."""
    using = using or router.db_for_write(model)
    return using, connections[using], _written_fields(model)


def _recordset(fields, connection) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(field.column)} {field.db_type(connection)}" for field in fields)
    return f"jsonb_to_recordset(%s::jsonb) AS v({columns})"


def insert_in_bulk(model, entries, *, using=None) -> None:
    """Add new entries in one ``INSERT``, as ``save()`` would add each: defaults and
    ``auto_now`` fields set, the primary key and generated columns read back.

    No signals are sent: the page cache is told once, and the importer writes the
    history itself.
    """
    entries = list(entries)
    if not entries:
        return
    using, connection, fields = _bulk_target(model, using)
    quote = connection.ops.quote_name
    returned = [model._meta.pk, *(f for f in model._meta.concrete_fields if f.generated)]
    columns = ", ".join(quote(field.column) for field in fields)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608 - names from the model
        f"SELECT {columns} FROM {_recordset(fields, connection)} "
        f"RETURNING {', '.join(quote(field.column) for field in returned)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_rows_as_json(entries, fields, connection, add=True)])
        rows = cursor.fetchall()
    # Rows come back in the order they were given, as Django's bulk_create relies on too.
    for entry, values in zip(entries, rows, strict=True):
        for read, value in zip(returned, values, strict=True):
            setattr(entry, read.attname, value)
        entry._state.adding = False
        entry._state.db = using
    registry_changed(using=using)


def update_in_bulk(model, entries, *, using=None) -> None:
    """Save changed entries in one ``UPDATE`` for all of them, as ``save()`` would save
    each: every column written, ``auto_now`` fields set.

    The rows' values travel as one JSON parameter joined to the table by primary key, so
    the statement costs the same per row however many rows it saves (Django's
    ``bulk_update`` builds a ``CASE`` per column whose length grows with the batch).
    """
    entries = list(entries)
    if not entries:
        return
    using, connection, fields = _bulk_target(model, using)
    quote = connection.ops.quote_name
    pk = model._meta.pk
    assignments = ", ".join(f"{quote(field.column)} = v.{quote(field.column)}" for field in fields)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} AS t SET {assignments} "  # noqa: S608 - names from the model
        f"FROM {_recordset([pk, *fields], connection)} "
        f"WHERE t.{quote(pk.column)} = v.{quote(pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_rows_as_json(entries, [pk, *fields], connection, add=False)])
    registry_changed(using=using)


def set_links_in_bulk(model, name: str, changes, *, using=None) -> None:
    """Set many entries' many-to-many links in two statements.

    ``changes`` holds (entry pk, the target pks linked now, the target pks wanted) for
    each entry; only the differences are written. No ``m2m_changed`` signal is sent: the
    page cache is told once, and the importer writes the history itself.
    """
    relation = model._meta.get_field(name)
    through = relation.remote_field.through
    source = through._meta.get_field(relation.m2m_field_name())
    target = through._meta.get_field(relation.m2m_reverse_field_name())
    added_entries, added_targets, removed_entries, removed_targets = [], [], [], []
    for entry_pk, current, wanted in changes:
        for pk in wanted - current:
            added_entries.append(entry_pk)
            added_targets.append(pk)
        for pk in current - wanted:
            removed_entries.append(entry_pk)
            removed_targets.append(pk)
    using = using or router.db_for_write(through)
    connection = connections[using]
    quote = connection.ops.quote_name
    table, columns = quote(through._meta.db_table), (quote(source.column), quote(target.column))
    pairs = (
        f"unnest(%s::{source.rel_db_type(connection)}[], "
        f"%s::{target.rel_db_type(connection)}[]) AS pair(entry, target)"
    )
    with connection.cursor() as cursor:
        if removed_entries:
            cursor.execute(
                f"DELETE FROM {table} AS t USING {pairs} "  # noqa: S608 - names from the model
                f"WHERE t.{columns[0]} = pair.entry AND t.{columns[1]} = pair.target",
                [removed_entries, removed_targets],
            )
        if added_entries:
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM {pairs}",  # noqa: S608 - names from the model
                [added_entries, added_targets],
            )
    if added_entries or removed_entries:
        registry_changed(using=using)
