"""The preview reads the upload once, and its rows do not outlive its page."""

import gc
import weakref

import pytest

from registry.models import Actor
from registry.spreadsheets.admin import CSVFormat
from registry.spreadsheets.formats import read_csv
from tests.registry.spreadsheets.admin_files import actor_row, csv_bytes, preview

pytestmark = pytest.mark.django_db


def test_the_upload_is_read_once_for_its_preview(editor_client, english, stockholm, monkeypatch):
    reads = []

    def counted(data):
        reads.append(len(data))
        return read_csv(data)

    monkeypatch.setattr(CSVFormat, "read", staticmethod(counted))
    content = csv_bytes([actor_row(), actor_row(slug="tredje", name_sv="Tredje")])

    response = preview(editor_client, "actor", content)

    assert response.context.get("confirm_form") is not None
    assert response.context["result"].totals["new"] == 2
    assert reads == [len(content)]
    assert not Actor.objects.filter(slug__in=["ny-inkubator", "tredje"]).exists()


def test_a_second_preview_does_not_keep_the_first_ones_rows(editor_client, english, stockholm):
    first = preview(editor_client, "actor", csv_bytes([actor_row()]))
    row_results = first.context["result"].rows
    assert [row.import_type for row in row_results] == ["new"]
    kept = weakref.ref(row_results[0])
    del first, row_results

    second = preview(editor_client, "actor", csv_bytes([actor_row(slug="andra", name_sv="Andra")]))
    assert [row.import_type for row in second.context["result"].rows] == ["new"]
    gc.collect()

    assert kept() is None
