"""What the tests of the three public lists share: the lists, their parameters, and
reading titles, listings and facet counts."""

import datetime
import html
import re

from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from registry import selectors

DAY = datetime.timedelta(days=1)
AREA_1 = "life-science-vard-och-halsa"
AREA_2 = "ikt-tech-och-digitalisering"
AREA_3 = "industriell-omstallning-hallbar-produktion"
STOCKHOLM = "0180"
SOLNA = "0184"

LISTS = {
    "actors": (selectors.actor_list, "registry:actor_list"),
    "offers": (selectors.offer_list, "registry:offer_list"),
    "projects": (selectors.project_list, "registry:project_list"),
}
PARAMETERS = {
    "actors": [
        "q",
        "kind",
        "area",
        "municipality",
        "helix",
        "archived",
        "sort",
        "page",
        "per_page",
    ],
    "offers": [
        "q",
        "kind",
        "area",
        "stage",
        "cost",
        "open",
        "language",
        "municipality",
        "archived",
        "sort",
        "page",
        "per_page",
    ],
    "projects": ["q", "programme", "area", "phase", "archived", "sort", "page", "per_page"],
}
MARKER = "<script>x</script>"

_RESULT_RE = re.compile(r'<h3 class="result__title">\s*<a href="[^"]*"[^>]*>([^<]*)</a>')


def url(name: str, language: str = "sv", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def result_titles(response) -> list[str]:
    assert response.status_code == 200
    return [html.unescape(t).strip() for t in _RESULT_RE.findall(response.content.decode())]


def titles(client, list_name: str, query: str = "", language: str = "sv") -> list[str]:
    path = url(LISTS[list_name][1], language)
    return result_titles(client.get(f"{path}?{query}" if query else path))


def listing(list_name: str, query: str = "", language: str = "sv"):
    with translation.override(language):
        return LISTS[list_name][0](data=QueryDict(query))


def facet(listing_, name: str) -> dict[str, int]:
    """``{value: count}`` of one facet of a Listing."""
    (found,) = [f for f in listing_.facets if f.name == name]
    return {option.value: option.count for option in found.options}


def assert_counts_equal_results(client, list_name: str, query: str = "") -> None:
    """Every option's count is the number of results when that option is chosen in its facet,
    and the page shows that count next to the option's label (options without results hidden).
    """
    current = listing(list_name, query)
    path = url(LISTS[list_name][1])
    page = client.get(f"{path}?{query}" if query else path).content.decode()
    for facet_ in current.facets:
        for option in facet_.options:
            chosen = QueryDict(query, mutable=True)
            chosen.setlist(facet_.name, [option.value])
            chosen["per_page"] = "100"
            narrowed = listing(list_name, chosen.urlencode())
            where = (query, facet_.name, option.value)
            assert option.count == narrowed.total == len(narrowed.entries), where
            checkbox = re.compile(rf'name="{facet_.name}"\s+value="{re.escape(option.value)}"')
            if option.count or option.selected:
                assert f'{escape(option.label)} <span class="count">({option.count})</span>' in page
                assert checkbox.search(page), where
            else:
                assert not checkbox.search(page), where
