"""Reading and writing the spreadsheet files: CSV (comma, or Excel's Swedish semicolons and
BOM), XLSX and JSON, with formula neutralising, encodings and clear errors for bad files.

Exports prefix a quote to any cell a spreadsheet program would run as a formula
(OWASP ASVS 5.0, 1.2.10); imports take exactly that quote off again, so an
exported file imports back unchanged. JSON keeps the exact text: nothing runs it.

Files are written row by row, in chunks of whole rows, so that an export streams with
the same memory whatever the number of rows; the admin's formats (django-import-export's,
at the end) read and write through the same functions.
"""

import csv
import io
import json
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime

import openpyxl
import tablib
from django.utils.translation import gettext_lazy as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")
# A cell that starts with quotes followed by a trigger: exporting such a cell adds one more
# quote, so taking one quote off on import is always the exact inverse.
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r\0]")

MAX_ROWS = 10_000
UTF8_BOM = b"\xef\xbb\xbf"
# Rows read per database round trip by an export; a streamed chunk holds at most as many
# rows, and is sent sooner when its text reaches CHUNK_CHARACTERS.
CHUNK_SIZE = 2000
CHUNK_CHARACTERS = 256 * 1024
# An XLSX workbook is kept in memory up to this size while it is written, then on disk.
XLSX_SPOOL_BYTES = 4 * 1024 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SpreadsheetError(ValueError):
    """A file that cannot be read as the spreadsheet it claims to be; the message says why."""


