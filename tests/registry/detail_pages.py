"""What the detail-page tests read off a page: facts, sections, JSON-LD, meta tags."""

import datetime
import html
import json
import re

from django.utils import translation

from tests.factories import (
    with_check_digit,
)

DAY = datetime.timedelta(days=1)
ORGANISATION_NUMBER = with_check_digit("556012579")
AREA_1 = "life-science-vard-och-halsa"


def page_of(client, entry, language: str) -> str:
    with translation.override(language):
        path = entry.get_absolute_url()
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def status_of(client, entry, language: str) -> int:
    with translation.override(language):
        return client.get(entry.get_absolute_url()).status_code


def text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def fact(page: str, label: str) -> str:
    """The text of the ``<dd>`` that follows ``<dt>label</dt>``."""
    match = re.search(rf"<dt>{re.escape(label)}</dt>\s*<dd>(.*?)</dd>", page, re.S)
    assert match, f"no fact {label!r}"
    return text(match.group(1))


def section(page: str, heading_id: str) -> str:
    start = page.index(f'<h2 id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def jsonld(page: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(block)


def meta_property(page: str, name: str) -> str:
    match = re.search(rf'<meta property="{re.escape(name)}" content="([^"]*)">', page)
    assert match, name
    return html.unescape(match.group(1))


def canonical(page: str) -> str:
    (href,) = re.findall(r'<link rel="canonical" href="([^"]*)">', page)
    return html.unescape(href)


def heading(page: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    return text(match.group(1))
