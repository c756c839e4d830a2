"""Writes to the registry that carry rules: the lifecycle, reviews, merging actors, logos.

Each service runs in one transaction and records who did it in the entry's history.
Permission checks belong to the caller (the admin, the importer); the rules here hold
whoever calls.
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from operator import attrgetter

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.db.models import CharField, TextField
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_change_reason_from_object, get_m2m_field_name

from innovation_portal.cache import registry_changed
from registry.choices import ParticipationRole, Status
from registry.models import Actor, Participation, Project, SupportOffer

# simple-history stores change reasons in a 100-character column.
_REASON_LENGTH = 100

# Stronger roles first: a merge keeps the stronger of two roles in the same project.
_ROLE_STRENGTH = {
    ParticipationRole.LEAD: 3,
    ParticipationRole.PARTNER: 2,
    ParticipationRole.ASSOCIATED: 1,
}


def _reason(text) -> str:
    return Truncator(str(text)).chars(_REASON_LENGTH)


def history_baseline(entry) -> None:
    """Record the saved state of an entry that has no history yet, before it changes.

    Rows loaded by fixtures, COPY or before history began have no version to return to;
    this keeps their first recorded change restorable. Priority areas are recorded too.
    """
    model = type(entry)
    manager = getattr(model, "history", None)
    if entry.pk is None or manager is None:
        return
    if manager.filter(**{model._meta.pk.attname: entry.pk}).exists():
        return
    saved = model._default_manager.filter(pk=entry.pk).first()
    if saved is None:
        return
    saved._history_user = None  # who made this state is not known
    write_history(
        model,
        [saved],
        reason=gettext("As it was before the first recorded change"),
        date=timezone.now() - timedelta(microseconds=1),
    )


def history_links(model, pks) -> dict[str, dict[int, list[dict]]]:
    """The many-to-many rows that ``model``'s history records, per field and entry, as they are."""
    links = {}
    for m2m_field in model.history.model._history_m2m_fields:
        through = getattr(model, m2m_field.name).through
        source = get_m2m_field_name(m2m_field)
        rows = through.objects.filter(**{f"{source}__in": list(pks)}).values(
            *[f.attname for f in through._meta.fields]
        )
        by_entry = links[m2m_field.name] = {}
        for row in rows:
            by_entry.setdefault(row[f"{source}_id"], []).append(row)
    return links


def write_history(
    model, entries, *, created=False, user=None, reason="", date=None, links=None
) -> None:
    """One history record per entry, with its many-to-many rows, in a few statements.

    The bulk counterpart of django-simple-history's record on save, for many entries at
    once: ``created`` marks them added ("+") rather than changed ("~"); an entry's own
    ``_history_user`` and ``_change_reason`` win over ``user`` and ``reason``. ``links``
    (from ``history_links``) gives the many-to-many rows to record; by default they are
    read as they stand.
    """
    entries = list(entries)
    if not entries:
        return
    history = model.history.model
    date = date or timezone.now()
    reason = _reason(reason) if reason else ""
    tracked = [field.attname for field in history.tracked_fields]
    records = [
        history(
            history_date=getattr(entry, "_history_date", date),
            history_user=getattr(
                entry, "_history_user", user or history.get_default_history_user(entry)
            ),
            history_change_reason=get_change_reason_from_object(entry) or reason,
            history_type="+" if created else "~",
            **{attname: getattr(entry, attname) for attname in tracked},
        )
        for entry in entries
    ]
    insert_in_bulk(history, records)
    if links is None:
        links = history_links(model, [entry.pk for entry in entries])
    for m2m_field in history._history_m2m_fields:
        m2m_history = history.__dict__[m2m_field.name].model
        by_entry = links.get(m2m_field.name, {})
        insert_in_bulk(
            m2m_history,
            [
                m2m_history(history_id=record.pk, **row)
                for entry, record in zip(entries, records, strict=True)
                for row in by_entry.get(entry.pk, ())
            ],
        )


# Saving many entries at once (the import's batches)


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


