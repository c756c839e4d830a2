"""The API's resources. The OpenAPI schema is generated from these same classes.

Conventions (``api.fields``): texts in both languages as ``{"sv", "en"}``; choices as
``{"code", "label"}``; every resource has ``url`` (its API address) and ``public_url``
(its page on the site, in both languages); related entries are links with their URL,
slug, name and status. Only public entries are ever linked: drafts never appear.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import (
    ApiUrlField,
    BilingualField,
    BilingualTextSerializer,
    ChoiceField,
    ChoiceListField,
    FilteredListUrlField,
    FilteredPageUrlField,
    OptionalCharField,
    OptionalUrlField,
    PublicUrlField,
)
from registry.choices import (
    PUBLIC_STATUSES,
    ActorKind,
    Application,
    Cost,
    Currency,
    FundingProgramme,
    HelixSector,
    OfferKind,
    OfferLanguage,
    ParticipationRole,
    ProjectPhase,
    Stage,
    Status,
)
from spetsomraden.models import Milestone, Roadmap


class OrderedSerializer(serializers.Serializer):
    """Fields in the order of ``first_fields``, then the rest as declared.

    DRF puts a base class's fields before a subclass's; this puts the ones a reader looks
    for first (the address, the identity) at the top whatever class declared them.
    """

    first_fields: tuple[str, ...] = ("url", "public_url", "slug", "status", "name", "description")

    def get_fields(self):
        fields = super().get_fields()
        return {**{name: fields[name] for name in self.first_fields if name in fields}, **fields}


# Links between resources


class PriorityAreaLinkSerializer(serializers.Serializer):
    url = ApiUrlField("api:priority-area-detail")
    slug = serializers.CharField()
    number = serializers.IntegerField()
    name = BilingualField()
    short_name = BilingualField()


class MunicipalityLinkSerializer(serializers.Serializer):
    url = ApiUrlField("api:municipality-detail", lookup="code")
    code = serializers.CharField()
    name = serializers.CharField()


class EntryLinkSerializer(OrderedSerializer):
    """What a link to an actor, offer or project carries."""

    slug = serializers.CharField()
    name = BilingualField()
    status = serializers.ChoiceField(
        choices=PUBLIC_STATUSES,
        help_text="Linked entries may be archived; drafts are never linked.",
    )


class ActorLinkSerializer(EntryLinkSerializer):
    url = ApiUrlField("api:actor-detail")


class OfferLinkSerializer(EntryLinkSerializer):
    url = ApiUrlField("api:offer-detail")


class ActorProjectSerializer(serializers.Serializer):
    """A project the actor takes part in, with the actor's role in it."""

    url = ApiUrlField("api:project-detail", source="project")
    slug = serializers.CharField(source="project.slug")
    name = BilingualField("name", source="project")
    acronym = OptionalCharField(source="project.acronym")
    status = serializers.ChoiceField(choices=PUBLIC_STATUSES, source="project.status")
    role = ChoiceField(ParticipationRole)


class ParticipantSerializer(serializers.Serializer):
    """An organisation in a project: an actor of the registry, or one from outside it."""

    role = ChoiceField(ParticipationRole)
    actor = ActorLinkSerializer(allow_null=True, help_text="null for an organisation outside.")
    organisation_name = OptionalCharField(
        help_text="The name of an organisation outside the registry; null for an actor."
    )
    country = OptionalCharField(help_text="ISO 3166 country code of an outside organisation.")


# The resources


class EntrySerializer(OrderedSerializer):
    """The fields every actor, offer and project has."""

    slug = serializers.CharField()
    status = ChoiceField(Status)
    name = BilingualField()
    description = BilingualField()
    priority_areas = PriorityAreaLinkSerializer(source="areas", many=True)
    last_reviewed_on = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ActorSerializer(EntrySerializer):
    url = ApiUrlField("api:actor-detail")
    public_url = PublicUrlField("registry:actor_detail")
    kind = ChoiceField(ActorKind)
    helix_sector = ChoiceField(HelixSector)
    municipality = MunicipalityLinkSerializer()
    street_address = OptionalCharField()
    postal_code = OptionalCharField()
    postal_town = OptionalCharField()
    latitude = serializers.DecimalField(
        max_digits=8, decimal_places=6, coerce_to_string=False, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=8, decimal_places=6, coerce_to_string=False, allow_null=True
    )
    website = OptionalUrlField()
    email = OptionalCharField()
    phone = OptionalCharField()
    organisation_number = OptionalCharField(help_text="Ten digits, without the hyphen.")
    logo_url = serializers.SerializerMethodField()
    offers = OfferLinkSerializer(many=True, source="offers.all")
    projects = ActorProjectSerializer(many=True, source="participations.all")

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_logo_url(self, actor):
        return self.context["links"].absolute(actor.logo.url) if actor.logo else None


class OfferSerializer(EntrySerializer):
    url = ApiUrlField("api:offer-detail")
    public_url = PublicUrlField("registry:offer_detail")
    actor = ActorLinkSerializer()
    municipality = MunicipalityLinkSerializer(
        source="actor.municipality", help_text="Where the offering actor is."
    )
    kind = ChoiceField(OfferKind)
    stages = ChoiceListField(Stage, help_text="The company stages the offer is for.")
    cost = ChoiceField(Cost)
    languages = ChoiceListField(OfferLanguage)
    application = ChoiceField(Application)
    deadline = serializers.DateField(allow_null=True)
    open_for_applications = serializers.BooleanField(source="is_open_for_applications")
    link = OptionalUrlField()


