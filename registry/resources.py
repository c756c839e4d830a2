"""Import and export of actors, offers and projects (django-import-export), by ``registry.schema``.

Rows are matched by natural keys (slugs; an actor also by organisation number), so
importing the same file twice changes nothing the second time. An import is one
transaction: a single invalid row and nothing is written. Rows arrive as drafts
unless the file says otherwise and the importer may publish.
"""

import functools
import re
from collections import OrderedDict
from contextlib import nullcontext
from copy import copy, deepcopy
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from diff_match_patch import diff_match_patch
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, IntegrityError, router, transaction
from django.db.models import CheckConstraint, Q
from django.db.models.signals import m2m_changed
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.formats import base_formats
from import_export.resources import Diff
from import_export.results import RowResult

from innovation_portal.lib.bulk import insert_in_bulk, set_links_in_bulk, update_in_bulk
from innovation_portal.lib.history import REASON_LENGTH, history_links, write_history
from registry import schema as registry_schema
from registry.choices import ParticipationRole, Status
from registry.duplicates import duplicates_of_each
from registry.models import Actor, Municipality, Participation, Project, SupportOffer
from registry.schema import PARTICIPANT_COLUMNS, SEPARATOR, ColumnType, Schema
from registry.services import status_change_problem
from registry.spreadsheet import (
    SpreadsheetError,
    read_csv,
    read_json,
    read_xlsx,
    write_csv,
    write_json,
    write_xlsx,
)
from registry.triggers import related_refresh_skipped
from registry.validators import normalise_organisation_number
from spetsomraden.models import PriorityArea

_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
_OUTSIDE_RE = re.compile(r"^(?P<name>.+?)\s*\((?P<country>[A-Za-z]{2})\)$")
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Entries looked up in one query each, however many rows name them.
_LOOKUP_CHUNK = 5_000
# The preview shows this many rows with their changes; of the rows after them, those with
# errors or possible duplicates. A larger file is counted in full but not diffed in full,
# which keeps the page readable and the memory of a 10,000-row preview small.
PREVIEW_ROWS = 500
# History records written in one go by the confirmed import (_write_history).
_HISTORY_BATCH = 1_000
# Rows written in one go (RegistryResource._write_batch), as many as the history's.
WRITE_BATCH = _HISTORY_BATCH


@dataclass
class _Save:
    """A row's entry to write, with what the row found and parsed for it."""

    instance: object
    created: bool
    original: object  # the entry as read before the row, or None
    pending: dict  # the row's parsed relations (priority_areas, participants)
    row_number: int
    row_result: RowResult | None = None


class _BatchRefused(Exception):
    """The database refused a batch of rows; the import goes through them row by row."""


# File formats for the admin: our own readers and writers, with clear errors and
# neutralised formulas; the raw bytes are handed over so decoding is ours too.


def _as_bytes(data) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


class CSVFormat(base_formats.CSV):
    """CSV, comma- or semicolon-separated, UTF-8 with or without BOM."""

    def get_title(self):
        return "csv"

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def get_content_type(self):
        return "text/csv; charset=utf-8"

    def create_dataset(self, in_stream, **kwargs):
        return read_csv(_as_bytes(in_stream))

    def export_data(self, dataset, **kwargs):
        return write_csv(dataset)


class ExcelCSVFormat(CSVFormat):
    """The CSV variant Excel opens correctly with Swedish settings: semicolons and a BOM."""

    def get_title(self):
        return str(_("csv for Excel (semicolon)"))

    def can_import(self):
        return False  # CSVFormat reads both variants

    def export_data(self, dataset, **kwargs):
        return write_csv(dataset, delimiter=";", bom=True)


class XLSXFormat(base_formats.XLSX):
    def get_title(self):
        return "xlsx"

    def create_dataset(self, in_stream, **kwargs):
        return read_xlsx(_as_bytes(in_stream))

    def export_data(self, dataset, **kwargs):
        return write_xlsx(dataset)


class JSONFormat(base_formats.JSON):
    def get_title(self):
        return "json"

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def get_content_type(self):
        return "application/json; charset=utf-8"

    def create_dataset(self, in_stream, **kwargs):
        return read_json(_as_bytes(in_stream))

    def export_data(self, dataset, **kwargs):
        return write_json(dataset)


IMPORT_FORMATS = [CSVFormat, XLSXFormat, JSONFormat]
EXPORT_FORMATS = [CSVFormat, ExcelCSVFormat, XLSXFormat, JSONFormat]


# Cells


