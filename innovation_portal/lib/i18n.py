"""Bilingual content: each translatable field is stored as ``<field>_sv`` and ``<field>_en``.

Columns per language keep every listing join-free and let each language carry
its own text-search configuration (Swedish stemming for ``_sv``, English for
``_en``). Swedish is the source language and always present for names; English
is optional, and a page says so when it falls back to Swedish.
"""

from dataclasses import dataclass

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("sv", "en")
SOURCE_LANGUAGE = "sv"


@dataclass(frozen=True)
class LocalizedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def active_content_language() -> str:
    language = (get_language() or SOURCE_LANGUAGE)[:2]
    return language if language in CONTENT_LANGUAGES else SOURCE_LANGUAGE


def localized(obj, field: str, language: str | None = None) -> LocalizedText:
    """Return ``obj.<field>`` in ``language`` (the active one by default), else in the other."""
    wanted = language or active_content_language()
    order = [wanted, *(lang for lang in CONTENT_LANGUAGES if lang != wanted)]
    for lang in order:
        text = getattr(obj, f"{field}_{lang}", "") or ""
        if text:
            return LocalizedText(text=text, language=lang, is_fallback=lang != wanted)
    return LocalizedText(text="", language=wanted, is_fallback=False)


def localized_property(field: str) -> property:
    """A model's ``field`` in the active language, from its ``<field>_sv`` and ``<field>_en``."""
    return property(lambda obj: localized(obj, field), doc=f"{field} in the active language")