@contextmanager
def related_refresh_skipped(*, using=None):
    """Statements in this block leave the search vectors of changed actors' offers and
    projects as they are (migration ``actors 0015``).

    Only for work that is rolled back whatever happens, such as an import's preview: a
    committed rename must refresh them.
    """
    connection = connections[using or router.db_for_write(Actor)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('portal.skip_related_refresh', 'on', true)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('portal.skip_related_refresh', 'off', true)")


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


def _save(entry, *, by, reason, update_fields=None) -> None:
    history_baseline(entry)
    entry._history_user = by
    entry._change_reason = _reason(reason)
    if update_fields is not None:
        update_fields = [*update_fields, "updated_at"]
    entry.save(update_fields=update_fields)


def _label(entry, name: str) -> str:
    return str(entry._meta.get_field(name).verbose_name)


def publish_problems(entry, *, priority_areas=None) -> list[str]:
    """The fields (as staff call them) that the public page needs and the entry lacks.

    ``priority_areas`` stands in for the saved areas when a form or an import is about
    to set them; otherwise the saved ones count (none for an unsaved entry).
    """
    if priority_areas is None:
        has_areas = entry.pk is not None and entry.priority_areas.exists()
    else:
        has_areas = bool(list(priority_areas))

    missing = []

    def need(condition: bool, name: str) -> None:
        if not condition:
            missing.append(_label(entry, name))

    need(bool(entry.name_sv.strip()), "name_sv")
    need(bool(entry.description_sv.strip()), "description_sv")
    if isinstance(entry, Actor):
        need(bool(entry.kind), "kind")
        need(bool(entry.helix_sector), "helix_sector")
        need(bool(entry.municipality_id), "municipality")
        need(has_areas, "priority_areas")
    elif isinstance(entry, SupportOffer):
        actor_published = bool(entry.actor_id) and entry.actor.status == Status.PUBLISHED
        if not actor_published:
            missing.append(gettext("a published actor (offered by)"))
        need(bool(entry.kind), "kind")
        need(bool(entry.cost), "cost")
        need(bool(entry.stages), "stages")
    elif isinstance(entry, Project):
        need(bool(entry.funding_programme), "funding_programme")
        need(entry.start_date is not None, "start_date")
        need(has_areas, "priority_areas")
    return missing


def publish_refusal(entry, missing: list[str]) -> str:
    return gettext("“%(entry)s” cannot be published: it needs %(fields)s.") % {
        "entry": entry,
        "fields": ", ".join(missing),
    }


def status_change_problem(
    entry, *, old_status: str, new_status: str, priority_areas=None, before=None
):
    """Why the entry may not go from ``old_status`` to ``new_status``, or None.

    An entry that stays published may not lose what its page shows: ``before`` (the
    saved entry) tells which fields it had; fields it already lacked do not block an edit.
    """
    if new_status == Status.PUBLISHED:
        missing = publish_problems(entry, priority_areas=priority_areas)
        if old_status == Status.PUBLISHED:
            already_missing = set(publish_problems(before)) if before is not None else set(missing)
            missing = [name for name in missing if name not in already_missing]
        return publish_refusal(entry, missing) if missing else None
    if new_status == Status.ARCHIVED and old_status not in (Status.PUBLISHED, Status.ARCHIVED):
        return gettext(
            "“%(entry)s” is a draft: only a published entry can be archived. "
            "A draft has no public page to keep."
        ) % {"entry": entry}
    return None


def _change_status(entry, *, by, status, reason, refusal_code=None) -> None:
    """Lock the entry, refuse the change if its page would suffer, and record it in the history."""
    entry = type(entry).objects.select_for_update().get(pk=entry.pk)
    if entry.status == status:
        return
    if refusal_code:
        problem = status_change_problem(entry, old_status=entry.status, new_status=status)
        if problem:
            raise ValidationError(problem, code=refusal_code)
    entry.status = status
    _save(entry, by=by, reason=reason, update_fields=["status"])


@transaction.atomic
def entry_publish(*, entry, by) -> None:
    """Make the entry public; refused, naming the missing fields, if the page would lack them."""
    _change_status(
        entry, by=by, status=Status.PUBLISHED, reason=_("Published"), refusal_code="cannot_publish"
    )


@transaction.atomic
def entry_archive(*, entry, by) -> None:
    """Keep a published entry's page with an "archived" notice; drafts cannot be archived."""
    _change_status(
        entry, by=by, status=Status.ARCHIVED, reason=_("Archived"), refusal_code="cannot_archive"
    )


@transaction.atomic
def entry_return_to_draft(*, entry, by) -> None:
    """Take the entry off the public site."""
    _change_status(entry, by=by, status=Status.DRAFT, reason=_("Returned to draft"))


@transaction.atomic
def entry_mark_reviewed(*, entry, by, on=None) -> None:
    """Record that staff confirmed the entry is correct (today unless ``on`` is given)."""
    entry = type(entry).objects.select_for_update().get(pk=entry.pk)
    entry.last_reviewed_on = on or timezone.localdate()
    _save(entry, by=by, reason=_("Marked as reviewed"), update_fields=["last_reviewed_on"])


@dataclass
class MergeResult:
    offers_moved: int = 0
    participations_moved: int = 0
    participations_combined: list[str] = field(default_factory=list)


@transaction.atomic
def actor_merge(*, keep: Actor, remove: Actor, by) -> MergeResult:
    """Merge ``remove`` into ``keep``: its offers and project participations move to ``keep``.

    Where both take part in the same project one participation stays, with the stronger
    role. ``remove`` is archived, not deleted, and both histories say what happened.
    """
    if keep.pk == remove.pk:
        raise ValidationError(_("An actor cannot be merged into itself."), code="same_actor")
    keep, remove = (
        Actor.objects.select_for_update().get(pk=keep.pk),
        Actor.objects.select_for_update().get(pk=remove.pk),
    )
    result = MergeResult()
    moved_reason = _reason(gettext("Moved from %(actor)s (merged)") % {"actor": remove.name_sv})

    for offer in SupportOffer.objects.filter(actor=remove).select_for_update():
        offer.actor = keep
        _save(offer, by=by, reason=moved_reason, update_fields=["actor"])
        result.offers_moved += 1

    kept_by_project = {
        participation.project_id: participation
        for participation in Participation.objects.filter(actor=keep).select_for_update()
    }
    for participation in Participation.objects.filter(actor=remove).select_for_update():
        kept = kept_by_project.get(participation.project_id)
        participation._history_user = by
        participation._change_reason = moved_reason
        if kept is None:
            participation.actor = keep
            participation.save(update_fields=["actor"])
            result.participations_moved += 1
            continue
        stronger = max(kept.role, participation.role, key=_ROLE_STRENGTH.__getitem__)
        # Delete first: the project may have only one lead and each actor once.
        participation.delete()
        if stronger != kept.role:
            kept.role = stronger
            kept._history_user = by
            kept._change_reason = moved_reason
            kept.save(update_fields=["role"])
        result.participations_combined.append(str(kept.project))

    remove.status = Status.ARCHIVED
    _save(
        remove,
        by=by,
        reason=gettext("Merged into %(actor)s (%(slug)s)")
        % {"actor": keep.name_sv, "slug": keep.slug},
        update_fields=["status"],
    )
    _save(
        keep,
        by=by,
        reason=gettext("%(actor)s (%(slug)s) merged into this actor")
        % {"actor": remove.name_sv, "slug": remove.slug},
    )
    return result


@transaction.atomic
def actor_logo_replace(*, actor: Actor, logo, by) -> None:
    """Give the actor a processed logo (``registry.logos.ProcessedLogo``) or, with None, none.

    The old files are deleted once the transaction commits, so a rollback loses nothing.
    """
    old_files = [f.name for f in (actor.logo, actor.logo_thumbnail) if f]
    storage = actor.logo.storage
    if logo is None:
        actor.logo = ""
        actor.logo_thumbnail = ""
        reason = _("Logo removed")
    else:
        actor.logo.save(logo.image_name, logo.image, save=False)
        actor.logo_thumbnail.save(logo.thumbnail_name, logo.thumbnail, save=False)
        reason = _("Logo replaced") if old_files else _("Logo added")
    _save(actor, by=by, reason=reason, update_fields=["logo", "logo_thumbnail"])
    kept = {actor.logo.name, actor.logo_thumbnail.name}
    stale = [name for name in old_files if name not in kept]
    transaction.on_commit(lambda: _delete_files(storage, stale))


def actor_logo_files_delete(*, actor: Actor) -> None:
    """Delete an actor's logo files once the deleting transaction commits."""
    names = [f.name for f in (actor.logo, actor.logo_thumbnail) if f]
    storage = actor.logo.storage
    transaction.on_commit(lambda: _delete_files(storage, names))


def _delete_files(storage, names) -> None:
    for name in names:
        storage.delete(name)