def cell_text(value) -> str:
    """A cell as text, whatever type the file reader produced."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def split_values(text: str) -> list[str]:
    values = []
    for item in text.split(SEPARATOR):
        item = item.strip()
        if item and item not in values:
            values.append(item)
    return values


@functools.cache
def _code_lookup(choices) -> dict[str, str]:
    """Codes and their labels in both languages, case-insensitively, to the code."""
    lookup = {}
    for language in ("en", "sv"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[str(label).casefold()] = value
    for value in choices.values:
        lookup[value.casefold()] = value
    return lookup


class SchemaField(fields.Field):
    """A resource field rendered by its schema column; imports go through the resource."""

    def __init__(self, column):
        super().__init__(
            attribute=column.name, column_name=column.name, readonly=not column.importable
        )
        self.column = column

    def export(self, instance, **kwargs):
        return "" if instance is None else self.column.render(instance)


def with_schema_fields(cls):
    cls.fields = OrderedDict((c.name, SchemaField(c)) for c in cls.schema.columns)
    return cls


class RegistryResource(resources.ModelResource):
    """What actors, offers and projects share; subclasses name their schema and model."""

    schema: Schema

    class Meta:
        skip_unchanged = True
        report_skipped = True
        # Rows are written a batch at a time (_write_batch), in the import's one
        # transaction. A batch the database refuses sends the file through again row by
        # row, so that the error names its row (import_data).
        use_bulk = True
        batch_size = WRITE_BATCH
        use_transactions = True
        clean_model_instances = True
        force_init_instance = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.user = kwargs.get("user")
        self._start()

    def _start(self) -> None:
        """The state of one pass over a file, set afresh before each."""
        self._originals = {}
        self._areas = None
        self._municipalities = None
        self._actors = {}
        # The entries the file names, read once before the first row (_preload_entries):
        # by slug, and which slugs were looked up (a slug looked up and not found is new).
        self._entries = {}
        self._looked_up = set()
        self._with_history = set()
        self._history_known = set()
        self._snapshot = None
        self._original = None
        self._created = False
        self._resolved = set()
        self._dry_run = True
        self._diffed_rows = 0
        self._meta_without_diff = None
        # The history the confirmed import writes in bulk: each saved entry once, added or
        # changed, and the state before the import of entries that had no history yet,
        # with the many-to-many rows read before the import.
        self._history = {True: [], False: []}
        self._history_pks = set()
        self._baselines = []
        self._baseline_links = {}
        # The preview's saved rows: their number in the file and whether the row added them.
        self._saved_rows = {}
        # The rows waiting to be written (_write_batch), the keys they can be found by, and
        # the database's refusal of a batch, if any.
        self._batch: list[_Save] = []
        self._batch_keys: set[tuple[str, str]] = set()
        self._refused = None

    # Headers

    @classmethod
    def header_problems(cls, headers) -> list[str]:
        """What is wrong with a file's header row for this schema, in staff's words."""
        known = set(cls.schema.headers)
        problems = []
        unknown = [header for header in headers if header not in known]
        if unknown:
            problems.append(
                gettext("Unknown columns: %(columns)s. The columns are: %(known)s.")
                % {"columns": ", ".join(unknown), "known": ", ".join(cls.schema.headers)}
            )
        missing = [c.name for c in cls.schema.columns if c.required and c.name not in headers]
        missing += [
            gettext(" or ").join(group)
            for group in cls.schema.required_one_of
            if not any(name in headers for name in group)
        ]
        if missing:
            problems.append(
                gettext("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        return problems

    # The import workflow

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        # One transaction, rolled back by any invalid row as well as by any error.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        self._dry_run = dry_run
        result = self._import(dataset, dry_run, raise_errors, in_batches=True, **kwargs)
        if self._refused is not None:
            # The database refused a batch (the first pass is rolled back): the file again,
            # row by row, so that the row it refuses gets the error.
            self._start()
            result = self._import(dataset, dry_run, raise_errors, in_batches=False, **kwargs)
        # What the preview page lists, each row with its number in the spreadsheet (the
        # header is row 1), and how many rows it leaves out.
        result.listed_rows = []
        for index, row_result in enumerate(result.rows):
            if _listed(row_result):
                row_result.number = index + 2
                result.listed_rows.append(row_result)
        result.preview_rows = PREVIEW_ROWS
        result.rows_not_listed = len(result.rows) - len(result.listed_rows)
        return result

    def _import(self, dataset, dry_run, raise_errors, *, in_batches: bool, **kwargs):
        meta = deepcopy(self._meta)
        meta.use_bulk = in_batches
        # The confirmed import shows no row's changes: it only reports the totals.
        meta.skip_diff = meta.skip_diff or not dry_run
        self._meta = meta
        self._diffed_rows = 0
        self._meta_without_diff = deepcopy(meta)
        self._meta_without_diff.skip_diff = True
        self._refused = None
        try:
            return super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs
            )
        except Exception:
            if self._refused is None:
                raise
            return None

    def import_row(self, row, instance_loader, **kwargs):
        """Rows past the first ``PREVIEW_ROWS`` are imported without a diff of their changes."""
        if self._refused is not None:
            return RowResult()  # this pass is given up (import_data)
        if self._meta.skip_diff or self._diffed_rows < PREVIEW_ROWS:
            self._diffed_rows += 1
            row_result = super().import_row(row, instance_loader, **kwargs)
        else:
            meta, self._meta = self._meta, self._meta_without_diff
            try:
                row_result = super().import_row(row, instance_loader, **kwargs)
            finally:
                self._meta = meta
        if self._batch and self._batch[-1].row_number == kwargs.get("row_number"):
            self._batch[-1].row_result = row_result  # given its entry's id once written
        return row_result

    def before_import(self, dataset, **kwargs):
        if kwargs.get("user") is not None:
            self.user = kwargs["user"]
        self.file_name = kwargs.get("file_name") or ""
        problems = self.header_problems(dataset.headers or [])
        if problems:
            raise SpreadsheetError(" ".join(problems))
        self._preload_actors(dataset)
        self._preload_entries(dataset)

    def get_instance(self, instance_loader, row):
        self._snapshot = None
        if self._batch_keys and not self._batch_keys.isdisjoint(self.row_keys(row)):
            # An entry a row of the batch saves: this row finds it as that row leaves it.
            self._write_batch()
        return self.find_existing(row)

    def after_init_instance(self, instance, new, row, **kwargs):
        self._original = None
        self._created = new
        if not new:
            original = self._snapshot if self._snapshot is not None else deepcopy(instance)
            self._originals[kwargs.get("row_number")] = self._original = original
        self._snapshot = None

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list[str]] = {}
        self.pending = {}
        self.changed_attributes = []
        self._resolved = set()  # foreign keys set from rows read before the import
        original = self._originals.get(kwargs.get("row_number"))

        def error(column: str, message) -> None:
            errors.setdefault(column, []).append(str(message))

        for column in self.schema.columns:
            if not column.importable or column.name not in row or column.attribute is None:
                continue
            if column.name == "status":
                continue
            text = self.cell(row, column.name)
            if column.name == "slug" and not text and instance.pk is not None:
                continue  # found by another key: an empty slug keeps the entry's address
            try:
                value = self.parse(column, text, instance)
            except ValidationError as problem:
                for message in problem.messages:
                    error(column.name, message)
                continue
            setattr(instance, column.attribute, value)
            self.changed_attributes.append(column.attribute)

        if not instance.slug:
            instance.slug = self.derived_slug(row)
        self.import_relations(instance, row, error)
        self.import_status(instance, row, original, errors, error)
        if errors:
            raise ValidationError(errors)

    def import_relations(self, instance, row, error) -> None:
        if "priority_areas" in row:
            areas, problems = self.parse_areas(self.cell(row, "priority_areas"))
            for message in problems:
                error("priority_areas", message)
            self.pending["priority_areas"] = areas
            # Saved with the entry, so that the trigger that keeps area_numbers equal to the
            # links finds nothing left to write when the links are saved after it.
            instance.area_numbers = sorted(area.number for area in areas)

    def import_status(self, instance, row, original, errors, error) -> None:
        old_status = original.status if original is not None else Status.DRAFT
        text = self.cell(row, "status") if "status" in row else ""
        if not text:
            instance.status = old_status
            return
        try:
            new_status = self.parse_code(registry_schema.ENTRY_STATUS, text)
        except ValidationError as problem:
            error("status", problem.messages[0])
            return
        instance.status = new_status
        if new_status == old_status and new_status != Status.PUBLISHED:
            return
        if new_status != old_status and not self.may_publish():
            error(
                "status",
                _(
                    "You may not set the status to “%(status)s”: only a publisher can publish, "
                    "archive or unpublish. Leave the cell empty or write “%(current)s”."
                )
                % {"status": new_status, "current": old_status},
            )
            return
        if errors:
            return  # the publish check needs the other cells to be valid
        areas = self.pending.get("priority_areas")
        problem = status_change_problem(
            instance,
            old_status=old_status,
            new_status=new_status,
            priority_areas=areas,
            before=original,
        )
        if problem:
            error("status", problem)

    def may_publish(self) -> bool:
        opts = self._meta.model._meta
        return bool(
            self.user is not None
            and self.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")
        )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if original is None:
            original = self._original  # the confirmation keeps no diff, so passes none
        if import_validation_errors or original is None or original.pk is None:
            return False
        return not self.changes(instance, original)

    def changes(self, instance, original) -> list[str]:
        """The columns whose values the row changes."""
        changed = []
        for attribute in [*self.changed_attributes, "status"]:
            if getattr(instance, attribute) != getattr(original, attribute):
                changed.append(attribute)
        if "priority_areas" in self.pending:
            saved = {area.pk for area in original.priority_areas.all()}  # read before the import
            if {area.pk for area in self.pending["priority_areas"]} != saved:
                changed.append("priority_areas")
        return changed

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = {
            column: list(messages) for column, messages in (import_validation_errors or {}).items()
        }
        # Columns with errors leave their fields out of the model checks, and foreign keys
        # set from rows read before the import need no query to prove they exist.
        exclude = ({self.field_for_column(column) for column in errors} - {None}) | self._resolved
        original = self._original
        if original is not None and original.pk == instance.pk:
            # Values the row leaves as they were are not checked again: the entry is saved
            # with them, and a value that an older rule allowed does not hold the row up.
            exclude |= {
                field.name
                for field in instance._meta.concrete_fields
                if getattr(instance, field.attname) == getattr(original, field.attname)
            }
        # Unique fields are checked by the database on save (save_instance), not by a query
        # per row: rows are matched to entries by those very fields, so a clash is rare.
        try:
            _full_clean(instance, exclude=exclude)
        except ValidationError as problem:
            for name, messages in problem.message_dict.items():
                column = self.column_for_field(name)
                for message in messages:
                    if message not in errors.get(column, []):
                        errors.setdefault(column, []).append(message)
        if errors:
            raise ValidationError(errors)

    def field_for_column(self, column: str) -> str | None:
        if column in (NON_FIELD_ERRORS, "priority_areas"):
            return None
        try:
            return self.schema.column(column).attribute
        except KeyError:
            return None

    def column_for_field(self, name: str) -> str:
        for column in self.schema.columns:
            if column.attribute == name:
                return column.name
        return name

    def get_diff_class(self):
        return _WordDiff

    def save_instance(self, instance, is_create, row, **kwargs):
        if self._meta.use_bulk:
            self.before_save_instance(instance, row, **kwargs)
            save = self._save_of(instance, kwargs.get("row_number"))
            self.show_pending(save)
            self._batch.append(save)
            self._batch_keys |= self.entry_keys(instance) | self.entry_keys(self._original)
            if len(self._batch) >= self._meta.batch_size:
                self._write_batch()
            return
        try:
            with transaction.atomic():
                super().save_instance(instance, is_create, row, **kwargs)
        except IntegrityError as error:
            constraint = _violated_check_constraint(type(instance), error)
            if constraint is not None:
                message = constraint.get_violation_error_message()
                raise ValidationError({NON_FIELD_ERRORS: [message]}) from None
            if _is_unique_violation(error):
                # Django's own message for the field, found now that the row is refused.
                try:
                    instance.validate_unique()
                except ValidationError as problem:
                    raise ValidationError(
                        {
                            self.column_for_field(name): messages
                            for name, messages in problem.message_dict.items()
                        }
                    ) from None
            raise

    def before_save_instance(self, instance, row, **kwargs):
        # One history record per row, written in bulk with the rows around it
        # (_write_history), instead of one per save and per many-to-many change. The
        # preview is rolled back and writes none.
        instance.skip_history_when_saving = True
        if instance.pk in self._history_pks:
            # A second row for the same entry: the first row's record is written first, with
            # the many-to-many rows that row left.
            self._write_history()
        if not self._dry_run and instance.pk is not None and self._needs_baseline(instance.pk):
            baseline = copy(self._original)
            baseline._history_user = None  # who made this state is not known
            self._baselines.append(baseline)
        if instance.pk is not None:
            self._with_history.add(instance.pk)
        instance._history_user = self.user
        reason = gettext("Imported from %(file)s") % {"file": self.file_name or gettext("a file")}
        instance._change_reason = reason[:REASON_LENGTH]

    def _needs_baseline(self, pk) -> bool:
        if pk in self._with_history:
            return False
        if pk in self._history_known:
            return True
        # Not read before the import (an entry found another way): ask, and keep its
        # many-to-many rows as they are before the row changes them.
        if self._meta.model.history.filter(id=pk).exists():
            return False
        for name, by_entry in history_links(self._meta.model, [pk]).items():
            self._baseline_links.setdefault(name, {}).update(by_entry)
        return True

    def after_save_instance(self, instance, row, **kwargs):
        save = self._save_of(instance, kwargs.get("row_number"))
        self.save_relations(save)
        self._saved(save)
        if len(self._history_pks) >= _HISTORY_BATCH:
            self._write_history()

    def _save_of(self, instance, row_number: int) -> _Save:
        """The current row's entry to write, with what the row found and parsed for it."""
        return _Save(instance, self._created, self._original, self.pending, row_number)

    def _saved(self, save: _Save) -> None:
        instance = save.instance
        self._note_saved(instance)
        del instance.skip_history_when_saving
        if save.row_result is not None:
            save.row_result.add_instance_info(instance)
        if self._dry_run:
            # Likely duplicates are looked for once all rows are saved (after_import); the
            # confirmation shows none.
            self._saved_rows.setdefault(instance.pk, (save.row_number, save.created))
            return
        self._with_history.add(instance.pk)
        self._history[save.created].append(instance)
        self._history_pks.add(instance.pk)

    # Writing a batch of rows

    def row_keys(self, row) -> set[tuple[str, str]]:
        """What a row's entry can be found by (find_existing)."""
        slug = self.cell(row, "slug") or self.derived_slug(row)
        return {("slug", slug)}

    def entry_keys(self, entry) -> set[tuple[str, str]]:
        """What rows find this entry by."""
        return {("slug", entry.slug)} if entry is not None else set()

    def _write_batch(self) -> None:
        """Write the rows waiting since the last batch: a few statements for all of them."""
        saves, self._batch, self._batch_keys = self._batch, [], set()
        if not saves:
            return
        model = self._meta.model
        # The preview is rolled back: the offers and projects of the actors it renames
        # need not be refreshed.
        skipped = related_refresh_skipped() if self._dry_run else nullcontext()
        try:
            with skipped, transaction.atomic():
                insert_in_bulk(model, [s.instance for s in saves if s.created])
                update_in_bulk(model, [s.instance for s in saves if not s.created])
                self.save_relations_in_bulk(saves)
        except DatabaseError as error:
            self._refused = error
            raise _BatchRefused from error
        for save in saves:
            self._saved(save)
        if not self._dry_run:
            self._write_history()

    def bulk_create(self, *args, **kwargs):
        """Called by django-import-export between rows and after the last one."""
        self._write_batch()

    def bulk_update(self, *args, **kwargs):
        """Rows are updated with those added, in ``_write_batch``."""

    def bulk_delete(self, *args, **kwargs):
        """An import deletes nothing."""

    def after_import(self, dataset, result, **kwargs):
        if self._dry_run:
            self._add_duplicates(result)
        self._write_history()
        super().after_import(dataset, result, **kwargs)

    def _add_duplicates(self, result) -> None:
        """Each saved row's likely duplicates in the registry and among the file's other rows.

        An entry the file itself adds exists only in the preview: it is named by its row.
        """
        found = duplicates_of_each(self._meta.model, list(self._saved_rows))
        added = {pk: number for pk, (number, created) in self._saved_rows.items() if created}
        saved_types = (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)
        for row_result in result.rows:
            pk = row_result.object_id
            if row_result.import_type not in saved_types or pk not in self._saved_rows:
                continue
            row_result.duplicates = [
                {
                    "entry": gettext("%(entry)s (row %(row)s of this file)")
                    % {"entry": duplicate.entry, "row": added[duplicate.entry.pk] + 1}
                    if duplicate.entry.pk in added
                    else str(duplicate.entry),
                    "reasons": ", ".join(duplicate.reasons),
                    "url": "" if duplicate.entry.pk in added else _admin_url(duplicate.entry),
                }
                for duplicate in found.get(pk, [])
            ]

    def _write_history(self) -> None:
        """The history of the rows saved since the last call, in a few statements."""
        model = self._meta.model
        now = timezone.now()
        write_history(
            model,
            self._baselines,
            reason=gettext("As it was before the first recorded change"),
            date=now - timedelta(microseconds=1),
            links=self._baseline_links,
        )
        for created, entries in self._history.items():
            write_history(model, entries, created=created, date=now)
        self._baselines = []
        self._history = {True: [], False: []}
        self._history_pks = set()

    def save_relations(self, save: _Save) -> None:
        instance = save.instance
        if "priority_areas" in save.pending:
            areas = save.pending["priority_areas"]
            _set_many(instance, "priority_areas", areas, self._current_areas(save))
            # The preview renders the saved areas: from memory, not from another query.
            _prefetched(instance, "priority_areas", areas)

    def show_pending(self, save: _Save) -> None:
        """Give the entry the relations its row sets before they are written, as the
        preview renders them: from memory, not from another query."""
        if "priority_areas" in save.pending:
            _prefetched(save.instance, "priority_areas", save.pending["priority_areas"])

    def save_relations_in_bulk(self, saves: list[_Save]) -> None:
        changes = [
            (
                save.instance.pk,
                self._current_areas(save),
                {area.pk for area in save.pending["priority_areas"]},
            )
            for save in saves
            if "priority_areas" in save.pending
        ]
        set_links_in_bulk(self._meta.model, "priority_areas", changes)

    @staticmethod
    def _current_areas(save: _Save) -> set:
        """The ids of the entry's areas as read before the row (every changed entry has its
        original, after_init_instance); none for a new entry."""
        if save.created:
            return set()
        return {area.pk for area in save.original.priority_areas.all()}

    def save_m2m(self, instance, row, **kwargs):
        """Relations are saved by ``after_save_instance``, from the parsed cells."""

    def after_import_row(self, row, row_result, **kwargs):
        number = kwargs.get("row_number")
        row_result.duplicates = []  # found once every row is saved (_add_duplicates)
        self._originals.pop(number, None)
        # The preview shows each row's changes (row_result.diff); keeping the entry as it was
        # too would hold thousands of entries in memory until the page is rendered.
        row_result.original = None

    def filter_export(self, queryset, **kwargs):
        return self.schema.optimise(queryset)

    # Finding the entry a row is about

    def find_existing(self, row):
        slug = self.cell(row, "slug")
        if slug:
            return self.entry_by_slug(slug)
        derived = self.derived_slug(row)
        return self.entry_by_slug(derived) if derived else None

    # Entries read before the first row, so that no row needs a query to find its own

    def lookup_keys(self, dataset) -> tuple[set[str], set[str]]:
        """The slugs (given or derived from name_sv) and organisation numbers the rows name."""
        headers = dataset.headers or []
        slugs: set[str] = set()
        given = dataset["slug"] if "slug" in headers else [""] * len(dataset)
        names = dataset["name_sv"] if "name_sv" in headers else [""] * len(dataset)
        for slug, name in zip(given, names, strict=True):
            slug = cell_text(slug)
            if not slug:
                slug = slugify(cell_text(name))[:120]
            if slug:
                slugs.add(slug)
        return slugs, set()

    def lookup_queryset(self):
        """The entries as the rows' checks and the preview's rendering read them."""
        return self.schema.optimise(self._meta.model.objects.all())

    def _preload_entries(self, dataset) -> None:
        slugs, numbers = self.lookup_keys(dataset)
        model = self._meta.model
        found = {}
        slugs_in_order, numbers_in_order = sorted(slugs), sorted(numbers)
        for start in range(0, max(len(slugs), len(numbers)), _LOOKUP_CHUNK):
            end = start + _LOOKUP_CHUNK
            condition = Q(slug__in=slugs_in_order[start:end])
            if numbers_in_order[start:end]:
                condition |= Q(organisation_number__in=numbers_in_order[start:end])
            found.update((entry.pk, entry) for entry in self.lookup_queryset().filter(condition))
        found = list(found.values())
        self._looked_up = slugs
        self._entries = {}
        for entry in found:
            self._remember(entry)
        pks = [entry.pk for entry in found]
        self._history_known = set(pks)
        self._with_history = set()
        for start in range(0, len(pks), _LOOKUP_CHUNK):
            chunk = pks[start : start + _LOOKUP_CHUNK]
            self._with_history.update(
                model.history.filter(id__in=chunk).values_list("id", flat=True).distinct()
            )
        # The many-to-many rows of the entries without history, for the record of their
        # state before the import (written with the confirmed import's history).
        self._baseline_links = {}
        if not self._dry_run:
            without_history = [pk for pk in pks if pk not in self._with_history]
            for start in range(0, len(without_history), _LOOKUP_CHUNK):
                chunk = without_history[start : start + _LOOKUP_CHUNK]
                for name, by_entry in history_links(model, chunk).items():
                    self._baseline_links.setdefault(name, {}).update(by_entry)

    def _remember(self, entry) -> None:
        _keep_prefetched(entry)
        self._entries[entry.slug] = entry

    def _note_saved(self, entry) -> None:
        # Saved by this import: a later row of the same slug reads it from the table.
        self._looked_up.discard(entry.slug)

    def entry_by_slug(self, slug: str):
        """A copy of the entry with this slug as it stands, or None; the entry as read is
        kept unchanged as the row's original.

        Each entry read before the import serves one row and is then let go: a later row
        of the same slug (rare) reads the entry as the earlier row left it.
        """
        entry = self._entries.pop(slug, None)
        if entry is None:
            if slug in self._looked_up:
                return None
            entry = self.lookup_queryset().filter(slug=slug).first()
            if entry is None:
                return None
        self._looked_up.discard(slug)
        self._snapshot = entry
        return _working_copy(entry)

    def derived_slug(self, row) -> str:
        return slugify(self.cell(row, "name_sv"))[:120]

    # Parsing cells

    @staticmethod
    def cell(row, name: str) -> str:
        return cell_text(row.get(name))

    def parse(self, column, text: str, instance):
        kind = column.type
        if kind == ColumnType.CODE:
            if not text:
                return self._default(column, instance)
            return self.parse_code(column, text)
        if kind == ColumnType.CODES:
            values, problems = [], []
            for item in split_values(text):
                try:
                    values.append(self.parse_code(column, item))
                except ValidationError as problem:
                    problems.extend(problem.messages)
            if problems:
                raise ValidationError(problems)
            return list(dict.fromkeys(values))
        if kind == ColumnType.DATE:
            return self.parse_date(column, text)
        if kind == ColumnType.DECIMAL:
            return self.parse_decimal(text)
        if kind == ColumnType.ORGANISATION_NUMBER:
            return normalise_organisation_number(text)
        return text

    def _default(self, column, instance):
        field = self._meta.model._meta.get_field(column.attribute)
        if field.has_default():
            return field.get_default()
        raise ValidationError(_("This column needs a value."), code="required")

    def parse_code(self, column, text: str) -> str:
        lookup = _code_lookup(column.choices)
        value = lookup.get(text.casefold())
        if value is None:
            raise ValidationError(
                _("“%(value)s” is not one of the codes of this column: %(codes)s.")
                % {"value": text, "codes": ", ".join(column.choices.values)},
                code="invalid_code",
            )
        return value

    def parse_date(self, column, text: str):
        if not text:
            if column.required:
                raise ValidationError(_("This column needs a value."), code="required")
            return None
        candidate = text[:10]
        try:
            if not _ISO_DATE_RE.match(candidate) or text[10:].strip(" T0:"):
                raise ValueError
            return date.fromisoformat(candidate)
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a date: write dates as year-month-day, e.g. 2024-01-31.")
                % {"value": text},
                code="invalid_date",
            ) from None

    def parse_decimal(self, text: str):
        if not text:
            return None
        candidate = text.replace(" ", "").replace("\u00a0", "")
        if "," in candidate and "." not in candidate:
            candidate = candidate.replace(",", ".")
        try:
            value = Decimal(candidate)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise ValidationError(
                _("“%(value)s” is not a number: write it with a full stop, e.g. 59.3293.")
                % {"value": text},
                code="invalid_number",
            )
        return value

    def parse_areas(self, text: str):
        if self._areas is None:
            self._areas = list(PriorityArea.objects.order_by("number"))
        lookup = {}
        for area in self._areas:
            names = (area.slug, area.name_sv, area.name_en, area.short_name_sv, area.short_name_en)
            for key in names:
                lookup[key.casefold()] = area
            lookup[str(area.number)] = area
        areas, problems = [], []
        for item in split_values(text):
            area = lookup.get(item.casefold())
            if area is None:
                problems.append(
                    gettext("“%(value)s” is not a priority area. Use the slugs: %(slugs)s.")
                    % {"value": item, "slugs": ", ".join(a.slug for a in self._areas)}
                )
            elif area not in areas:
                areas.append(area)
        return areas, problems

    def municipality(self, code: str, name: str):
        """The municipality by code, else by name; raises ValidationError naming the column."""
        if self._municipalities is None:
            self._municipalities = list(Municipality.objects.all())
        if code:
            if code.isdigit() and len(code) < 4:
                code = code.zfill(4)  # a spreadsheet may have read 0180 as the number 180
            for municipality in self._municipalities:
                if municipality.code == code:
                    if name and name.casefold() != municipality.name.casefold():
                        raise ValidationError(
                            {
                                "municipality_name": gettext(
                                    "The code %(code)s is %(name)s, not “%(given)s”."
                                )
                                % {"code": code, "name": municipality.name, "given": name}
                            }
                        )
                    return municipality
            raise ValidationError(
                {
                    "municipality_code": gettext(
                        "“%(value)s” is not the code of a municipality in Stockholm County."
                    )
                    % {"value": code}
                }
            )
        if name:
            for municipality in self._municipalities:
                if municipality.name.casefold() == name.casefold():
                    return municipality
            raise ValidationError(
                {
                    "municipality_name": gettext(
                        "“%(value)s” is not a municipality in Stockholm County."
                    )
                    % {"value": name}
                }
            )
        raise ValidationError(
            {"municipality_code": gettext("Give the municipality's code or name.")}
        )

    def _preload_actors(self, dataset) -> None:
        """Fetch every actor the file names by slug in one query."""
        slugs = set()
        headers = dataset.headers or []
        for column in ("actor", *PARTICIPANT_COLUMNS):
            if column in headers:
                for value in dataset[column]:
                    slugs.update(i for i in split_values(cell_text(value)) if _SLUG_RE.match(i))
        if slugs:
            self._actors = {a.slug: a for a in Actor.objects.filter(slug__in=slugs)}

    def actor_by_slug(self, slug: str):
        if slug not in self._actors:
            self._actors[slug] = Actor.objects.filter(slug=slug).first()
        return self._actors[slug]


