"""The admin's import and export screens: django-import-export's, with the project's file
formats, the import's preview and results, and its permissions.

The staff export writes the same columns as the public exports, through the same writers
(``formats``); the import reads the file once, in the form that checks its columns
(``imports.forms``), and previews and confirms it with the resources of ``imports``.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ExportForm
from import_export.results import RowResult

from registry.spreadsheets.formats import (
    XLSX_CONTENT_TYPE,
    csv_chunks,
    json_chunks,
    read_csv,
    read_json,
    read_xlsx,
    xlsx_file,
)
from registry.spreadsheets.imports.forms import RegistryImportForm


def _as_bytes(data) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def _text_rows(dataset):
    return ([("" if cell is None else str(cell)) for cell in row] for row in dataset)


class _Format:
    """A file format of the admin: the project's reader and writer, with clear errors and
    neutralised formulas; the raw bytes are handed over so decoding is the reader's too.

    The preview's file is read once, by the import form (``read``); the format is handed
    that reading (``dataset``) instead of reading the stored file again.
    """

    dataset = None

    def get_title(self):
        return self.title

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        dataset, self.dataset = self.dataset, None
        return dataset if dataset is not None else self.read(_as_bytes(in_stream))


class CSVFormat(_Format, base_formats.CSV):
    """CSV, comma- or semicolon-separated, UTF-8 with or without BOM."""

    title = "csv"
    read = staticmethod(read_csv)
    delimiter = ","
    bom = False

    def get_content_type(self):
        return "text/csv; charset=utf-8"

    def export_data(self, dataset, **kwargs):
        chunks = csv_chunks(
            list(dataset.headers), _text_rows(dataset), delimiter=self.delimiter, bom=self.bom
        )
        return b"".join(chunks)


class ExcelCSVFormat(CSVFormat):
    """The CSV variant Excel opens correctly with Swedish settings: semicolons and a BOM."""

    delimiter = ";"
    bom = True

    def get_title(self):
        return str(_("csv for Excel (semicolon)"))

    def can_import(self):
        return False  # CSVFormat reads both variants


class XLSXFormat(_Format, base_formats.XLSX):
    title = "xlsx"
    read = staticmethod(read_xlsx)

    def get_content_type(self):
        return XLSX_CONTENT_TYPE

    def export_data(self, dataset, **kwargs):
        with xlsx_file(list(dataset.headers), _text_rows(dataset), title="Sheet") as output:
            return output.read()


class JSONFormat(_Format, base_formats.JSON):
    title = "json"
    read = staticmethod(read_json)

    def get_content_type(self):
        return "application/json; charset=utf-8"

    def export_data(self, dataset, **kwargs):
        return b"".join(json_chunks(list(dataset.headers), _text_rows(dataset)))


IMPORT_FORMATS = [CSVFormat, XLSXFormat, JSONFormat]
EXPORT_FORMATS = [CSVFormat, ExcelCSVFormat, XLSXFormat, JSONFormat]


class SpreadsheetAdminMixin(ImportExportMixin):
    """Import and export of one kind of entry, for a ModelAdmin with ``resource_classes``."""

    import_form_class = RegistryImportForm
    export_form_class = ExportForm  # the whole schema, always: an export must import back
    formats = IMPORT_FORMATS
    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS
    import_template_name = "admin/actors/import.html"

    def _has_model_permission(self, request, action: str) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")

    def has_import_permission(self, request):
        # An import creates and updates entries: it needs both rights.
        return self._has_model_permission(request, "add") and self._has_model_permission(
            request, "change"
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def write_to_tmp_storage(self, import_file, input_format):
        # The form has read the file to check its columns: the preview uses that reading,
        # which the upload then lets go, so that it is not kept while the page is rendered.
        input_format.dataset = import_file.__dict__.pop("dataset", None)
        return super().write_to_tmp_storage(import_file, input_format)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The import was rolled back as a whole; say so instead of "finished".
            messages.error(
                request,
                gettext(
                    "Nothing was imported: the file has errors. Upload it again to see them in "
                    "the preview."
                ),
            )
            opts = self.opts
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            gettext("Import finished: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
                "unchanged": totals[RowResult.IMPORT_TYPE_SKIP],
            },
        )

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["schema_columns"] = self.get_import_resource_classes(None)[0].schema.columns
        return context
