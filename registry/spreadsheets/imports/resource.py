"""The import and the staff export of actors, offers and projects: django-import-export
resources whose hooks apply the project's rules, by ``columns``.

Rows are matched by natural keys (``match``), so importing the same file twice changes
nothing the second time. An import is one transaction: a single invalid row and nothing
is written. Rows arrive as drafts unless the file says otherwise and the importer may
publish. Each row is read, parsed (``cells``) and checked on its own, with its errors in
its own words; what it would save waits for the rest of its batch (``write``).

This module is longer than the others: it is the one place where the hooks of
django-import-export's row cycle meet, in the order the library calls them (the pass,
the row, its checks, its save, the batch), which reads better in one file than spread
over several that each hold a part of the cycle.
"""

from contextlib import nullcontext
from copy import deepcopy
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.results import RowResult

from innovation_portal.lib.bulk import insert_in_bulk, set_links_in_bulk, update_in_bulk
from innovation_portal.lib.history import REASON_LENGTH
from registry.choices import Status
from registry.services import status_change_problem
from registry.spreadsheets import columns
from registry.spreadsheets.columns import Schema
from registry.spreadsheets.formats import SpreadsheetError
from registry.spreadsheets.imports import preview
from registry.spreadsheets.imports.cells import (
    Lookups,
    cell,
    derived_slug,
    parse,
    parse_code,
)
from registry.spreadsheets.imports.match import (
    EntryIndex,
    file_slugs,
    prefetched,
    working_copy,
)
from registry.spreadsheets.imports.write import (
    HISTORY_BATCH,
    WRITE_BATCH,
    Batch,
    BatchRefused,
    HistoryWriter,
    Save,
    full_clean,
    refusal_as_errors,
    set_many,
)
from registry.triggers import related_refresh_skipped


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
    cls.fields = {c.name: SchemaField(c) for c in cls.schema.columns}
    return cls


@dataclass
class _Row:
    """What the current row found and parsed, from ``get_instance`` to ``after_import_row``."""

    snapshot: object = None  # the entry as read, kept unchanged (find_existing)
    original: object = None  # the entry before the row, or None for a new one
    created: bool = False
    pending: dict = field(default_factory=dict)  # parsed relations, saved after the entry
    changed: list[str] = field(default_factory=list)  # the attributes the row sets
    resolved: set[str] = field(default_factory=set)  # foreign keys set from rows read before


class _Pass:
    """One pass over a file, made afresh for each (``before_import``)."""

    def __init__(self, resource, *, dry_run: bool):
        self.dry_run = dry_run
        self.diffed_rows = 0
        self.index = resource.index_class(resource.lookup_queryset())
        self.lookups = None
        self.history = None
        self.batch = Batch()
        self.refused = None  # the database's refusal of a batch, if any
        # The preview's saved rows: their number in the file and whether the row added them.
        self.saved_rows: dict = {}

    def read(self, resource, dataset) -> None:
        """The entries and relations the file names, in a few queries before its first row."""
        self.lookups = Lookups(dataset)
        slugs, numbers = resource.lookup_keys(dataset)
        found = self.index.read(slugs, numbers)
        self.history = HistoryWriter(
            resource._meta.model, [entry.pk for entry in found], confirmed=not self.dry_run
        )