@functools.cache
def _listed(row_result) -> bool:
    """Whether the preview lists a row: it has its changes, an error or a possible duplicate."""
    return bool(
        row_result.diff
        or row_result.validation_error
        or row_result.errors
        or getattr(row_result, "duplicates", None)
    )


def _working_copy(entry):
    """A copy of an entry to change, while the entry as read stays the row's original.

    Its own values and the relations read with it are copied, not the related rows: the
    import replaces a relation's rows rather than changing them. Much cheaper than
    ``deepcopy``, which copies every related row and queryset.
    """
    working = copy(entry)  # a new dict of values, and of the cached related entries
    prefetched = getattr(entry, "_prefetched_objects_cache", None)
    if prefetched is not None:
        working._prefetched_objects_cache = dict(prefetched)
    return working


@functools.cache
def _kept_class(queryset_class):
    """``queryset_class`` whose copies keep their rows: an entry's prefetched relations then
    survive the copies an import makes of it (its original, the preview's "before")."""

    def __deepcopy__(self, memo):
        copied = queryset_class.__deepcopy__(self, memo)
        copied._result_cache = deepcopy(self._result_cache, memo)
        copied.__class__ = type(self)
        return copied

    attributes = {"__deepcopy__": __deepcopy__, "keeps_rows_when_copied": True}
    return type(f"Kept{queryset_class.__name__}", (queryset_class,), attributes)


