"""The resources of actors, offers and projects: each kind's own columns and relations
(an actor's municipality and organisation number, an offer's actor, a project's partners)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry.choices import ParticipationRole
from registry.models import Actor, Participation, Project, SupportOffer
from registry.spreadsheets import columns
from registry.spreadsheets.cells import related
from registry.spreadsheets.columns import PARTICIPANT_COLUMNS
from registry.spreadsheets.imports.cells import SLUG_RE, cell, cell_text, split_values
from registry.spreadsheets.imports.match import ActorIndex, prefetched
from registry.spreadsheets.imports.resource import RegistryResource, with_schema_fields
from registry.validators import normalise_organisation_number

_OUTSIDE_RE = re.compile(r"^(?P<name>.+?)\s*\((?P<country>[A-Za-z]{2})\)$")


@with_schema_fields
class ActorResource(RegistryResource):
    schema = columns.ACTORS

    class Meta(RegistryResource.Meta):
        model = Actor
        fields = columns.ACTORS.headers
        name = _("Actors")

    index_class = ActorIndex
    relation_columns = {"municipality_code": "municipality", "municipality_name": "municipality"}

    def row_keys(self, row) -> set[tuple[str, str]]:
        keys = super().row_keys(row)
        number = normalise_organisation_number(cell(row, "organisation_number"))
        return keys | {("organisation_number", number)} if number else keys

    def entry_keys(self, entry) -> set[tuple[str, str]]:
        keys = super().entry_keys(entry)
        if entry is not None and entry.organisation_number:
            keys.add(("organisation_number", entry.organisation_number))
        return keys

    def find_existing(self, row):
        slug = cell(row, "slug")
        if slug:
            return self.entry_by_slug(slug)
        number = normalise_organisation_number(cell(row, "organisation_number"))
        if number:
            index = self.run.index
            if index.number_was_read(number):
                slugs = index.slugs_with_number(number)
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
        return slugs, numbers

    def import_relations(self, instance, row, error) -> None:
        super().import_relations(instance, row, error)
        if "municipality_code" in row or "municipality_name" in row:
            try:
                instance.municipality = self.run.lookups.municipality(
                    cell(row, "municipality_code"), cell(row, "municipality_name")
                )
                self.row.changed.append("municipality_id")
                self.row.resolved.add("municipality")
            except ValidationError as problem:
                for column, messages in problem.message_dict.items():
                    for message in messages:
                        error(column, message)


@with_schema_fields
class SupportOfferResource(RegistryResource):
    schema = columns.OFFERS

    class Meta(RegistryResource.Meta):
        model = SupportOffer
        fields = columns.OFFERS.headers
        name = _("Support offers")

    relation_columns = {"actor": "actor"}

    def import_relations(self, instance, row, error) -> None:
        super().import_relations(instance, row, error)
        if "actor" in row:
            slug = cell(row, "actor")
            actor = self.run.lookups.actor(slug) if slug else None
            if actor is None:
                error(
                    "actor",
                    gettext("No actor has the slug “%(value)s”.") % {"value": slug}
                    if slug
                    else gettext("Give the slug of the actor that offers the support."),
                )
            else:
                instance.actor = actor
                self.row.changed.append("actor_id")
                self.row.resolved.add("actor")


@with_schema_fields
class ProjectResource(RegistryResource):
    schema = columns.PROJECTS

    class Meta(RegistryResource.Meta):
        model = Project
        fields = columns.PROJECTS.headers
        name = _("Projects")

    def import_relations(self, instance, row, error) -> None:
        super().import_relations(instance, row, error)
        present = [column for column in PARTICIPANT_COLUMNS if column in row]
        if not present:
            return
        wanted = {}  # identity -> (actor, organisation_name, country, role)
        for column in present:
            role = PARTICIPANT_COLUMNS[column]
            items = split_values(cell(row, column))
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
        self.row.pending["participants"] = ({PARTICIPANT_COLUMNS[c] for c in present}, wanted)

    def parse_participant(self, item: str):
        """(identity, actor, organisation_name, country), or an error message."""
        if SLUG_RE.match(item) and item == item.lower():
            actor = self.run.lookups.actor(item)
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
        if "participants" in self.row.pending:
            roles, wanted = self.row.pending["participants"]
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
                for participation in related(save.instance, "participations")
                if participation.role not in roles
            ]
            added = [
                Participation(actor=actor, organisation_name=name, country=country, role=role)
                for actor, name, country, role in wanted.values()
            ]
            prefetched(save.instance, "participations", kept + added)

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
