"""Writing the rows: a batch at a time with ``innovation_portal.lib.bulk``, their history
in bulk with ``innovation_portal.lib.history``, and the database's refusals as the row's
errors in Django's words."""

from copy import copy
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, router, transaction
from django.db.models import CheckConstraint
from django.db.models.signals import m2m_changed
from django.utils import timezone
from django.utils.translation import gettext

from innovation_portal.lib.history import history_links, write_history
from registry.spreadsheets.imports.match import chunks

# History records written in one go by the confirmed import (HistoryWriter.write).
HISTORY_BATCH = 1_000
# Rows written in one go (RegistryResource.write_batch), as many as the history's.
WRITE_BATCH = HISTORY_BATCH


@dataclass
class Save:
    """A row's entry to write, with what the row found and parsed for it."""

    instance: object
    created: bool
    original: object  # the entry as read before the row, or None
    pending: dict  # the row's parsed relations (priority_areas, participants)
    row_number: int
    row_result: object = None


@dataclass
class Batch:
    """The rows waiting to be written, and the keys their entries can be found by."""

    saves: list[Save] = field(default_factory=list)
    keys: set[tuple[str, str]] = field(default_factory=set)

    def take(self) -> list[Save]:
        saves, self.saves, self.keys = self.saves, [], set()
        return saves


class BatchRefused(Exception):
    """The database refused a batch of rows; the import goes through them row by row."""


class HistoryWriter:
    """One history record per row, written in bulk with the rows around it, instead of one
    per save and per many-to-many change; and before the first record of an entry that has
    none, its state before the import. The preview is rolled back and writes none."""

    def __init__(self, model, pks: list, *, confirmed: bool):
        self.model = model
        self.confirmed = confirmed
        self._known = set(pks)  # read before the import
        self._with_history = set()
        for chunk in chunks(pks):
            self._with_history.update(
                model.history.filter(id__in=chunk).values_list("id", flat=True).distinct()
            )
        # The many-to-many rows of the entries without history, read before the import.
        self._baseline_links = {}
        if confirmed:
            self._read_links([pk for pk in pks if pk not in self._with_history])
        self._baselines = []
        self._records = {True: [], False: []}  # by whether the row added the entry
        self._pks = set()

    def _read_links(self, pks) -> None:
        for chunk in chunks(pks):
            for name, by_entry in history_links(self.model, chunk).items():
                self._baseline_links.setdefault(name, {}).update(by_entry)

    def before_save(self, instance, original) -> None:
        instance.skip_history_when_saving = True
        if instance.pk in self._pks:
            # A second row for the same entry: the first row's record is written first, with
            # the many-to-many rows that row left.
            self.write()
        if self.confirmed and instance.pk is not None and self._needs_baseline(instance.pk):
            baseline = copy(original)
            baseline._history_user = None  # who made this state is not known
            self._baselines.append(baseline)
        if instance.pk is not None:
            self._with_history.add(instance.pk)

    def _needs_baseline(self, pk) -> bool:
        if pk in self._with_history:
            return False
        if pk in self._known:
            return True
        # Not read before the import (an entry found another way): ask, and keep its
        # many-to-many rows as they are before the row changes them.
        if self.model.history.filter(id=pk).exists():
            return False
        self._read_links([pk])
        return True

    def saved(self, instance, *, created: bool) -> None:
        del instance.skip_history_when_saving
        if not self.confirmed:
            return
        self._with_history.add(instance.pk)
        self._records[created].append(instance)
        self._pks.add(instance.pk)

    @property
    def waiting(self) -> int:
        return len(self._pks)

    def write(self) -> None:
        """The history of the rows saved since the last call, in a few statements."""
        now = timezone.now()
        write_history(
            self.model,
            self._baselines,
            reason=gettext("As it was before the first recorded change"),
            date=now - timedelta(microseconds=1),
            links=self._baseline_links,
        )
        for created, entries in self._records.items():
            write_history(self.model, entries, created=created, date=now)
        self._baselines = []
        self._records = {True: [], False: []}
        self._pks = set()


def set_many(instance, name: str, objects, current_ids: set) -> None:
    """``instance.<name>.set(objects)`` for an entry whose current ids are known: the same
    writes and ``m2m_changed`` signals (history, area numbers, page cache), without reading
    the current ids again."""
    manager = getattr(instance, name)
    through = manager.through
    source, target = manager.source_field_name, manager.target_field_name
    wanted = {obj.pk for obj in objects}
    database = router.db_for_write(through, instance=instance)
    with transaction.atomic(using=database, savepoint=False):
        for action, ids in (("remove", current_ids - wanted), ("add", wanted - current_ids)):
            if not ids:
                continue
            signal = {
                "sender": through,
                "instance": instance,
                "reverse": False,
                "model": manager.model,
                "pk_set": set(ids),
                "using": database,
            }
            m2m_changed.send(action=f"pre_{action}", **signal)
            if action == "remove":
                through._default_manager.using(database).filter(
                    **{f"{source}_id": instance.pk, f"{target}_id__in": ids}
                ).delete()
            else:
                through._default_manager.using(database).bulk_create(
                    [through(**{f"{source}_id": instance.pk, f"{target}_id": pk}) for pk in ids]
                )
            m2m_changed.send(action=f"post_{action}", **signal)


def full_clean(instance, *, exclude) -> None:
    """``full_clean()`` without the check constraints and the unique fields, which the
    database enforces on save.

    Django asks the database once per check constraint to validate them, and compiles each
    into SQL first: several statements and many milliseconds a row. Every check constraint
    has a field validator or choices of its own, or names its problem in its message, which
    ``refusal_as_errors`` turns into the row's error as Django would.
    """
    errors = {}
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as problem:
        errors = problem.update_error_dict(errors)
    exclude = set(exclude or ()) | {name for name in errors if name != NON_FIELD_ERRORS}
    model = type(instance)
    for constraint in model._meta.constraints:
        if not isinstance(constraint, CheckConstraint):
            try:
                constraint.validate(model, instance, exclude=exclude)
            except ValidationError as problem:
                errors = problem.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def refusal_as_errors(instance, error: IntegrityError, column_for_field) -> ValidationError | None:
    """The row's errors for the database's refusal of its entry, in Django's words: the
    check constraint's message, or Django's own for a unique field; None for another."""
    name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    for constraint in type(instance)._meta.constraints:
        if isinstance(constraint, CheckConstraint) and constraint.name == name:
            return ValidationError({NON_FIELD_ERRORS: [constraint.get_violation_error_message()]})
    if getattr(error.__cause__, "sqlstate", None) == "23505":
        # Django's own message for the field, found now that the row is refused.
        try:
            instance.validate_unique()
        except ValidationError as problem:
            return ValidationError(
                {
                    column_for_field(field): messages
                    for field, messages in problem.message_dict.items()
                }
            )
    return None