def _keep_prefetched(entry) -> None:
    for queryset in getattr(entry, "_prefetched_objects_cache", {}).values():
        if queryset._result_cache is not None and not hasattr(queryset, "keeps_rows_when_copied"):
            queryset.__class__ = _kept_class(type(queryset))


def _prefetched(instance, name: str, objects) -> None:
    """Give ``instance.<name>.all()`` these objects without a query, as a prefetch would."""
    related = instance._meta.get_field(name).related_model
    queryset = related._default_manager.get_queryset()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset
    _keep_prefetched(instance)


def _set_many(instance, name: str, objects, current_ids: set) -> None:
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


def _full_clean(instance, *, exclude) -> None:
    """``full_clean()`` without the check constraints and the unique fields, which the
    database enforces on save.

    Django asks the database once per check constraint to validate them, and compiles each
    into SQL first: several statements and many milliseconds a row. Every check constraint
    has a field validator or choices of its own, or names its problem in its message, which
    ``save_instance`` turns into the row's error as Django would.
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


def _is_unique_violation(error: IntegrityError) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == "23505"


def _violated_check_constraint(model, error: IntegrityError):
    """The model's check constraint that the database names in ``error``, if any."""
    name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    for constraint in model._meta.constraints:
        if isinstance(constraint, CheckConstraint) and constraint.name == name:
            return constraint
    return None


