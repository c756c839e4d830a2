"""The list pages' export links, and an export imported back through the admin."""

import html
from urllib.parse import parse_qs, urlsplit

import pytest

from registry.spreadsheets.admin import CSVFormat, JSONFormat, XLSXFormat
from registry.spreadsheets.imports.kinds import ActorResource, ProjectResource, SupportOfferResource
from tests.registry.spreadsheets.public_exports import (
    _EXPORTS_RE,
    _HREF_RE,
    ARCHIVED,
    FORMATS,
    LISTS,
    PUBLISHED,
    body,
    download,
    page_slugs,
    path,
    records,
    with_query,
)

pytestmark = pytest.mark.django_db


# The links on the list pages


def export_links(page: str) -> dict[str, str]:
    """``{link text: href}`` of the list page's download links."""
    found = _EXPORTS_RE.search(page)
    if found is None:
        return {}
    return {
        html.unescape(text).strip(): html.unescape(href)
        for href, text in _HREF_RE.findall(found[0])
    }


@pytest.mark.parametrize("list_name", LISTS)
def test_the_list_page_links_to_every_export_of_its_current_result(client, registry, list_name):
    query = "q=innovation&kind=bogus&archived=1&sort=name&page=1&per_page=10"
    page = client.get(with_query(path(LISTS[list_name][0]), query)).content.decode()

    links = export_links(page)

    assert list(links) == ["CSV", "CSV för Excel", "Excel (XLSX)", "JSON"]
    for fmt, href in zip(FORMATS, links.values(), strict=True):
        parts = urlsplit(href)
        assert parts.path == path(LISTS[list_name][1], fmt=fmt)
        assert parse_qs(parts.query) == {"q": ["innovation"], "archived": ["1"], "sort": ["name"]}
    assert 'aria-describedby="exports-heading result-count"' in page
    csv_link = links["CSV"]
    assert [r["slug"] for r in records("csv", body(client.get(csv_link)))] == page_slugs(
        client, list_name, query.replace("&page=1&per_page=10", "")
    )


def test_the_links_keep_several_facet_values_and_follow_the_language(client, registry):
    page = client.get("/en/actors/?kind=incubator&kind=test_bed&page=2").content.decode()

    href = export_links(page)["JSON"]

    assert urlsplit(href).path == "/en/actors/export/json/"
    assert parse_qs(urlsplit(href).query) == {"kind": ["incubator", "test_bed"]}


def test_an_empty_result_shows_no_download_links(client, registry):
    page = client.get(path("registry:actor_list") + "?q=zzzyxq").content.decode()

    assert export_links(page) == {}
    assert export_links(client.get(path("registry:actor_list")).content.decode())


# Round trip through the admin's import


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("list_name", "resource_class"),
    [("actors", ActorResource), ("offers", SupportOfferResource), ("projects", ProjectResource)],
)
def test_an_exported_file_imports_back_through_the_admin_import_unchanged(
    client, registry, publisher, list_name, resource_class, fmt
):
    _list, _export, entry_schema, model = LISTS[list_name]

    def snapshot():
        entries = entry_schema.optimise(model.objects.order_by("pk"))
        return [entry_schema.render_row(e) for e in entries], sum(
            e.history.count() for e in model.objects.all()
        )

    before = snapshot()
    data = body(download(client, list_name, fmt, "archived=1"))
    import_format = {"csv": CSVFormat, "excel-csv": CSVFormat, "xlsx": XLSXFormat}.get(
        fmt, JSONFormat
    )()
    dataset = import_format.create_dataset(data)

    result = resource_class(user=publisher).import_data(dataset, dry_run=False, user=publisher)

    assert not result.has_errors()
    assert not result.has_validation_errors(), result.invalid_rows
    assert result.totals["skip"] == len(PUBLISHED[list_name] | ARCHIVED[list_name])
    assert result.totals["new"] == result.totals["update"] == 0
    assert snapshot() == before
