"""Every public URL of the portal, found by walking the URL configuration.

New public pages, exports and API endpoints are covered as soon as they are
routed: named patterns outside the admin are reversed with the slugs (or pks)
of a sample registry, in Swedish and in English.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from django.utils import translation

# Namespaces and names that are not the public site.
EXCLUDED_NAMESPACES = {"admin"}
EXCLUDED_NAMES = {"set_language", "logo"}


@dataclass(frozen=True)
class Sample:
    """The entries whose pages the walk visits, by the word their URL names contain."""

    actor: object
    offer: object
    project: object
    area: object

    def for_name(self, name: str):
        for word, entry in (
            ("offer", self.offer),
            ("support", self.offer),
            ("project", self.project),
            ("area", self.area),
            ("actor", self.actor),
        ):
            if word in name:
                return entry
        return None


def _named_patterns(patterns, namespace: str | None = None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if inner in EXCLUDED_NAMESPACES:
                continue
            full = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else inner
            yield from _named_patterns(entry.url_patterns, full)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def _formats() -> list[str]:
    try:
        from registry.spreadsheets.exports import FORMATS
    except ImportError:
        return ["csv"]
    return sorted(FORMATS)


def _kwargs_list(name: str, pattern: URLPattern, sample: Sample) -> list[dict]:
    """Every way to fill the pattern's parameters from the sample; empty if there is none."""
    parameters = set(pattern.pattern.regex.groupindex)
    if not parameters:
        return [{}]
    if "format" in parameters:
        return []
    values: dict = {"code": "0180"}  # Stockholm's municipality code
    entry = sample.for_name(name)
    if entry is not None:
        values.update(slug=entry.slug, pk=entry.pk, id=entry.pk)
    if not parameters - {"fmt"} <= set(values):
        return []
    fixed = {parameter: values[parameter] for parameter in parameters - {"fmt"}}
    if "fmt" in parameters:
        return [{**fixed, "fmt": fmt} for fmt in _formats()]
    return [fixed]


def public_urls(sample: Sample, languages=("sv", "en")) -> dict[str, str]:
    """``{label: path}`` for every public named URL, in each language it has."""
    found: dict[str, str] = {}
    for name, pattern in _named_patterns(get_resolver().url_patterns):
        if name.split(":")[-1] in EXCLUDED_NAMES:
            continue
        for kwargs in _kwargs_list(name, pattern, sample):
            for language in languages:
                with translation.override(language):
                    try:
                        path = reverse(name, kwargs=kwargs or None)
                    except NoReverseMatch:
                        continue
                if path not in found.values():
                    suffix = f" {kwargs['fmt']}" if "fmt" in kwargs else ""
                    found[f"{name}{suffix} ({language})"] = path
    return found


def detail_names() -> list[str]:
    """Names of the URL patterns that take a slug: detail pages of all kinds."""
    return [
        name
        for name, pattern in _named_patterns(get_resolver().url_patterns)
        if "slug" in pattern.pattern.regex.groupindex and name.split(":")[-1] not in EXCLUDED_NAMES
    ]


def reverse_optional(name: str, language: str = "sv", **kwargs) -> str | None:
    with translation.override(language):
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            return None
