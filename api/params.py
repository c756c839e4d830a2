"""The API's query parameters, checked strictly.

The public pages forgive: an unknown facet value or a page past the end gives a
normal page. A program is better served by an error that names the parameter, so
the API answers 400 for any parameter or value it does not know, and 404 for a page
past the end of the result. Valid parameters mean exactly what they mean on the
public lists: they go through the same FilterSets and selectors.
"""

import re

from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _

from api.exceptions import BadParameter
from innovation_portal.lib.i18n import CONTENT_LANGUAGES
from registry.filters import DEFAULT_PAGE_SIZE, PAGE_SIZES, FacetFilter, RegistryFilterSet
from registry.search import MAX_QUERY_LENGTH

# Accepted by every endpoint: the language of messages (and of name sorting), and
# DRF's format override, which has one value.
GENERAL_PARAMETERS = ("lang", "format")
PAGING_PARAMETERS = ("page", "per_page")
LIST_PARAMETERS = ("q", "archived", "sort", *PAGING_PARAMETERS)
ARCHIVED_VALUES = {"1": True, "true": True, "0": False, "false": False}
_NUMBER = re.compile(r"[0-9]+")


def _quoted(values) -> str:
    return ", ".join(f"“{value}”" for value in values)


def single(data: QueryDict, name: str) -> str | None:
    values = data.getlist(name)
    if len(values) > 1:
        raise BadParameter(
            _("Give the parameter “%(name)s” only once.") % {"name": name}, parameter=name
        )
    return values[0] if values else None


def activate_language(request) -> None:
    """The language of messages and of the name sort: ``lang=sv|en``, else ``Accept-Language``.

    The site takes its language from the address (``/en/…``); the API's addresses have
    none, so the client's header decides, as the locale middleware does not do here.
    """
    language = single(request.GET, "lang")
    if language is None:
        translation.activate(translation.get_language_from_request(request))
        return
    if language not in CONTENT_LANGUAGES:
        raise BadParameter(
            _("The parameter “lang” must be one of %(values)s; got “%(value)s”.")
            % {"values": _quoted(CONTENT_LANGUAGES), "value": language},
            parameter="lang",
        )
    translation.activate(language)


def check_names(data: QueryDict, accepted) -> None:
    accepted = [*accepted, *GENERAL_PARAMETERS]
    for name in data:
        if name not in accepted:
            raise BadParameter(
                _("Unknown query parameter “%(name)s”. Accepted parameters: %(accepted)s.")
                % {"name": name, "accepted": _quoted(accepted)},
                parameter=name,
            )
    check_format(data)


def check_format(data: QueryDict) -> None:
    """DRF's ``?format=`` override: the API speaks JSON only."""
    fmt = single(data, "format")
    if fmt is not None and fmt != "json":
        raise BadParameter(
            _("The parameter “format” must be “json”; got “%(value)s”.") % {"value": fmt},
            parameter="format",
        )


def page_number(data: QueryDict) -> int:
    value = single(data, "page")
    if value is None:
        return 1
    if not _NUMBER.fullmatch(value) or int(value.lstrip("0") or "0") < 1:
        raise BadParameter(
            _("The parameter “page” must be a whole number from 1 up; got “%(value)s”.")
            % {"value": value},
            parameter="page",
        )
    # Beyond any real result: found to be past the end, not converted digit by digit.
    return int(value) if len(value) <= 9 else 10**9


def page_size(data: QueryDict) -> int:
    value = single(data, "per_page")
    if value is None:
        return DEFAULT_PAGE_SIZE
    if value not in {str(size) for size in PAGE_SIZES}:
        raise BadParameter(
            _("The parameter “per_page” must be one of %(values)s; got “%(value)s”.")
            % {"values": _quoted(PAGE_SIZES), "value": value},
            parameter="per_page",
        )
    return int(value)


def paging(data: QueryDict) -> tuple[int, int]:
    """The page number and page size of a reference list, which has no other parameters."""
    check_names(data, PAGING_PARAMETERS)
    return page_number(data), page_size(data)


def facet_names(filterset_class: type[RegistryFilterSet]) -> list[str]:
    return [
        name
        for name, filter_ in filterset_class.base_filters.items()
        if isinstance(filter_, FacetFilter)
    ]


def registry_filterset(data: QueryDict, filterset_class: type[RegistryFilterSet]):
    """The list's FilterSet for valid ``data``, with the page number asked for; else 400."""
    facets = facet_names(filterset_class)
    check_names(data, [*LIST_PARAMETERS, *facets])

    query = single(data, "q")
    if query is not None and len(query) > MAX_QUERY_LENGTH:
        raise BadParameter(
            _("The parameter “q” may be at most %(limit)s characters long.")
            % {"limit": MAX_QUERY_LENGTH},
            parameter="q",
        )
    archived = single(data, "archived")
    if archived is not None and archived.lower() not in ARCHIVED_VALUES:
        raise BadParameter(
            _("The parameter “archived” must be one of %(values)s; got “%(value)s”.")
            % {"values": _quoted(ARCHIVED_VALUES), "value": archived},
            parameter="archived",
        )
    sort = single(data, "sort")
    if sort is not None and sort not in filterset_class.SORTS:
        raise BadParameter(
            _("The parameter “sort” must be one of %(values)s; got “%(value)s”.")
            % {"values": _quoted(filterset_class.SORTS), "value": sort},
            parameter="sort",
        )
    number = page_number(data)
    page_size(data)

    if archived is not None:
        # The FilterSet reads "1", "true" and "on"; the API also takes "TRUE" and the like.
        data = data.copy()
        data["archived"] = "true" if ARCHIVED_VALUES[archived.lower()] else "false"
    filterset = filterset_class(data)
    for name in facets:
        options = [str(value) for value, _label in filterset.filters[name].extra["choices"]]
        for value in data.getlist(name):
            if value not in options:
                raise BadParameter(
                    _("Unknown value “%(value)s” for “%(name)s”. Accepted values: %(values)s.")
                    % {"value": value, "name": name, "values": _quoted(options)},
                    parameter=name,
                )
    return filterset, number
