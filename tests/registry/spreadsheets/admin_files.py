"""The admin's import and export driven as staff use them, and the files they upload."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

IMPORT_FORMAT = {"csv": "0", "xlsx": "1", "json": "2"}
EXPORT_FORMAT = {"csv": "0", "excel": "1", "xlsx": "2", "json": "3"}


def export(client, model, fmt="csv"):
    response = client.post(
        reverse(f"admin:actors_{model}_export"), {"format": EXPORT_FORMAT[fmt], "resource": "0"}
    )
    assert response.status_code == 200, response.content[:500]
    return response.content


def preview(client, model, content: bytes, *, name="import.csv", fmt="csv"):
    return client.post(
        reverse(f"admin:actors_{model}_import"),
        {
            "resource": "0",
            "format": IMPORT_FORMAT[fmt],
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, model, preview_response):
    form = preview_response.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(reverse(f"admin:actors_{model}_process_import"), data, follow=True)


def import_file(client, model, content: bytes, *, name="import.csv", fmt="csv"):
    response = preview(client, model, content, name=name, fmt=fmt)
    assert response.context.get("confirm_form") is not None, problems(response)
    return confirm(client, model, response)


def problems(response) -> str:
    form = response.context.get("form")
    result = response.context.get("result")
    return f"{form.errors if form else ''} {result.invalid_rows if result else ''}"


def csv_bytes(rows, *, headers=None, delimiter=",", bom=False) -> bytes:
    headers = headers or list(rows[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows, *, formula_in=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    headers = list(rows[0])
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
    if formula_in:
        sheet[formula_in] = "=1+1"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def actor_row(**values) -> dict:
    row = {
        "slug": "ny-inkubator",
        "name_sv": "Ny inkubator",
        "kind": "incubator",
        "helix_sector": "academia",
        "municipality_code": "0180",
    }
    row.update(values)
    return row


def snapshot(model, resource_schema):
    """Every entry of ``model`` as its schema row, with the history size."""
    entries = resource_schema.optimise(model.objects.order_by("pk"))
    return [resource_schema.render_row(entry) for entry in entries], sum(
        entry.history.count() for entry in model.objects.all()
    )
