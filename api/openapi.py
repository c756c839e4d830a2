"""The OpenAPI description of the API's query parameters and error answers.

The views declare these with drf-spectacular's ``extend_schema``; what the parameters
accept is checked by ``api.params``, and both follow the public lists' FilterSets.
"""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from api.serializers import ErrorSerializer
from registry.choices import (
    ActorKind,
    Cost,
    FundingProgramme,
    HelixSector,
    OfferKind,
    OfferLanguage,
    ProjectPhase,
    Stage,
)
from registry.filters import DEFAULT_PAGE_SIZE, PAGE_SIZES

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="A query parameter is not accepted."),
    404: OpenApiResponse(ErrorSerializer, description="No such entry, or a page past the end."),
}
LANG = OpenApiParameter(
    "lang",
    str,
    enum=["sv", "en"],
    description="The language of error messages and of the name sort; "
    "overrides Accept-Language. Data always carries both languages.",
)
PAGING = [
    OpenApiParameter("page", int, description="The page, from 1. Past the end is a 404."),
    OpenApiParameter(
        "per_page", int, enum=list(PAGE_SIZES), description=f"Default {DEFAULT_PAGE_SIZE}."
    ),
]


def _list_parameters(facets: dict, *, municipality: bool = True) -> list[OpenApiParameter]:
    """The query parameters of a registry list, as on its public page."""
    facet_parameters = [
        OpenApiParameter(
            name,
            {"type": "array", "items": {"type": "string", "enum": [c.value for c in choices]}}
            if choices
            else {"type": "array", "items": {"type": "string"}},
            explode=True,
            description=description,
        )
        for name, (choices, description) in facets.items()
    ]
    return [
        OpenApiParameter(
            "q",
            str,
            description='Free-text search, as on the site: words, "a phrase", -excluded, '
            "a or b. At most 200 characters.",
        ),
        *facet_parameters,
        OpenApiParameter(
            "area",
            {"type": "array", "items": {"type": "string"}},
            explode=True,
            description="Priority area slug (see /api/v1/priority-areas/); repeat for several.",
        ),
        OpenApiParameter(
            "archived",
            str,
            enum=["1", "0", "true", "false"],
            description="1 includes archived entries; drafts are never included.",
        ),
        OpenApiParameter(
            "sort",
            str,
            enum=["relevance", "name", "newest", "reviewed"],
            description="Default: relevance with q, name without. Ties are ordered by id.",
        ),
        *PAGING,
        LANG,
    ]


_MUNICIPALITY_FACET = (None, "Municipality code, e.g. 0180; repeat for several.")
ACTOR_PARAMETERS = _list_parameters(
    {
        "kind": (ActorKind, "Kind of actor; repeat for several (ORed)."),
        "municipality": _MUNICIPALITY_FACET,
        "helix": (HelixSector, "Helix sector; repeat for several."),
    }
)
OFFER_PARAMETERS = _list_parameters(
    {
        "kind": (OfferKind, "Kind of support; repeat for several (ORed)."),
        "stage": (Stage, "Company stage the offer is for; repeat for several."),
        "cost": (Cost, "Cost; repeat for several."),
        "open": (None, "yes: open for applications today."),
        "language": (OfferLanguage, "Language the offer is given in; repeat for several."),
        "municipality": (None, "Municipality code of the offering actor, e.g. 0180."),
    }
)
PROJECT_PARAMETERS = _list_parameters(
    {
        "programme": (FundingProgramme, "Funding programme; repeat for several."),
        "phase": (ProjectPhase, "planned, ongoing or completed today; repeat for several."),
    }
)
