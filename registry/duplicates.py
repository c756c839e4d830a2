"""Finding registry entries that are probably the same organisation, offer or project.

Names are compared by a key computed in SQL (``portal_name_key``, registry/triggers.py):
lower case, accents dropped but å, ä and ö kept, punctuation collapsed and legal
forms such as "AB" dropped. Websites are compared by domain without "www".
The duplicate-check indexes declared in ``Actor.Meta`` serve every query here.
"""

from dataclasses import dataclass

from django.db import connection, models
from django.db.models import Func, Q, Value
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from registry.models import Actor, Project, SupportOffer
from registry.validators import normalise_organisation_number


class NameKey(Func):
    function = "portal_name_key"
    output_field = models.TextField()


class WebsiteDomain(Func):
    function = "portal_website_domain"
    output_field = models.TextField()


@dataclass(frozen=True)
class Duplicate:
    entry: models.Model
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.entry} ({', '.join(self.reasons)})"


REASON_ORGANISATION_NUMBER = _("same organisation number")
REASON_WEBSITE = _("same website domain")
REASON_NAME = _("same name")
REASON_ACRONYM = _("same acronym")


def _text(value) -> str:
    return (value or "").strip()


def _collect(found: dict, queryset, reason) -> None:
    for entry in queryset:
        entry_reasons = found.setdefault(entry.pk, (entry, []))[1]
        entry_reasons.append(str(reason))


def _result(found: dict) -> list[Duplicate]:
    return [
        Duplicate(entry=entry, reasons=tuple(reasons))
        for entry, reasons in sorted(found.values(), key=lambda pair: pair[0].name_sv)
    ]


def _name_matches(name: str) -> Q:
    key = NameKey(Value(name))
    return Q(name_key_sv=key) | Q(name_key_en=key, name_en__gt="")


def _with_same_name(queryset, name: str):
    """The entries of ``queryset`` whose Swedish or English name normalises like ``name``."""
    return (
        queryset.annotate(name_key_sv=NameKey("name_sv"), name_key_en=NameKey("name_en"))
        .filter(_name_matches(_text(name)))
        .exclude(name_key_sv="")
    )


def actor_duplicates(
    *, name: str, organisation_number: str = "", website: str = "", exclude_pk=None
) -> list[Duplicate]:
    """Actors with the same organisation number, website domain or normalised name."""
    actors = Actor.objects.exclude(pk=exclude_pk) if exclude_pk else Actor.objects.all()
    actors = actors.only("pk", "slug", "name_sv", "status")
    found: dict = {}

    number = normalise_organisation_number(organisation_number)
    if number:
        _collect(
            found,
            actors.filter(organisation_number=number, organisation_number__gt=""),
            REASON_ORGANISATION_NUMBER,
        )
    if _text(website):
        _collect(
            found,
            actors.annotate(domain=WebsiteDomain("website"))
            .filter(website__gt="", domain=WebsiteDomain(Value(_text(website))))
            .exclude(domain=""),
            REASON_WEBSITE,
        )
    if _text(name):
        _collect(
            found,
            _with_same_name(actors, name),
            REASON_NAME,
        )
    return _result(found)


def offer_duplicates(*, name: str, actor_id, exclude_pk=None) -> list[Duplicate]:
    """Offers of the same actor with the same normalised name."""
    if not actor_id or not _text(name):
        return []
    offers = SupportOffer.objects.filter(actor_id=actor_id).only("pk", "slug", "name_sv", "status")
    if exclude_pk:
        offers = offers.exclude(pk=exclude_pk)
    found: dict = {}
    _collect(
        found,
        _with_same_name(offers, name),
        REASON_NAME,
    )
    return _result(found)


