"""Factories for the registry's own rows.

Priority areas, roadmaps and municipalities are reference data from the data
migrations: factories pick existing rows and never create new ones.
"""

import datetime

import factory
from django.utils import timezone

from registry.models import Actor, Municipality, Participation, Project, SupportOffer
from registry.validators import with_check_digit
from spetsomraden.models import Milestone, Roadmap


def _today() -> datetime.date:
    return timezone.localdate()


class EntryFactory(factory.django.DjangoModelFactory):
    status = "published"

    @factory.post_generation
    def priority_areas(self, create, extracted, **kwargs):
        """``Factory(priority_areas=[area, …])`` sets the many-to-many after saving."""
        if create and extracted:
            self.priority_areas.set(extracted)

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status="draft")
        archived = factory.Trait(status="archived")


class ActorFactory(EntryFactory):
    slug = factory.Sequence(lambda n: f"actor-{n}")
    name_sv = factory.Sequence(lambda n: f"Innovationsmiljö {n}")
    name_en = ""
    description_sv = "En miljö där företag och forskare prövar nya idéer."
    kind = Actor.Kind.INCUBATOR
    helix_sector = Actor.HelixSector.ACADEMIA
    municipality = factory.Iterator(Municipality.objects.all())
    organisation_number = factory.Sequence(lambda n: with_check_digit(f"55{n % 10_000_000:07d}"))

    class Meta:
        model = Actor
        django_get_or_create = ("slug",)


class SupportOfferFactory(EntryFactory):
    slug = factory.Sequence(lambda n: f"offer-{n}")
    actor = factory.SubFactory(ActorFactory)
    name_sv = factory.Sequence(lambda n: f"Stöderbjudande {n}")
    kind = SupportOffer.Kind.ADVICE
    cost = SupportOffer.Cost.FREE
    stages = factory.LazyFunction(lambda: [SupportOffer.Stage.IDEA, SupportOffer.Stage.STARTUP])
    languages = factory.LazyFunction(
        lambda: [SupportOffer.Language.SWEDISH, SupportOffer.Language.ENGLISH]
    )
    application = SupportOffer.Application.ROLLING
    deadline = None

    class Meta:
        model = SupportOffer
        django_get_or_create = ("slug",)

    class Params:
        by_deadline = factory.Trait(
            application=SupportOffer.Application.DEADLINE,
            deadline=factory.LazyFunction(lambda: _today() + datetime.timedelta(days=30)),
        )


class ProjectFactory(EntryFactory):
    """An ongoing project by default: started half a year ago, ends in a year."""

    slug = factory.Sequence(lambda n: f"project-{n}")
    name_sv = factory.Sequence(lambda n: f"Samverkansprojekt {n}")
    acronym = factory.Sequence(lambda n: f"PRJ{n}")
    funding_programme = Project.FundingProgramme.VINNOVA
    start_date = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=180))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=545))
    currency = Project.Currency.SEK

    class Meta:
        model = Project
        django_get_or_create = ("slug",)


class ParticipationFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory)
    actor = factory.SubFactory(ActorFactory)
    organisation_name = ""
    role = Participation.Role.PARTNER

    class Meta:
        model = Participation

    class Params:
        lead = factory.Trait(role=Participation.Role.LEAD)
        outside_registry = factory.Trait(
            actor=None,
            organisation_name=factory.Sequence(lambda n: f"Partner Organisation {n}"),
            country="ES",
        )


class MilestoneFactory(factory.django.DjangoModelFactory):
    roadmap = factory.Iterator(Roadmap.objects.all())
    date = factory.LazyFunction(_today)
    title_sv = factory.Sequence(lambda n: f"Delmål {n}")

    class Meta:
        model = Milestone
