"""The import's file form: the file is read, and its columns checked, before any row is."""

from django.utils.translation import gettext_lazy as _
from import_export.forms import ImportForm

from registry.spreadsheets.formats import SpreadsheetError

IMPORT_MAX_BYTES = 5 * 1024 * 1024


class RegistryImportForm(ImportForm):
    """The upload, read once: the preview imports the dataset read here
    (``admin.SpreadsheetAdminMixin.write_to_tmp_storage``)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self._formats = formats
        self._resources = resources
        self.fields["import_file"].help_text = _(
            "CSV (comma or semicolon, UTF-8), XLSX or JSON with the columns of the data schema, "
            "at most %(size)s MB. Nothing is saved until you confirm the preview."
        ) % {"size": IMPORT_MAX_BYTES // (1024 * 1024)}

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("import_file")
        format_index = cleaned_data.get("format")
        if not upload or format_index in (None, ""):
            return cleaned_data
        if upload.size > IMPORT_MAX_BYTES:
            self.add_error(
                "import_file",
                _("The file is larger than %(size)s MB: split it into smaller files.")
                % {"size": IMPORT_MAX_BYTES // (1024 * 1024)},
            )
            return cleaned_data
        data = b"".join(upload.chunks())
        try:
            dataset = self._formats[int(format_index)]().create_dataset(data)
        except SpreadsheetError as error:
            self.add_error("import_file", str(error))
            return cleaned_data
        resource_index = int(cleaned_data.get("resource") or 0)
        problems = self._resources[resource_index].header_problems(dataset.headers or [])
        for problem in problems:
            self.add_error("import_file", problem)
        if not problems:
            upload.dataset = dataset
        return cleaned_data