class ProjectSerializer(EntrySerializer):
    url = ApiUrlField("api:project-detail")
    public_url = PublicUrlField("registry:project_detail")
    acronym = OptionalCharField()
    funding_programme = ChoiceField(FundingProgramme)
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    phase = ChoiceField(ProjectPhase, help_text="Planned, ongoing or completed today.")
    budget = serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    currency = ChoiceField(Currency)
    website = OptionalUrlField()
    lead = serializers.SerializerMethodField()
    partners = serializers.SerializerMethodField()

    @extend_schema_field(ParticipantSerializer(allow_null=True))
    def get_lead(self, project):
        lead = next(
            (p for p in project.participations.all() if p.role == ParticipationRole.LEAD), None
        )
        return ParticipantSerializer(lead, context=self.context).data if lead else None

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_partners(self, project):
        others = [p for p in project.participations.all() if p.role != ParticipationRole.LEAD]
        return ParticipantSerializer(others, many=True, context=self.context).data


# Reference data


class MilestoneSerializer(serializers.Serializer):
    date = serializers.DateField()
    date_precision = ChoiceField(Milestone.Precision)
    title = BilingualField()
    description = BilingualField()
    reached = serializers.BooleanField(source="is_reached")


class RoadmapSerializer(serializers.Serializer):
    status = ChoiceField(Roadmap.Status)
    summary = BilingualField()
    work_started_year = serializers.IntegerField(allow_null=True)
    updated_at = serializers.DateTimeField()
    milestones = MilestoneSerializer(many=True, source="milestones.all")


class AreaCountsSerializer(serializers.Serializer):
    actors = serializers.IntegerField(source="actor_count")
    support_offers = serializers.IntegerField(source="offer_count")
    projects = serializers.IntegerField(source="project_count")


class PriorityAreaSerializer(serializers.Serializer):
    url = ApiUrlField("api:priority-area-detail")
    public_url = PublicUrlField("registry:area_detail")
    slug = serializers.CharField()
    number = serializers.IntegerField()
    name = BilingualField()
    short_name = BilingualField()
    description = BilingualField()
    counts = AreaCountsSerializer(source="*", help_text="Published entries in the area.")
    actors_url = FilteredListUrlField("api:actor-list", "area", "slug")
    support_offers_url = FilteredListUrlField("api:offer-list", "area", "slug")
    projects_url = FilteredListUrlField("api:project-list", "area", "slug")
    roadmap = RoadmapSerializer(allow_null=True)


class MunicipalitySerializer(serializers.Serializer):
    url = ApiUrlField("api:municipality-detail", lookup="code")
    public_url = FilteredPageUrlField(
        "registry:actor_list",
        "municipality",
        "code",
        help_text="The public list of the municipality's actors.",
    )
    code = serializers.CharField(help_text="The official four-digit municipality code.")
    name = serializers.CharField()
    actor_count = serializers.IntegerField(help_text="Published actors in the municipality.")
    actors_url = FilteredListUrlField("api:actor-list", "municipality", "code")
    support_offers_url = FilteredListUrlField("api:offer-list", "municipality", "code")


# Lists


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="The value to pass in the facet's parameter.")
    label = BilingualTextSerializer()
    count = serializers.IntegerField(
        help_text="Matches with this option, under the other active filters."
    )
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    label = BilingualTextSerializer()
    options = FacetOptionSerializer(many=True)


class PageSerializer(OrderedSerializer):
    first_fields = ("count", "page", "pages", "per_page", "next", "previous", "results")

    count = serializers.IntegerField(help_text="Entries in the whole result.")
    page = serializers.IntegerField()
    pages = serializers.IntegerField(help_text="Pages in the whole result (at least 1).")
    per_page = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    facets = serializers.DictField(
        child=FacetSerializer(),
        help_text="Per filter parameter, its options with their counts; empty for reference lists.",
    )


def page_serializer(result_serializer: type[serializers.Serializer], name: str):
    """The list envelope of one resource: paging, facets and ``results``."""
    return type(
        name,
        (PageSerializer,),
        {"__module__": __name__, "results": result_serializer(many=True)},
    )


ActorPageSerializer = page_serializer(ActorSerializer, "ActorPageSerializer")
OfferPageSerializer = page_serializer(OfferSerializer, "OfferPageSerializer")
ProjectPageSerializer = page_serializer(ProjectSerializer, "ProjectPageSerializer")
PriorityAreaPageSerializer = page_serializer(PriorityAreaSerializer, "PriorityAreaPageSerializer")
MunicipalityPageSerializer = page_serializer(MunicipalitySerializer, "MunicipalityPageSerializer")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the language asked for.")
    parameter = serializers.CharField(
        required=False, help_text="The query parameter at fault, for a 400."
    )


class RootSerializer(serializers.Serializer):
    actors = serializers.URLField()
    support_offers = serializers.URLField()
    projects = serializers.URLField()
    priority_areas = serializers.URLField()
    municipalities = serializers.URLField()
    schema = serializers.URLField(help_text="This API's OpenAPI 3 description.")
    catalog = serializers.URLField(help_text="The DCAT-AP-SE catalogue of the datasets.")