def project_duplicates(
    *, name: str, acronym: str = "", website: str = "", exclude_pk=None
) -> list[Duplicate]:
    """Projects with the same normalised name, acronym or website domain."""
    projects = Project.objects.only("pk", "slug", "name_sv", "acronym", "status")
    if exclude_pk:
        projects = projects.exclude(pk=exclude_pk)
    found: dict = {}
    if _text(name):
        _collect(
            found,
            _with_same_name(projects, name),
            REASON_NAME,
        )
    if _text(acronym):
        _collect(found, projects.filter(acronym__iexact=_text(acronym)), REASON_ACRONYM)
    if _text(website):
        _collect(
            found,
            projects.annotate(domain=WebsiteDomain("website"))
            .filter(website__gt="", domain=WebsiteDomain(Value(_text(website))))
            .exclude(domain=""),
            REASON_WEBSITE,
        )
    return _result(found)


def entry_duplicates(entry, *, exclude_self: bool = True) -> list[Duplicate]:
    """The duplicates of a saved or unsaved actor, offer or project."""
    exclude_pk = entry.pk if exclude_self else None
    if isinstance(entry, Actor):
        return actor_duplicates(
            name=entry.name_sv,
            organisation_number=entry.organisation_number,
            website=entry.website,
            exclude_pk=exclude_pk,
        )
    if isinstance(entry, SupportOffer):
        return offer_duplicates(name=entry.name_sv, actor_id=entry.actor_id, exclude_pk=exclude_pk)
    if isinstance(entry, Project):
        return project_duplicates(
            name=entry.name_sv,
            acronym=entry.acronym,
            website=entry.website,
            exclude_pk=exclude_pk,
        )
    return []


# The same checks for many saved entries at once (an import's rows): a few queries in all
# instead of up to three per entry. ``tests/registry/test_duplicates.py`` holds them equal
# to the checks above, entry by entry.


def _sql_values(function: str, texts: list[str]) -> dict[str, str]:
    """``function`` (a SQL function of one text) of each text, computed by the database."""
    if not texts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT text, {function}(text) FROM unnest(%s::text[]) AS given(text)",  # noqa: S608 - a constant of this module
            [texts],
        )
        return dict(cursor.fetchall())


def _add(found: dict, pk, entry, reason) -> None:
    if entry.pk != pk:
        reasons = found.setdefault(pk, {}).setdefault(entry.pk, (entry, []))[1]
        reasons.append(str(reason))


