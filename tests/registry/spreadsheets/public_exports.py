"""The public exports downloaded as visitors do, and read with the standard readers."""

import csv
import io
import json
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from registry.models import Actor, Project, SupportOffer
from registry.spreadsheets import columns

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
FORMATS = ["csv", "excel-csv", "xlsx", "json"]
LISTS = {
    "actors": ("registry:actor_list", "registry:actor_export", columns.ACTORS, Actor),
    "offers": ("registry:offer_list", "registry:offer_export", columns.OFFERS, SupportOffer),
    "projects": ("registry:project_list", "registry:project_export", columns.PROJECTS, Project),
}
AREA_IKT = "ikt-tech-och-digitalisering"
AREA_LIFE = "life-science-vard-och-halsa"
AREA_KLIMAT = "klimat-och-miljoatgarder-hallbar-stadsutveckling"

_RESULT_RE = re.compile(r'<h3 class="result__title">\s*<a href="([^"]*)"')
_EXPORTS_RE = re.compile(r'<section class="exports".*?</section>', re.DOTALL)
_HREF_RE = re.compile(r'<a href="([^"]*)"[^>]*>([^<]*)</a>')


def path(name: str, language: str = "sv", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def download(client, list_name: str, fmt: str, query: str = "", language: str = "sv"):
    return client.get(with_query(path(LISTS[list_name][1], language, fmt=fmt), query))


def body(response) -> bytes:
    assert response.status_code == 200, response.content[:300] if not response.streaming else ""
    assert response.streaming
    return b"".join(response.streaming_content)


def records(fmt: str, data: bytes) -> list[dict]:
    """The rows of an export, read with the standard reader of its format."""
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    if fmt == "excel-csv":
        assert data.startswith(BOM)
        text = data[len(BOM) :].decode("utf-8")
        return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        try:
            rows = [
                ["" if value is None else value for value in row]
                for row in book.worksheets[0].iter_rows(values_only=True)
            ]
        finally:
            book.close()
        return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return json.loads(data.decode("utf-8"))


def exported_slugs(client, list_name, fmt, query="", language="sv") -> list[str]:
    return [
        r["slug"] for r in records(fmt, body(download(client, list_name, fmt, query, language)))
    ]


def page_slugs(client, list_name: str, query: str = "", language: str = "sv") -> list[str]:
    """The entries the list page shows for ``query``, in order, with a page that holds them all."""
    listing_url = path(LISTS[list_name][0], language)
    response = client.get(
        with_query(listing_url, f"{query}&per_page=100" if query else "per_page=100")
    )
    assert response.status_code == 200
    hrefs = _RESULT_RE.findall(response.content.decode())
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


PUBLISHED = {
    "actors": {"alfa", "angen", "gamma", "delta"},
    "offers": {"radgivning", "finansiering", "labb"},
    "projects": {"cohes3ion", "growsmarter", "viable-cities"},
}
ARCHIVED = {
    "actors": {"arkiverad"},
    "offers": {"gammalt-erbjudande"},
    "projects": {"avslutat"},
}
QUERIES = {
    "actors": [
        "",
        "sort=newest",
        "sort=reviewed",
        "q=innovation",
        "q=innovation&sort=name",
        "q=-digitalisering",
        "kind=incubator&kind=test_bed",
        f"area={AREA_LIFE}&sort=newest",
        "municipality=0184",
        "archived=1&sort=newest",
    ],
    "offers": ["", "sort=newest", "q=innovation", "kind=funding&kind=advice", "archived=1"],
    "projects": ["", "sort=newest", "q=innovation", "programme=vinnova", "archived=1&sort=name"],
}
# The characters that start a formula, but NUL, which PostgreSQL text cannot hold.
TRIGGERS = ["=", "+", "-", "@", "\t", "\r"]