class _WordDiff(Diff):
    """The preview's changes word by word: as readable as character by character, and
    fast however different the texts (a character diff of two unlike descriptions takes
    tens of milliseconds, times every cell of every row)."""

    def as_html(self):
        data = []
        engine = diff_match_patch()
        for old, new in zip(self.left, self.right, strict=False):
            old, new = force_str(old), force_str(new)
            if old != new and self.new:
                old = ""
            diff = _word_diff(engine, old, new)
            engine.diff_cleanupSemantic(diff)
            data.append(mark_safe(engine.diff_prettyHtml(diff)))  # noqa: S308 - escaped by it
        return data


_TOKEN_SPLIT_RE = re.compile(r"\s+|[^\s]+")


def _word_diff(engine, old: str, new: str) -> list:
    if old == new:
        return [(0, new)] if new else []
    tokens: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        encoded = []
        for token in _TOKEN_SPLIT_RE.findall(text):
            if token not in tokens:
                tokens[token] = chr(0xE000 + len(words)) if len(words) < 6400 else ""
                words.append(token)
            encoded.append(tokens[token])
        return "".join(encoded)

    encoded_old, encoded_new = encode(old), encode(new)
    if len(words) >= 6400:  # more distinct words than private characters: whole texts
        return [(-1, old), (1, new)] if old else [(1, new)]
    decode = {char: word for word, char in tokens.items()}
    return [
        (operation, "".join(decode[char] for char in text))
        for operation, text in engine.diff_main(encoded_old, encoded_new, False)
    ]