def _name_candidates(queryset, keys: set[str]):
    """Entries of ``queryset`` whose Swedish name, or English name if any, has one of ``keys``.

    Each key is looked up in the name-key indexes (``Actor.Meta``), one key at a time
    (``OFFSET 0`` keeps each lookup its own). Asked for all at once (``IN`` or a join),
    the planner reckons a few thousand keys match most of the table and reads all of it,
    computing every name's key: seconds instead of milliseconds.
    """
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT DISTINCT found.id FROM unnest(%s::text[]) AS given(key)
            CROSS JOIN LATERAL (
                SELECT entry.id FROM {table} entry
                WHERE portal_name_key(entry.name_sv) = given.key
                UNION ALL
                SELECT entry.id FROM {table} entry
                WHERE portal_name_key(entry.name_en) = given.key AND entry.name_en <> ''
                OFFSET 0
            ) AS found
            """,  # noqa: S608 - the table name comes from the model
            [sorted(keys)],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return (
        queryset.filter(pk__in=ids)
        .annotate(name_key_sv=NameKey("name_sv"), name_key_en=NameKey("name_en"))
        .exclude(name_key_sv="")
    )


def _name_keys(candidate) -> set[str]:
    return {candidate.name_key_sv} | ({candidate.name_key_en} if candidate.name_en else set())


def _domains(queryset, domains: set[str]):
    return (
        queryset.annotate(domain=WebsiteDomain("website"))
        .filter(website__gt="", domain__in=domains)
        .exclude(domain="")
    )


def _match(found: dict, keys: dict, candidates, candidate_keys, reason) -> None:
    """Add each candidate to the entries that share one of its keys.

    ``keys``: an entry's pk to its key; ``candidates``: the registry's entries for a set of
    keys (not called when there are none); ``candidate_keys``: the keys of a candidate.
    """
    by_key: dict = {}
    for pk, key in keys.items():
        by_key.setdefault(key, []).append(pk)
    if not by_key:
        return
    for candidate in candidates(set(by_key)):
        for key in candidate_keys(candidate):
            for pk in by_key.get(key, ()):
                _add(found, pk, candidate, reason)


def _same_websites(found: dict, queryset, entries) -> None:
    websites = {entry.pk: _text(entry.website) for entry in entries if _text(entry.website)}
    domains = _sql_values("portal_website_domain", sorted(set(websites.values())))
    _match(
        found,
        {pk: domains[website] for pk, website in websites.items()},
        lambda wanted: _domains(queryset, wanted),
        lambda candidate: [candidate.domain],
        REASON_WEBSITE,
    )


def _same_names(found: dict, queryset, names: dict, scope=lambda pk: None, scope_of=None) -> None:
    """Add the entries of ``queryset`` named like ``names`` (pk: Swedish name), within a scope."""
    names = {pk: _text(name) for pk, name in names.items() if _text(name)}
    keys = _sql_values("portal_name_key", sorted(set(names.values())))
    _match(
        found,
        {pk: (scope(pk), keys[name]) for pk, name in names.items()},
        lambda wanted: _name_candidates(queryset, {key for _scope, key in wanted}),
        lambda candidate: [
            (scope_of(candidate) if scope_of else None, key) for key in _name_keys(candidate)
        ],
        REASON_NAME,
    )


def _actors_duplicates(entries) -> dict:
    found: dict = {}
    actors = Actor.objects.only("pk", "slug", "name_sv", "name_en", "status", "organisation_number")
    numbers = {
        entry.pk: normalise_organisation_number(entry.organisation_number) for entry in entries
    }
    _match(
        found,
        {pk: number for pk, number in numbers.items() if number},
        lambda wanted: actors.filter(organisation_number__in=wanted, organisation_number__gt=""),
        lambda candidate: [candidate.organisation_number],
        REASON_ORGANISATION_NUMBER,
    )
    _same_websites(found, actors, entries)
    _same_names(found, actors, {entry.pk: entry.name_sv for entry in entries})
    return found


def _offers_duplicates(entries) -> dict:
    found: dict = {}
    actor_ids = {entry.pk: entry.actor_id for entry in entries if entry.actor_id}
    offers = SupportOffer.objects.filter(actor_id__in=set(actor_ids.values())).only(
        "pk", "slug", "name_sv", "name_en", "status", "actor_id"
    )
    _same_names(
        found,
        offers,
        {entry.pk: entry.name_sv for entry in entries if entry.pk in actor_ids},
        scope=actor_ids.get,
        scope_of=lambda offer: offer.actor_id,
    )
    return found


def _projects_duplicates(entries) -> dict:
    found: dict = {}
    projects = Project.objects.only("pk", "slug", "name_sv", "name_en", "acronym", "status")
    _same_names(found, projects, {entry.pk: entry.name_sv for entry in entries})
    acronyms = {entry.pk: _text(entry.acronym) for entry in entries if _text(entry.acronym)}
    upper = _sql_values("upper", sorted(set(acronyms.values())))
    _match(
        found,
        {pk: upper[acronym] for pk, acronym in acronyms.items()},
        lambda wanted: projects.annotate(acronym_upper=Upper("acronym")).filter(
            acronym_upper__in=wanted
        ),
        lambda candidate: [candidate.acronym_upper],
        REASON_ACRONYM,
    )
    _same_websites(found, projects, entries)
    return found


_CHECKED_FIELDS = {
    Actor: ("organisation_number", "website", "name_sv"),
    SupportOffer: ("actor_id", "name_sv"),
    Project: ("name_sv", "acronym", "website"),
}


def duplicates_of_each(model, pks) -> dict:
    """``entry_duplicates`` of each of the saved entries ``pks``, by pk, in a few queries."""
    collect = {
        Actor: _actors_duplicates,
        SupportOffer: _offers_duplicates,
        Project: _projects_duplicates,
    }.get(model)
    if collect is None or not pks:
        return {}
    entries = list(model.objects.filter(pk__in=list(pks)).only(*_CHECKED_FIELDS[model]))
    return {pk: _result(by_entry) for pk, by_entry in collect(entries).items()}
