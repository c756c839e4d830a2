"""Links that change one thing in a list's query string and keep the rest."""

from django import template
from django.http import QueryDict

register = template.Library()


def _url(request, query: QueryDict) -> str:
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


@register.simple_tag(takes_context=True)
def url_with(context, **changes):
    """The current list URL with parameters replaced; a filter change returns to page 1."""
    request = context["request"]
    query = request.GET.copy()
    if "page" not in changes:
        query.pop("page", None)
    for name, value in changes.items():
        if value is None or value == "":
            query.pop(name, None)
        else:
            query[name] = str(value)
    return _url(request, query)


@register.simple_tag(takes_context=True)
def url_without(context, name, value=None):
    """The current list URL without one value of ``name`` (or without ``name`` altogether)."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    if value is None:
        query.pop(name, None)
    else:
        remaining = [v for v in query.getlist(name) if v != str(value)]
        query.setlist(name, remaining)
        if not remaining:
            query.pop(name, None)
    return _url(request, query)


@register.simple_tag(takes_context=True)
def url_cleared(context):
    """The list with no search and no filters."""
    return context["request"].path
