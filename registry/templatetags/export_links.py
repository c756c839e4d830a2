"""Links that download a list's current result (``registry.spreadsheets.exports``)."""

from django import template
from django.urls import reverse

from registry.spreadsheets.exports import export_query

register = template.Library()


@register.simple_tag
def export_url(route: str, fmt: str, listing) -> str:
    """The export in ``fmt`` of the list's result: its search, filters and sort, all pages."""
    url = reverse(route, kwargs={"fmt": fmt})
    query = export_query(listing)
    return f"{url}?{query}" if query else url
