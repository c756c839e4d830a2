"""Serializer fields for the API's conventions: both languages, choices with labels, links.

Every translatable text is an object with one member per content language,
``{"sv": …, "en": …}``, ``null`` where that language has no text. A choice is its
stable code with its label in both languages, ``{"code": …, "label": {"sv": …,
"en": …}}``. Links are absolute URLs built from the request, so they point at the
host the client asked.
"""

import functools

from django.db import models
from django.urls import reverse
from django.utils import translation
from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from innovation_portal.lib.i18n import CONTENT_LANGUAGES

_MARKER = "0marker0"


class BilingualTextSerializer(serializers.Serializer):
    """A text in Swedish and English; ``null`` where there is none in that language."""

    sv = serializers.CharField(allow_null=True)
    en = serializers.CharField(allow_null=True)


class BilingualUrlSerializer(serializers.Serializer):
    """A page of the public site in Swedish and in English."""

    sv = serializers.URLField()
    en = serializers.URLField()


def bilingual(getter) -> dict:
    """``{"sv": getter("sv"), "en": getter("en")}``, with empty texts as ``None``."""
    return {language: (getter(language) or None) for language in CONTENT_LANGUAGES}


def translated(text) -> dict:
    """A translatable string (``gettext_lazy``) in both languages."""

    def in_language(language):
        with translation.override(language):
            return str(text)

    return bilingual(in_language)


@functools.cache
def _choice(choices: type[models.TextChoices], code: str) -> dict:
    # Labels come from the compiled translations, which do not change while the process runs.
    return {"code": code, "label": translated(choices(code).label)}


@functools.cache
def choice_serializer(choices: type[models.TextChoices]) -> type[serializers.Serializer]:
    """A serializer describing one choices class: its codes as an enum, and their labels."""
    name = f"{choices.__qualname__.replace('.', '')}ChoiceSerializer"
    return type(
        name,
        (serializers.Serializer,),
        {
            "__doc__": f"One of the codes of {choices.__name__}, with its label in both languages.",
            "__module__": __name__,
            "code": serializers.ChoiceField(choices=choices.choices),
            "label": BilingualTextSerializer(),
        },
    )


class ChoiceField(serializers.Field):
    """A choice as ``{"code", "label": {"sv", "en"}}``; ``null`` when the value is empty."""

    def __init__(self, choices: type[models.TextChoices], **kwargs):
        self.choices = choices
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        # The schema of this field is that of its choices class (drf-spectacular reads this).
        set_override(self, "field", choice_serializer(choices))

    def to_representation(self, value):
        return _choice(self.choices, str(value)) if value not in (None, "") else None


class ChoiceListField(serializers.ListField):
    """Several choices of one class, e.g. the company stages of an offer."""

    def __init__(self, choices: type[models.TextChoices], **kwargs):
        kwargs["child"] = ChoiceField(choices)
        kwargs["read_only"] = True
        super().__init__(**kwargs)


@extend_schema_field(BilingualTextSerializer)
class BilingualField(serializers.Field):
    """The ``<name>_sv`` and ``<name>_en`` columns of the object as one bilingual text."""

    def __init__(self, field: str | None = None, **kwargs):
        self.column = field
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.column = self.column or field_name

    def to_representation(self, value):
        return bilingual(lambda language: getattr(value, f"{self.column}_{language}", None))


@extend_schema_field({"type": "string", "nullable": True})
class OptionalCharField(serializers.CharField):
    """A text that may be left empty: an empty text is ``null``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs["allow_null"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class OptionalUrlField(OptionalCharField):
    pass


class Links:
    """Absolute URLs of API resources and public pages, for one request.

    Each route is reversed once per request (with a marker in place of the slug or code)
    and each row only fills in its own value, so a page of 100 rows reverses no more than
    a page of one.
    """

    def __init__(self, request):
        self.request = request
        self._templates: dict[tuple, tuple[str, str]] = {}

    def _template(self, route: str, kwarg: str | None, language: str | None) -> tuple[str, str]:
        key = (route, kwarg, language)
        if key not in self._templates:
            kwargs = {kwarg: _MARKER} if kwarg else {}
            if language:
                with translation.override(language):
                    path = reverse(route, kwargs=kwargs)
            else:
                path = reverse(route, kwargs=kwargs)
            address = self.request.build_absolute_uri(path)
            before, _, after = address.partition(_MARKER)
            self._templates[key] = (before, after)
        return self._templates[key]

    def api(self, route: str, kwarg: str | None = None, value: str = "", query: str = "") -> str:
        """The URL of an API route, e.g. ``api("api:actor-detail", "slug", "kista")``."""
        before, after = self._template(route, kwarg, None)
        address = f"{before}{value}{after}" if kwarg else before
        return f"{address}?{query}" if query else address

    def public(self, route: str, kwarg: str | None = None, value: str = "", query: str = ""):
        """The public page's URL in each language: ``{"sv": …, "en": …}``."""
        urls = {}
        for language in CONTENT_LANGUAGES:
            before, after = self._template(route, kwarg, language)
            address = f"{before}{value}{after}" if kwarg else before
            urls[language] = f"{address}?{query}" if query else address
        return urls

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)


def _links(field: serializers.Field) -> Links:
    return field.context["links"]


@extend_schema_field(OpenApiTypes.URI)
class ApiUrlField(serializers.Field):
    """The API URL of the object: ``route`` reversed with the object's ``lookup`` attribute."""

    def __init__(self, route: str, lookup: str = "slug", kwarg: str | None = None, **kwargs):
        self.route, self.lookup, self.kwarg = route, lookup, kwarg or lookup
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return _links(self).api(self.route, self.kwarg, str(getattr(value, self.lookup)))


@extend_schema_field(BilingualUrlSerializer)
class PublicUrlField(ApiUrlField):
    """The object's page on the public site, in Swedish and English."""

    def to_representation(self, value):
        return _links(self).public(self.route, self.kwarg, str(getattr(value, self.lookup)))


@extend_schema_field(OpenApiTypes.URI)
class FilteredListUrlField(serializers.Field):
    """An API list filtered by the object, e.g. the actors of a municipality."""

    def __init__(self, route: str, parameter: str, lookup: str, **kwargs):
        self.route, self.parameter, self.lookup = route, parameter, lookup
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        query = f"{self.parameter}={getattr(value, self.lookup)}"
        return _links(self).api(self.route, query=query)


@extend_schema_field(BilingualUrlSerializer)
class FilteredPageUrlField(FilteredListUrlField):
    """A public list page filtered by the object, in Swedish and English."""

    def to_representation(self, value):
        query = f"{self.parameter}={getattr(value, self.lookup)}"
        return _links(self).public(self.route, query=query)
