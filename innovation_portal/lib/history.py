"""History records of django-simple-history, written for many entries at once.

``history_baseline`` records the state of an entry that has none before its first change
(rows from fixtures, data migrations or ``COPY``); ``write_history`` is the bulk form of
simple-history's record on save, used by the import and the services.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from simple_history.utils import get_change_reason_from_object, get_m2m_field_name

from innovation_portal.lib.bulk import insert_in_bulk

# simple-history stores change reasons in a 100-character column.
REASON_LENGTH = 100


def change_reason(text) -> str:
    """``text`` cut to fit simple-history's change-reason column."""
    return Truncator(str(text)).chars(REASON_LENGTH)


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
    reason = change_reason(reason) if reason else ""
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
