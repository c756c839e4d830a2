import json

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to the current page in each other language, keeping the query string."""
    request = context["request"]
    current = context.get("LANGUAGE_CODE") or settings.LANGUAGE_CODE
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(request.get_full_path(), code),
            }
        )
    return {"links": links}


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """``<link rel="alternate" hreflang>`` for every language version of this page."""
    request = context["request"]
    tags = []
    for code, _name in settings.LANGUAGES:
        url = request.build_absolute_uri(translate_url(request.path, code))
        tags.append(format_html('<link rel="alternate" hreflang="{}" href="{}">', code, url))
    default = request.build_absolute_uri(translate_url(request.path, settings.LANGUAGE_CODE))
    tags.append(format_html('<link rel="alternate" hreflang="x-default" href="{}">', default))
    return mark_safe("\n    ".join(tags))  # noqa: S308 - every part is built by format_html


@register.filter
def jsonld(data):
    """A JSON-LD data block, escaped so no text in it can close the script element."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.filter
def lang_attr(text):
    """` lang="sv"` when a bilingual text fell back to the other language, else nothing."""
    if getattr(text, "is_fallback", False):
        return format_html(' lang="{}"', text.language)
    return ""
