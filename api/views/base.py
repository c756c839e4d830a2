"""What every view of the API shares: the methods it answers, the language, paging
and facets, and the list and detail views the registry's endpoints are made of.
"""

import re

from django.http import Http404
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import ngettext
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from api import params
from api.exceptions import PageNotFound
from api.fields import Links, bilingual, translated

# What a slug or a municipality code can be; anything else is not looked up at all
# (PostgreSQL refuses some characters, such as NUL, in a query).
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")
MUNICIPALITY_CODE = re.compile(r"[0-9]{4}")


class ReadOnlyView(APIView):
    """GET, HEAD and OPTIONS; every other method is a 405 from DRF, as JSON."""

    def initial(self, request, *args, **kwargs):
        # Before DRF's content negotiation, so a bad ?format= is a 400 that names it.
        params.activate_language(request)
        request.LANGUAGE_CODE = translation.get_language()
        params.check_format(request.query_params)
        super().initial(request, *args, **kwargs)

    def context(self) -> dict:
        return {"request": self.request, "links": Links(self.request)}


def _page_links(request, page) -> tuple[str | None, str | None]:
    address = request.build_absolute_uri()
    following = replace_query_param(address, "page", page.number + 1) if page.has_next() else None
    previous = None
    if page.has_previous():
        previous = (
            remove_query_param(address, "page")
            if page.number == 2
            else replace_query_param(address, "page", page.number - 1)
        )
    return following, previous


def check_page(requested: int, page) -> None:
    pages = page.paginator.num_pages
    if requested > pages:
        raise PageNotFound(
            ngettext(
                "Page %(page)s does not exist: the result has %(pages)s page.",
                "Page %(page)s does not exist: the result has %(pages)s pages.",
                pages,
            )
            % {"page": requested, "pages": pages}
        )


def envelope(request, page, *, results, facets) -> dict:
    following, previous = _page_links(request, page)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "per_page": page.paginator.per_page,
        "next": following,
        "previous": previous,
        "results": results,
        "facets": facets,
    }


def _facets(listing) -> dict:
    """The listing's facets with their labels in both languages."""
    filterset = listing.filterset
    area_labels = {
        area.slug: bilingual(lambda language, area=area: getattr(area, f"short_name_{language}"))
        for area in filterset.areas
    }
    facets = {}
    for facet in listing.facets:
        filter_ = filterset.filters[facet.name]
        labels = {str(value): label for value, label in filter_.extra["choices"]}

        def label(value, labels=labels, name=facet.name):
            if name == "area":
                return area_labels[value]
            text = labels[value]
            return translated(text) if isinstance(text, Promise) else bilingual(lambda _l: text)

        facets[facet.name] = {
            "label": translated(filter_.label),
            "options": [
                {
                    "value": option.value,
                    "label": label(option.value),
                    "count": option.count,
                    "selected": option.selected,
                }
                for option in facet.options
            ],
        }
    return facets


class EntryListView(ReadOnlyView):
    """A registry list: the public list's search, facets, sort and paging, as JSON."""

    filterset_class = None
    page_serializer_class = None

    def list_selector(self, filterset):
        raise NotImplementedError

    def with_links(self, entries):
        return entries

    def get(self, request):
        filterset, requested = params.registry_filterset(request.query_params, self.filterset_class)
        listing = self.list_selector(filterset)
        check_page(requested, listing.page)
        entries = self.with_links(list(listing.entries))
        data = envelope(request, listing.page, results=entries, facets=_facets(listing))
        return Response(self.page_serializer_class(data, context=self.context()).data)


class EntryDetailView(ReadOnlyView):
    serializer_class = None

    def detail_selector(self, slug):
        raise NotImplementedError

    def not_found_message(self, slug) -> str:
        raise NotImplementedError

    def get(self, request, slug):
        params.check_names(request.query_params, ())
        try:
            if not SLUG.fullmatch(slug):
                raise Http404
            entry = self.detail_selector(slug)
        except Http404:
            raise NotFound(self.not_found_message(slug)) from None
        return Response(self.serializer_class(entry, context=self.context()).data)