class RegistryResource(resources.ModelResource):
    """What actors, offers and projects share; subclasses name their schema and model."""

    schema: Schema
    index_class = EntryIndex
    # The foreign keys a row sets itself (import_relations), by the columns that name them;
    # a field's error is told in its first column.
    relation_columns: dict[str, str] = {}

    class Meta:
        skip_unchanged = True
        report_skipped = True
        # Rows are written a batch at a time (write_batch), in the import's one
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
        self.file_name = ""
        self.run: _Pass | None = None
        self.row = _Row()

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

    # The passes over a file

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        # One transaction, rolled back by any invalid row as well as by any error.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        result = self._import(dataset, dry_run, raise_errors, in_batches=True, **kwargs)
        if self.run.refused is not None:
            # The database refused a batch (the first pass is rolled back): the file again,
            # row by row, so that the row it refuses gets the error.
            result = self._import(dataset, dry_run, raise_errors, in_batches=False, **kwargs)
        preview.list_rows(result)
        return result

    def _import(self, dataset, dry_run, raise_errors, *, in_batches: bool, **kwargs):
        meta = deepcopy(self._meta)
        meta.use_bulk = in_batches
        # The confirmed import shows no row's changes: it only reports the totals.
        meta.skip_diff = meta.skip_diff or not dry_run
        self._meta = meta
        self._meta_without_diff = deepcopy(meta)
        self._meta_without_diff.skip_diff = True
        self.run = _Pass(self, dry_run=dry_run)
        try:
            return super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs
            )
        except Exception:
            if self.run.refused is None:
                raise
            return None

    def before_import(self, dataset, **kwargs):
        if kwargs.get("user") is not None:
            self.user = kwargs["user"]
        self.file_name = kwargs.get("file_name") or ""
        self.run.read(self, dataset)
        problems = self.header_problems(dataset.headers or [])
        if problems:
            raise SpreadsheetError(" ".join(problems))

    def import_row(self, row, instance_loader, **kwargs):
        """Rows past the first ``PREVIEW_ROWS`` are imported without a diff of their changes."""
        run = self.run
        if run.refused is not None:
            return RowResult()  # this pass is given up (import_data)
        if self._meta.skip_diff or run.diffed_rows < preview.PREVIEW_ROWS:
            run.diffed_rows += 1
            row_result = super().import_row(row, instance_loader, **kwargs)
        else:
            meta, self._meta = self._meta, self._meta_without_diff
            try:
                row_result = super().import_row(row, instance_loader, **kwargs)
            finally:
                self._meta = meta
        saves = run.batch.saves
        if saves and saves[-1].row_number == kwargs.get("row_number"):
            saves[-1].row_result = row_result  # given its entry's id once written
        return row_result

    # A row: its entry, its cells, its checks

    def get_instance(self, instance_loader, row):
        self.row = _Row()
        batch = self.run.batch
        if batch.keys and not batch.keys.isdisjoint(self.row_keys(row)):
            # An entry a row of the batch saves: this row finds it as that row leaves it.
            self.write_batch()
        return self.find_existing(row)

    def after_init_instance(self, instance, new, row, **kwargs):
        row_state = self.row
        row_state.created = new
        if not new:
            snapshot = row_state.snapshot
            row_state.original = snapshot if snapshot is not None else deepcopy(instance)
        row_state.snapshot = None

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list[str]] = {}

        def add_error(column: str, message) -> None:
            errors.setdefault(column, []).append(str(message))

        for column in self.schema.columns:
            if not column.importable or column.name not in row or column.attribute is None:
                continue
            if column.name == "status":
                continue
            text = cell(row, column.name)
            if column.name == "slug" and not text and instance.pk is not None:
                continue  # found by another key: an empty slug keeps the entry's address
            try:
                value = parse(column, text, self._meta.model)
            except ValidationError as problem:
                for message in problem.messages:
                    add_error(column.name, message)
                continue
            setattr(instance, column.attribute, value)
            self.row.changed.append(column.attribute)

        if not instance.slug:
            instance.slug = derived_slug(row)
        self.import_relations(instance, row, add_error)
        self.import_status(instance, row, errors, add_error)
        if errors:
            raise ValidationError(errors)

    def import_relations(self, instance, row, error) -> None:
        if "priority_areas" in row:
            areas, problems = self.run.lookups.areas(cell(row, "priority_areas"))
            for message in problems:
                error("priority_areas", message)
            self.row.pending["priority_areas"] = areas
            # Saved with the entry, so that the trigger that keeps area_numbers equal to the
            # links finds nothing left to write when the links are saved after it.
            instance.area_numbers = sorted(area.number for area in areas)

    def import_status(self, instance, row, errors, error) -> None:
        original = self.row.original
        old_status = original.status if original is not None else Status.DRAFT
        text = cell(row, "status") if "status" in row else ""
        if not text:
            instance.status = old_status
            return
        try:
            new_status = parse_code(columns.ENTRY_STATUS, text)
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
        problem = status_change_problem(
            instance,
            old_status=old_status,
            new_status=new_status,
            priority_areas=self.row.pending.get("priority_areas"),
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
            original = self.row.original  # the confirmation keeps no diff, so passes none
        if import_validation_errors or original is None or original.pk is None:
            return False
        return not self.changes(instance, original)

    def changes(self, instance, original) -> list[str]:
        """The columns whose values the row changes."""
        changed = []
        for attribute in [*self.row.changed, "status"]:
            if getattr(instance, attribute) != getattr(original, attribute):
                changed.append(attribute)
        if "priority_areas" in self.row.pending:
            saved = {area.pk for area in original.priority_areas.all()}  # read before the import
            if {area.pk for area in self.row.pending["priority_areas"]} != saved:
                changed.append("priority_areas")
        return changed

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = {
            column: list(messages) for column, messages in (import_validation_errors or {}).items()
        }
        # Columns with errors leave their fields out of the model checks, and foreign keys
        # set from rows read before the import need no query to prove they exist.
        exclude = ({self.field_for_column(column) for column in errors} - {None}) | set(
            self.row.resolved
        )
        original = self.row.original
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
            full_clean(instance, exclude=exclude)
        except ValidationError as problem:
            for name, messages in problem.message_dict.items():
                column = self.column_for_field(name)
                for message in messages:
                    if message not in errors.get(column, []):
                        errors.setdefault(column, []).append(message)
        if errors:
            raise ValidationError(errors)

    def field_for_column(self, column: str) -> str | None:
        if column in self.relation_columns:
            return self.relation_columns[column]
        if column in (NON_FIELD_ERRORS, "priority_areas"):
            return None
        try:
            return self.schema.column(column).attribute
        except KeyError:
            return None

    def column_for_field(self, name: str) -> str:
        for column, field_name in self.relation_columns.items():
            if field_name == name:
                return column
        for column in self.schema.columns:
            if column.attribute == name:
                return column.name
        return name

    def get_diff_class(self):
        return preview.WordDiff

    def after_import_row(self, row, row_result, **kwargs):
        row_result.duplicates = []  # found once every row is saved (preview.add_duplicates)
        # The preview shows each row's changes (row_result.diff); keeping the entry as it was
        # too would hold thousands of entries in memory until the page is rendered.
        row_result.original = None
        self.row = _Row()

    # Saving a row

    def save_instance(self, instance, is_create, row, **kwargs):
        if self._meta.use_bulk:
            self.before_save_instance(instance, row, **kwargs)
            save = self._save_of(instance, kwargs.get("row_number"))
            self.show_pending(save)
            batch = self.run.batch
            batch.saves.append(save)
            batch.keys |= self.entry_keys(instance) | self.entry_keys(self.row.original)
            if len(batch.saves) >= self._meta.batch_size:
                self.write_batch()
            return
        try:
            with transaction.atomic():
                super().save_instance(instance, is_create, row, **kwargs)
        except IntegrityError as error:
            errors = refusal_as_errors(instance, error, self.column_for_field)
            if errors is not None:
                raise errors from None
            raise

    def before_save_instance(self, instance, row, **kwargs):
        history = self.run.history
        history.before_save(instance, self.row.original)
        instance._history_user = self.user
        reason = gettext("Imported from %(file)s") % {"file": self.file_name or gettext("a file")}
        instance._change_reason = reason[:REASON_LENGTH]

    def after_save_instance(self, instance, row, **kwargs):
        save = self._save_of(instance, kwargs.get("row_number"))
        self.save_relations(save)
        self._saved(save)
        if self.run.history.waiting >= HISTORY_BATCH:
            self.run.history.write()

    def _save_of(self, instance, row_number: int) -> Save:
        """The current row's entry to write, with what the row found and parsed for it."""
        row_state = self.row
        return Save(instance, row_state.created, row_state.original, row_state.pending, row_number)

    def _saved(self, save: Save) -> None:
        instance = save.instance
        self.run.index.saved(instance)
        self.run.history.saved(instance, created=save.created)
        if save.row_result is not None:
            save.row_result.add_instance_info(instance)
        if self.run.dry_run:
            # Likely duplicates are looked for once all rows are saved (after_import); the
            # confirmation shows none.
            self.run.saved_rows.setdefault(instance.pk, (save.row_number, save.created))

    def write_batch(self) -> None:
        """Write the rows waiting since the last batch: a few statements for all of them."""
        run = self.run
        saves = run.batch.take()
        if not saves:
            return
        model = self._meta.model
        # The preview is rolled back: the offers and projects of the actors it renames
        # need not be refreshed.
        skipped = related_refresh_skipped() if run.dry_run else nullcontext()
        try:
            with skipped, transaction.atomic():
                insert_in_bulk(model, [s.instance for s in saves if s.created])
                update_in_bulk(model, [s.instance for s in saves if not s.created])
                self.save_relations_in_bulk(saves)
        except DatabaseError as error:
            run.refused = error
            raise BatchRefused from error
        for save in saves:
            self._saved(save)
        if not run.dry_run:
            run.history.write()

    def bulk_create(self, *args, **kwargs):
        """Called by django-import-export between rows and after the last one."""
        self.write_batch()

    def bulk_update(self, *args, **kwargs):
        """Rows are updated with those added, in ``write_batch``."""

    def bulk_delete(self, *args, **kwargs):
        """An import deletes nothing."""

    def save_m2m(self, instance, row, **kwargs):
        """Relations are saved by ``after_save_instance``, from the parsed cells."""

    def after_import(self, dataset, result, **kwargs):
        if self.run.dry_run:
            preview.add_duplicates(self._meta.model, result, self.run.saved_rows)
        self.run.history.write()
        super().after_import(dataset, result, **kwargs)

    def save_relations(self, save: Save) -> None:
        instance = save.instance
        if "priority_areas" in save.pending:
            areas = save.pending["priority_areas"]
            set_many(instance, "priority_areas", areas, self._current_areas(save))
            # The preview renders the saved areas: from memory, not from another query.
            prefetched(instance, "priority_areas", areas)

    def show_pending(self, save: Save) -> None:
        """Give the entry the relations its row sets before they are written, as the
        preview renders them: from memory, not from another query."""
        if "priority_areas" in save.pending:
            prefetched(save.instance, "priority_areas", save.pending["priority_areas"])

    def save_relations_in_bulk(self, saves: list[Save]) -> None:
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
    def _current_areas(save: Save) -> set:
        """The ids of the entry's areas as read before the row (every changed entry has its
        original, after_init_instance); none for a new entry."""
        if save.created:
            return set()
        return {area.pk for area in save.original.priority_areas.all()}

    def filter_export(self, queryset, **kwargs):
        return self.schema.optimise(queryset)

    # Finding the entry a row is about (match)

    def row_keys(self, row) -> set[tuple[str, str]]:
        """What a row's entry can be found by (find_existing)."""
        return {("slug", cell(row, "slug") or derived_slug(row))}

    def entry_keys(self, entry) -> set[tuple[str, str]]:
        """What rows find this entry by."""
        return {("slug", entry.slug)} if entry is not None else set()

    def find_existing(self, row):
        slug = cell(row, "slug") or derived_slug(row)
        return self.entry_by_slug(slug) if slug else None

    def entry_by_slug(self, slug: str):
        """A copy of the entry with this slug as it stands, or None; the entry as read is
        kept unchanged as the row's original."""
        entry = self.run.index.take(slug)
        if entry is None:
            return None
        self.row.snapshot = entry
        return working_copy(entry)

    def lookup_keys(self, dataset) -> tuple[set[str], set[str]]:
        """The slugs (given or derived from name_sv) and organisation numbers the rows name."""
        return file_slugs(dataset), set()

    def lookup_queryset(self):
        """The entries as the rows' checks and the preview's rendering read them."""
        return self.schema.optimise(self._meta.model.objects.all())
