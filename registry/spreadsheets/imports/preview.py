"""The preview of an import: which rows it lists, their changes word by word, and each
row's likely duplicates in the registry and among the file's other rows."""

import re

from diff_match_patch import diff_match_patch
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import force_str
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from import_export.resources import Diff
from import_export.results import RowResult

from registry.duplicates import duplicates_of_each

# The preview shows this many rows with their changes; of the rows after them, those with
# errors or possible duplicates. A larger file is counted in full but not diffed in full,
# which keeps the page readable and the memory of a 10,000-row preview small.
PREVIEW_ROWS = 500


def is_listed(row_result) -> bool:
    """Whether the preview lists a row: it has its changes, an error or a possible duplicate."""
    return bool(
        row_result.diff
        or row_result.validation_error
        or row_result.errors
        or getattr(row_result, "duplicates", None)
    )


def list_rows(result) -> None:
    """What the preview page lists, each row with its number in the spreadsheet (the header
    is row 1), and how many rows it leaves out."""
    result.listed_rows = []
    for index, row_result in enumerate(result.rows):
        if is_listed(row_result):
            row_result.number = index + 2
            result.listed_rows.append(row_result)
    result.preview_rows = PREVIEW_ROWS
    result.rows_not_listed = len(result.rows) - len(result.listed_rows)


def add_duplicates(model, result, saved_rows: dict) -> None:
    """Each saved row's likely duplicates in the registry and among the file's other rows.

    ``saved_rows`` gives each saved entry's row number and whether the row added it. An
    entry the file itself adds exists only in the preview: it is named by its row.
    """
    found = duplicates_of_each(model, list(saved_rows))
    added = {pk: number for pk, (number, created) in saved_rows.items() if created}
    saved_types = (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)
    for row_result in result.rows:
        pk = row_result.object_id
        if row_result.import_type not in saved_types or pk not in saved_rows:
            continue
        row_result.duplicates = [
            {
                "entry": gettext("%(entry)s (row %(row)s of this file)")
                % {"entry": duplicate.entry, "row": added[duplicate.entry.pk] + 1}
                if duplicate.entry.pk in added
                else str(duplicate.entry),
                "reasons": ", ".join(duplicate.reasons),
                "url": "" if duplicate.entry.pk in added else _admin_url(duplicate.entry),
            }
            for duplicate in found.get(pk, [])
        ]


def _admin_url(entry) -> str:
    opts = entry._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
    except NoReverseMatch:
        return ""


class WordDiff(Diff):
    """The preview's changes word by word: as readable as character by character, and
    fast however different the texts (a character diff of two unlike descriptions takes
    tens of milliseconds, times every cell of every row)."""

    def as_html(self):
        data = []
        engine = diff_match_patch()
        for old, new in zip(self.left, self.right, strict=False):
            old, new = force_str(old), force_str(new)
            if old != new and self.new:
                old = ""
            diff = _word_diff(engine, old, new)
            engine.diff_cleanupSemantic(diff)
            data.append(mark_safe(engine.diff_prettyHtml(diff)))  # noqa: S308 - escaped by it
        return data


_TOKEN_SPLIT_RE = re.compile(r"\s+|[^\s]+")


def _word_diff(engine, old: str, new: str) -> list:
    if old == new:
        return [(0, new)] if new else []
    tokens: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        encoded = []
        for token in _TOKEN_SPLIT_RE.findall(text):
            if token not in tokens:
                tokens[token] = chr(0xE000 + len(words)) if len(words) < 6400 else ""
                words.append(token)
            encoded.append(tokens[token])
        return "".join(encoded)

    encoded_old, encoded_new = encode(old), encode(new)
    if len(words) >= 6400:  # more distinct words than private characters: whole texts
        return [(-1, old), (1, new)] if old else [(1, new)]
    decode = {char: word for word, char in tokens.items()}
    return [
        (operation, "".join(decode[char] for char in text))
        for operation, text in engine.diff_main(encoded_old, encoded_new, False)
    ]
