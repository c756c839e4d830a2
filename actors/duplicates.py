"""Finding registry entries that are probably the same organisation, offer or project.

Names are compared by a key computed in SQL (``portal_name_key``, migration 0008):
lower case, accents dropped but å, ä and ö kept, punctuation collapsed and legal
forms such as "AB" dropped. Websites are compared by domain without "www".
The indexes of migration 0008 serve every query here.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Func, Q, Value
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, Project, SupportOffer
from actors.validators import normalise_organisation_number


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