def neutralise_formula(value: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR, NUL)."""
    if value and (value.startswith(FORMULA_TRIGGERS) or _NEUTRALISED.match(value)):
        return "'" + value
    return value


def restore_formula_text(value: str) -> str:
    """Undo ``neutralise_formula``: drop the one quote it added, and nothing else."""
    if value and _NEUTRALISED.match(value):
        return value[1:]
    return value


# Reading


def _check_size(data: bytes) -> None:
    if not data or not data.strip(UTF8_BOM + b" \t\r\n"):
        raise SpreadsheetError(_("The file is empty."))


def _dataset(headers: Sequence, rows: Iterable[Sequence]) -> tablib.Dataset:
    headers = ["" if header is None else str(header).strip() for header in headers]
    if not any(headers):
        raise SpreadsheetError(
            _("The file has no header row: the first row must name the columns.")
        )
    if "" in headers:
        position = headers.index("") + 1
        raise SpreadsheetError(
            _("Column %(number)s has no name in the header row.") % {"number": position}
        )
    duplicates = sorted({header for header in headers if headers.count(header) > 1})
    if duplicates:
        raise SpreadsheetError(
            _("These columns appear more than once: %(columns)s.")
            % {"columns": ", ".join(duplicates)}
        )
    dataset = tablib.Dataset(headers=headers)
    for number, row in enumerate(rows, start=2):
        cells = list(row)
        if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):
            continue
        if len(cells) > len(headers):
            extra = cells[len(headers) :]
            if any(cell not in (None, "") for cell in extra):
                raise SpreadsheetError(
                    _("Row %(row)s has %(cells)s cells but the header names %(columns)s columns.")
                    % {"row": number, "cells": len(cells), "columns": len(headers)}
                )
            cells = cells[: len(headers)]
        cells += [None] * (len(headers) - len(cells))
        if len(dataset) >= MAX_ROWS:
            raise SpreadsheetError(
                _("The file has more than %(max)s rows: split it into smaller files.")
                % {"max": MAX_ROWS}
            )
        dataset.append([_restore(cell) for cell in cells])
    if not len(dataset):
        raise SpreadsheetError(_("The file has a header row but no rows to import."))
    return dataset


def _restore(cell):
    return restore_formula_text(cell) if isinstance(cell, str) else cell


def read_csv(data: bytes) -> tablib.Dataset:
    """A CSV file, comma- or semicolon-separated, in UTF-8 with or without a BOM."""
    _check_size(data)
    if data.startswith(b"PK\x03\x04"):
        raise SpreadsheetError(
            _(
                "This file is an Excel workbook, not CSV text. Choose the XLSX format, or save "
                "the file as “CSV UTF-8”."
            )
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SpreadsheetError(
            _("The file is saved as UTF-16. Save it as “CSV UTF-8” and upload it again.")
        )
    if b"\0" in data[:8192]:
        raise SpreadsheetError(
            _("This file is not a CSV text file (it contains binary data). Upload a CSV file.")
        )
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SpreadsheetError(
            _(
                "The file is not UTF-8 (the first unreadable character is on line %(line)s). "
                "Save it as “CSV UTF-8” and upload it again."
            )
            % {"line": line}
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise SpreadsheetError(
            _("The CSV file could not be read: %(reason)s.") % {"reason": error}
        ) from None
    if not rows:
        raise SpreadsheetError(_("The file is empty."))
    return _dataset(rows[0], rows[1:])


def _xlsx_cell(value):
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    return value


def read_xlsx(data: bytes) -> tablib.Dataset:
    """The first sheet of an XLSX workbook; a cell with a formula refuses the file."""
    _check_size(data)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SpreadsheetError(
            _("This file is not an XLSX workbook. Save it from Excel as “Excel Workbook (.xlsx)”.")
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a broken workbook
        raise SpreadsheetError(
            _("The workbook could not be read. Save it again from Excel as .xlsx.")
        ) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows():
            values = []
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    raise SpreadsheetError(
                        _(
                            "Cell %(cell)s contains a formula. Formulas are not imported: "
                            "replace them with their values and upload the file again."
                        )
                        % {"cell": cell.coordinate}
                    )
                values.append(_xlsx_cell(cell.value))
            rows.append(values)
            if len(rows) > MAX_ROWS + 1:
                raise SpreadsheetError(
                    _("The file has more than %(max)s rows: split it into smaller files.")
                    % {"max": MAX_ROWS}
                )
    finally:
        book.close()
    if not rows:
        raise SpreadsheetError(_("The file is empty."))
    return _dataset(rows[0], rows[1:])


def read_json(data: bytes) -> tablib.Dataset:
    """A JSON list of objects, one per entry, with the column names as keys; exact text."""
    _check_size(data)
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        records = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise SpreadsheetError(
            _("The file is not UTF-8. Save it as UTF-8 and upload it again.")
        ) from None
    except json.JSONDecodeError as error:
        raise SpreadsheetError(
            _("The file is not valid JSON (line %(line)s).") % {"line": error.lineno}
        ) from None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise SpreadsheetError(_("The JSON file must be a list of objects, one per entry."))
    if not records:
        raise SpreadsheetError(_("The file has no rows to import."))
    if len(records) > MAX_ROWS:
        raise SpreadsheetError(
            _("The file has more than %(max)s rows: split it into smaller files.")
            % {"max": MAX_ROWS}
        )
    headers: list[str] = []
    for record in records:
        for key in record:
            if key not in headers:
                headers.append(key)
    for record in records:
        for value in record.values():
            if isinstance(value, dict | list):
                raise SpreadsheetError(
                    _("Values must be text, numbers or null; join several values with “|”.")
                )
    dataset = tablib.Dataset(headers=headers)
    for record in records:
        dataset.append([record.get(header) for header in headers])
    return dataset


# Writing


# The first characters of the cells that ``neutralise_formula`` may change; others pass as
# they are without the call.
_SUSPECT = frozenset((*FORMULA_TRIGGERS, "'"))


def csv_record_writer(
    delimiter: str = ",", *, neutralise: bool = False
) -> Callable[[list[str]], str]:
    """A function giving one RFC 4180 record, CRLF included, for a row of text cells.

    The same text as ``csv.writer(delimiter=delimiter, lineterminator="\\r\\n")`` with its
    minimal quoting (a cell is quoted when it holds the delimiter, a quote, CR or LF; a
    row of one empty cell is ``""``), of the cells passed through ``neutralise_formula``
    first if ``neutralise``, at about three times the module's speed: the module looks at
    every character of a cell twice, where one regular-expression search per cell finds
    the rare cell that needs a quote added or quotes around it. Kept equal to the module
    by ``tests/registry/spreadsheets/test_formats.py``.
    """
    specials = f'[{re.escape(delimiter)}"\r\n]'
    needs_quotes = re.compile(specials).search
    if neutralise:
        # A cell that may start a formula, or holds a character that needs quotes.
        triggers = re.escape("".join(_SUSPECT))
        needs_work = re.compile(f"^[{triggers}]|{specials}").search
    else:
        needs_work = needs_quotes

    def worked(cell: str) -> str:
        if neutralise:
            cell = neutralise_formula(cell)
        return '"' + cell.replace('"', '""') + '"' if needs_quotes(cell) else cell

    def record(row: list[str]) -> str:
        if len(row) == 1 and not row[0]:
            return '""\r\n'
        return delimiter.join([worked(cell) if needs_work(cell) else cell for cell in row]) + "\r\n"

    return record


def csv_chunks(
    headers: list[str], rows: Iterable[list[str]], *, delimiter: str = ",", bom: bool = False
) -> Iterator[bytes]:
    """RFC 4180 CSV in UTF-8, formulas neutralised, in chunks of whole rows."""
    parts = [csv_record_writer(delimiter)(headers)]
    record = csv_record_writer(delimiter, neutralise=True)
    size = len(parts[0])
    prefix = UTF8_BOM if bom else b""
    for row in rows:
        line = record(row)
        parts.append(line)
        size += len(line)
        if len(parts) >= CHUNK_SIZE or size >= CHUNK_CHARACTERS:
            yield prefix + "".join(parts).encode("utf-8")
            prefix = b""
            parts = []
            size = 0
    if parts:  # the rows after the last full chunk, or the header of an empty result
        yield prefix + "".join(parts).encode("utf-8")


def json_chunks(headers: list[str], rows: Iterable[list[str]]) -> Iterator[bytes]:
    """A JSON array of objects keyed by the headers, with the exact text, in chunks."""
    encode = json.encoder.encode_basestring  # a JSON string, non-ASCII kept as it is
    keys = [encode(header) + ": " for header in headers]
    parts = ["["]
    size = 0
    separator = "\n"
    for row in rows:
        pairs = ", ".join([key + encode(cell) for key, cell in zip(keys, row, strict=True)])
        record = f"{separator}{{{pairs}}}"
        parts.append(record)
        size += len(record)
        separator = ",\n"
        if len(parts) >= CHUNK_SIZE or size >= CHUNK_CHARACTERS:
            yield "".join(parts).encode("utf-8")
            parts = []
            size = 0
    parts.append("\n]\n" if separator != "\n" else "]\n")
    yield "".join(parts).encode("utf-8")


def _xlsx_text(cell: str) -> str:
    # Control characters other than tab, CR and LF cannot be stored in a workbook at all.
    return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", neutralise_formula(cell))


def xlsx_file(headers: list[str], rows: Iterable[list[str]], *, title: str):
    """A workbook of text cells written row by row, in a temporary file open at its start."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append(headers)
    for row in rows:
        sheet.append([_xlsx_text(cell) for cell in row])
    output = tempfile.SpooledTemporaryFile(max_size=XLSX_SPOOL_BYTES)  # noqa: SIM115 - the response closes it
    try:
        book.save(output)
    except BaseException:
        output.close()
        raise
    output.seek(0)
    return output
