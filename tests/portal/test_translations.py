"""The Swedish and English message catalogues are complete and compiled."""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings

LANGUAGES = ["sv", "en"]

# Python's %-format (named or positional) and str.format's {name} placeholders.
_PLACEHOLDER_RE = re.compile(
    r"%\((?P<named>\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifrxX]"
    r"|%(?P<positional>[-#0 +]*\d*(?:\.\d+)?[sdifrxX])"
    r"|\{(?P<braced>\w*)\}"
)


def catalogue(language: str, extension: str) -> Path:
    return Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / f"django.{extension}"


def po_entries(language: str):
    return [entry for entry in polib.pofile(str(catalogue(language, "po"))) if not entry.obsolete]


def placeholders(text: str) -> Counter:
    found = Counter()
    for match in _PLACEHOLDER_RE.finditer(text.replace("%%", "")):
        if match.group("named"):
            found[f"%({match.group('named')})"] += 1
        elif match.group("positional"):
            found[f"%{match.group('positional')[-1]}"] += 1
        else:
            found["{" + match.group("braced") + "}"] += 1
    return found


def label(entry) -> str:
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def translations(entries) -> dict:
    """``{(context, msgid): msgstr or {plural index: msgstr}}`` without the header."""
    result = {}
    for entry in entries:
        if not entry.msgid:
            continue
        if entry.msgid_plural:
            value = {int(n): text for n, text in entry.msgstr_plural.items()}
        else:
            value = entry.msgstr
        result[(entry.msgctxt, entry.msgid)] = value
    return result


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_entries(language):
    assert len(po_entries(language)) > 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    untranslated = []
    for entry in po_entries(language):
        if entry.msgid_plural:
            complete = bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
        else:
            complete = bool(entry.msgstr)
        if not complete:
            untranslated.append(label(entry))

    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_fuzzy(language):
    fuzzy = [label(entry) for entry in po_entries(language) if "fuzzy" in entry.flags]

    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_of_every_translation_match_the_original(language):
    mismatched = []
    for entry in po_entries(language):
        if entry.msgid_plural:
            originals = {0: entry.msgid}
            for index in entry.msgstr_plural:
                originals.setdefault(int(index), entry.msgid_plural)
            pairs = [(originals[int(n)], text) for n, text in entry.msgstr_plural.items()]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for original, translated in pairs:
            if translated and placeholders(original) != placeholders(translated):
                mismatched.append((label(entry), translated))

    assert mismatched == []


def test_placeholder_pattern_finds_named_positional_and_braced_placeholders():
    found = placeholders("%(counter)s of %d in {area} at 100%% – %(query)s")

    assert found == Counter({"%(counter)": 1, "%d": 1, "{area}": 1, "%(query)": 1})


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    po = polib.pofile(str(catalogue(language, "po")))
    mo = polib.mofile(str(catalogue(language, "mo")))
    # msgfmt leaves out fuzzy and untranslated messages, and so does gettext at run time.
    compiled_from_po = translations(
        entry
        for entry in po
        if not entry.obsolete and "fuzzy" not in entry.flags and entry.translated()
    )

    compiled = translations(mo)

    missing = sorted(set(compiled_from_po) - set(compiled), key=str)
    stale = sorted(set(compiled) - set(compiled_from_po), key=str)
    changed = sorted(
        (
            key
            for key in set(compiled) & set(compiled_from_po)
            if compiled[key] != compiled_from_po[key]
        ),
        key=str,
    )
    assert (missing, stale, changed) == ([], [], [])