def _admin_url(entry) -> str:
    opts = entry._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
    except NoReverseMatch:
        return ""


@with_schema_fields
class ActorResource(RegistryResource):
    schema = registry_schema.ACTORS

    class Meta(RegistryResource.Meta):
        model = Actor
        fields = registry_schema.ACTORS.headers
        name = _("Actors")

    def _start(self) -> None:
        super()._start()
        self._slugs_by_number: dict[str, set[str]] = {}
        self._number_of: dict[str, str] = {}
        self._numbers_looked_up: set[str] = set()

    def row_keys(self, row) -> set[tuple[str, str]]:
        keys = super().row_keys(row)
        number = normalise_organisation_number(self.cell(row, "organisation_number"))
        return keys | {("organisation_number", number)} if number else keys

    def entry_keys(self, entry) -> set[tuple[str, str]]:
        keys = super().entry_keys(entry)
        if entry is not None and entry.organisation_number:
            keys.add(("organisation_number", entry.organisation_number))
        return keys

    def find_existing(self, row):
        slug = self.cell(row, "slug")
        if slug:
            return self.entry_by_slug(slug)
        number = normalise_organisation_number(self.cell(row, "organisation_number"))
        if number:
            if number in self._numbers_looked_up:
                slugs = self._slugs_by_number.get(number, set())
                if len(slugs) == 1:
                    return self.entry_by_slug(next(iter(slugs)))
            else:
                matches = list(Actor.objects.filter(organisation_number=number)[:2])
                if len(matches) == 1:
                    return matches[0]
        return super().find_existing(row)

    def lookup_keys(self, dataset) -> tuple[set[str], set[str]]:
        slugs, _numbers = super().lookup_keys(dataset)
        numbers = set()
        headers = dataset.headers or []
        if "organisation_number" in headers:
            given = dataset["slug"] if "slug" in headers else [""] * len(dataset)
            for slug, number in zip(given, dataset["organisation_number"], strict=True):
                number = normalise_organisation_number(cell_text(number))
                if number and not cell_text(slug):
                    numbers.add(number)
        self._numbers_looked_up = numbers
        return slugs, numbers

    def _remember(self, entry) -> None:
        super()._remember(entry)
        self._number_is(entry)

    def _note_saved(self, entry) -> None:
        super()._note_saved(entry)
        self._number_is(entry)

    def _number_is(self, entry) -> None:
        old = self._number_of.pop(entry.slug, None)
        if old:
            self._slugs_by_number.get(old, set()).discard(entry.slug)
        if entry.organisation_number:
            self._number_of[entry.slug] = entry.organisation_number
            self._slugs_by_number.setdefault(entry.organisation_number, set()).add(entry.slug)

    def import_relations(self, instance, row, error) -> None:
        super().import_relations(instance, row, error)
        if "municipality_code" in row or "municipality_name" in row:
            try:
                instance.municipality = self.municipality(
                    self.cell(row, "municipality_code"), self.cell(row, "municipality_name")
                )
                self.changed_attributes.append("municipality_id")
                self._resolved.add("municipality")
            except ValidationError as problem:
                for column, messages in problem.message_dict.items():
                    for message in messages:
                        error(column, message)

    def column_for_field(self, name: str) -> str:
        if name == "municipality":
            return "municipality_code"
        return super().column_for_field(name)

    def field_for_column(self, column: str) -> str | None:
        if column in ("municipality_code", "municipality_name"):
            return "municipality"
        return super().field_for_column(column)


