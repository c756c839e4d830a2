"""Import and export of actors, offers and projects (django-import-export), by ``actors.schema``.

Rows are matched by natural keys (slugs; an actor also by organisation number), so
importing the same file twice changes nothing the second time. An import is one
transaction: a single invalid row and nothing is written. Rows arrive as drafts
unless the file says otherwise and the importer may publish.
"""

import functools
import re
from collections import OrderedDict
from copy import deepcopy
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.formats import base_formats

from actors import schema as registry_schema
from actors.choices import ParticipationRole, Status
from actors.duplicates import entry_duplicates
from actors.models import Actor, Municipality, Participation, Project, SupportOffer
from actors.schema import PARTICIPANT_COLUMNS, SEPARATOR, ColumnType, Schema
from actors.services import history_baseline, status_change_problem
from actors.spreadsheet import (
    SpreadsheetError,
    read_csv,
    read_json,
    read_xlsx,
    write_csv,
    write_json,
    write_xlsx,
)
from actors.validators import normalise_organisation_number
from spetsomraden.models import PriorityArea

_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
_OUTSIDE_RE = re.compile(r"^(?P<name>.+?)\s*\((?P<country>[A-Za-z]{2})\)$")
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REASON_LENGTH = 100


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
        use_bulk = False  # bulk mode can commit part of a file and skips many-to-many
        use_transactions = True
        clean_model_instances = True
        force_init_instance = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.user = kwargs.get("user")
        self._warnings = {}
        self._originals = {}
        self._areas = None
        self._municipalities = None
        self._actors = {}

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
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)

    def before_import(self, dataset, **kwargs):
        if kwargs.get("user") is not None:
            self.user = kwargs["user"]
        self.file_name = kwargs.get("file_name") or ""
        problems = self.header_problems(dataset.headers or [])
        if problems:
            raise SpreadsheetError(" ".join(problems))
        self._preload_actors(dataset)

    def get_instance(self, instance_loader, row):
        return self.find_existing(row)

    def after_init_instance(self, instance, new, row, **kwargs):
        if not new:
            self._originals[kwargs.get("row_number")] = deepcopy(instance)

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list[str]] = {}
        self.pending = {}
        self.changed_attributes = []
        original = self._originals.get(kwargs.get("row_number"))

        def error(column: str, message) -> None:
            errors.setdefault(column, []).append(str(message))

        for column in self.schema.columns:
            if not column.importable or column.name not in row or column.attribute is None:
                continue
            if column.name == "status":
                continue
            text = self.cell(row, column.name)
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
            saved = set(original.priority_areas.values_list("pk", flat=True))
            if {area.pk for area in self.pending["priority_areas"]} != saved:
                changed.append("priority_areas")
        return changed

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = {
            column: list(messages) for column, messages in (import_validation_errors or {}).items()
        }
        # Columns with errors leave their fields out of the model checks.
        exclude = {self.field_for_column(column) for column in errors} - {None}
        try:
            instance.full_clean(exclude=exclude, validate_unique=validate_unique)
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

    def before_save_instance(self, instance, row, **kwargs):
        history_baseline(instance)
        instance._history_user = self.user
        reason = gettext("Imported from %(file)s") % {"file": self.file_name or gettext("a file")}
        instance._change_reason = reason[:_REASON_LENGTH]

    def after_save_instance(self, instance, row, **kwargs):
        self.save_relations(instance)
        self._warnings[kwargs.get("row_number")] = [
            {
                "entry": str(duplicate.entry),
                "reasons": ", ".join(duplicate.reasons),
                "url": _admin_url(duplicate.entry),
            }
            for duplicate in entry_duplicates(instance)
        ]

    def save_relations(self, instance) -> None:
        if "priority_areas" in self.pending:
            instance.priority_areas.set(self.pending["priority_areas"])

    def save_m2m(self, instance, row, **kwargs):
        """Relations are saved by ``after_save_instance``, from the parsed cells."""

    def after_import_row(self, row, row_result, **kwargs):
        number = kwargs.get("row_number")
        row_result.duplicates = self._warnings.pop(number, [])
        self._originals.pop(number, None)

    def filter_export(self, queryset, **kwargs):
        return self.schema.optimise(queryset)

    # Finding the entry a row is about

    def find_existing(self, row):
        model = self._meta.model
        slug = self.cell(row, "slug")
        if slug:
            return model.objects.filter(slug=slug).first()
        derived = self.derived_slug(row)
        return model.objects.filter(slug=derived).first() if derived else None

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

    def find_existing(self, row):
        slug = self.cell(row, "slug")
        if slug:
            return Actor.objects.filter(slug=slug).first()
        number = normalise_organisation_number(self.cell(row, "organisation_number"))
        if number:
            matches = list(Actor.objects.filter(organisation_number=number)[:2])
            if len(matches) == 1:
                return matches[0]
        return super().find_existing(row)

    def import_relations(self, instance, row, error) -> None:
        super().import_relations(instance, row, error)
        if "municipality_code" in row or "municipality_name" in row:
            try:
                instance.municipality = self.municipality(
                    self.cell(row, "municipality_code"), self.cell(row, "municipality_name")
                )
                self.changed_attributes.append("municipality_id")
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

    def save_relations(self, instance) -> None:
        super().save_relations(instance)
        if "participants" not in self.pending:
            return
        roles, wanted = self.pending["participants"]
        existing = {self._identity(p): p for p in instance.participations.all()}
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