@with_schema_fields
class SupportOfferResource(RegistryResource):
    schema = registry_schema.OFFERS

    class Meta(RegistryResource.Meta):
        model = SupportOffer
        fields = registry_schema.OFFERS.headers
        name = _("Support offers")

    def import_relations(self, instance, row, error) -> None:
        super().import_relations(instance, row, error)
        if "actor" in row:
            slug = self.cell(row, "actor")
            actor = self.actor_by_slug(slug) if slug else None
            if actor is None:
                error(
                    "actor",
                    gettext("No actor has the slug “%(value)s”.") % {"value": slug}
                    if slug
                    else gettext("Give the slug of the actor that offers the support."),
                )
            else:
                instance.actor = actor
                self.changed_attributes.append("actor_id")
                self._resolved.add("actor")

    def field_for_column(self, column: str) -> str | None:
        if column == "actor":
            return "actor"
        return super().field_for_column(column)

    def column_for_field(self, name: str) -> str:
        return "actor" if name == "actor" else super().column_for_field(name)


@with_schema_fields
class ProjectResource(RegistryResource):
    schema = registry_schema.PROJECTS

    class Meta(RegistryResource.Meta):
        model = Project
        fields = registry_schema.PROJECTS.headers
        name = _("Projects")

    def import_relations(self, instance, row, error) -> None:
        super().import_relations(instance, row, error)
        present = [column for column in PARTICIPANT_COLUMNS if column in row]
        if not present:
            return
        wanted = {}  # identity -> (actor, organisation_name, country, role)
        for column in present:
            role = PARTICIPANT_COLUMNS[column]
            items = split_values(self.cell(row, column))
            if role == ParticipationRole.LEAD and len(items) > 1:
                error("lead_partner", gettext("A project has one lead partner, not several."))
            for item in items:
                participant = self.parse_participant(item)
                if isinstance(participant, str):
                    error(column, participant)
                    continue
                identity = participant[0]
                if identity in wanted:
                    error(
                        column,
                        gettext("“%(value)s” is listed more than once.") % {"value": item},
                    )
                    continue
                wanted[identity] = (*participant[1:], role)
        self.pending["participants"] = ({PARTICIPANT_COLUMNS[c] for c in present}, wanted)

    def parse_participant(self, item: str):
        """(identity, actor, organisation_name, country), or an error message."""
        if _SLUG_RE.match(item) and item == item.lower():
            actor = self.actor_by_slug(item)
            if actor is None:
                return gettext(
                    "No actor has the slug “%(value)s”. An organisation outside the registry is "
                    "written as its name and country code, e.g. “BEAZ (ES)”."
                ) % {"value": item}
            return (("actor", actor.pk), actor, "", "")
        match = _OUTSIDE_RE.match(item)
        name, country = (match["name"], match["country"].upper()) if match else (item, "")
        return (("organisation", name.casefold()), None, name, country)

    @staticmethod
    def _identity(participation):
        if participation.actor_id:
            return ("actor", participation.actor_id)
        return ("organisation", participation.organisation_name.casefold())

    def changes(self, instance, original) -> list[str]:
        changed = super().changes(instance, original)
        if "participants" in self.pending:
            roles, wanted = self.pending["participants"]
            current = {
                self._identity(p): ("" if p.actor_id else p.organisation_name, p.country, p.role)
                for p in original.participations.all()
                if p.role in roles
            }
            desired = {
                identity: (name, country, role)
                for identity, (actor, name, country, role) in wanted.items()
            }
            if current != desired:
                changed.append("participants")
        return changed

    def save_relations(self, save) -> None:
        super().save_relations(save)
        self._save_participants(save)

    def show_pending(self, save) -> None:
        super().show_pending(save)
        if "participants" in save.pending:
            roles, wanted = save.pending["participants"]
            kept = [
                participation
                for participation in registry_schema.related(save.instance, "participations")
                if participation.role not in roles
            ]
            added = [
                Participation(actor=actor, organisation_name=name, country=country, role=role)
                for actor, name, country, role in wanted.values()
            ]
            _prefetched(save.instance, "participations", kept + added)

    def save_relations_in_bulk(self, saves) -> None:
        super().save_relations_in_bulk(saves)
        # Partners are few per project and have history of their own: saved one by one.
        for save in saves:
            self._save_participants(save)

    def _save_participants(self, save) -> None:
        if "participants" not in save.pending:
            return
        instance = save.instance
        roles, wanted = save.pending["participants"]
        if save.original is not None and save.original.pk == instance.pk:
            current = save.original.participations.all()  # as read before the import
        elif save.created:
            current = []
        else:
            current = Participation.objects.filter(project=instance)
        existing = {self._identity(p): p for p in current}
        user = self.user

        def record(participation):
            participation._history_user = user
            participation._change_reason = instance._change_reason

        # Removals first, then demotions from lead, then other changes, then additions:
        # a project has at most one lead and each actor once at every step.
        for identity, participation in existing.items():
            if participation.role in roles and identity not in wanted:
                record(participation)
                participation.delete()
        updates = []
        for identity, (_actor, name, country, role) in wanted.items():
            participation = existing.get(identity)
            if participation is None:
                continue
            if (participation.role, participation.country) != (role, country) or (
                not participation.actor_id and participation.organisation_name != name
            ):
                updates.append((participation, name, country, role))
        updates.sort(key=lambda update: update[0].role != ParticipationRole.LEAD)
        for participation, name, country, role in updates:
            participation.role = role
            participation.country = country
            if not participation.actor_id:
                participation.organisation_name = name
            record(participation)
            participation.save()
        for identity, (actor, name, country, role) in wanted.items():
            if identity in existing:
                continue
            participation = Participation(
                project=instance, actor=actor, organisation_name=name, country=country, role=role
            )
            record(participation)
            participation.full_clean(exclude=["project"])
            participation.save()


RESOURCES = {Actor: ActorResource, SupportOffer: SupportOfferResource, Project: ProjectResource}
