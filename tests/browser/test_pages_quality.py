"""Every public page type, in both languages, at a desktop and a 375-px mobile viewport.

Each page is checked with axe-core at WCAG 2.1 A/AA, must log no console error, must request
nothing from another host, has one h1 and says which language it is in. The served HTML of
every page goes through the Nu HTML Checker in one run. Screenshots of each page type land
in docs/screenshots/.
"""

from html.parser import HTMLParser

import pytest

from tests.browser.registry import build_registry, empty_list_pages, public_pages
from tests.browser.support import BROWSER_TEST, VIEWPORTS, assert_no_problems, nu_html_check

pytestmark = BROWSER_TEST

LANGUAGES = ("sv", "en")


def _check_structure(visitor, page):
    """What every page owes a reader: its language, one h1, no sideways scrolling."""
    lang = visitor.page.locator("html").get_attribute("lang")
    if lang != visitor.lang:
        visitor.problems["page structure"].append(
            f"{visitor.where()}: <html lang> is {lang!r}, expected {visitor.lang!r}"
        )
    width = visitor.page.evaluate("() => document.documentElement.scrollWidth")
    viewport = visitor.page.viewport_size["width"]
    if width > viewport:
        visitor.problems["page structure"].append(
            f"{visitor.where()}: the page is {width} px wide, wider than the screen ({viewport} px)"
        )
    headings = visitor.page.locator("h1").count()
    if headings != 1:
        visitor.problems["page structure"].append(
            f"{visitor.where()}: {headings} h1 elements on the {page.label} page, expected 1"
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_public_page_passes_axe_with_no_console_errors_or_foreign_requests(visitor_for, lang):
    """Each page is loaded once and checked at both viewports, the mobile one by resizing."""
    visitor = visitor_for(lang, "desktop")

    def check_at_both_viewports(page):
        for viewport in VIEWPORTS:
            if viewport != visitor.viewport:
                visitor.resize(viewport)
                visitor.check()
            _check_structure(visitor, page)
            if page.screenshot:
                visitor.screenshot(page.name)
        visitor.resize("desktop")

    for page in empty_list_pages(lang):
        visitor.open(page.path)
        count = visitor.page.locator("#result-count").inner_text()
        assert count.strip().startswith("0 "), f"{visitor.where()}: the count reads {count!r}"
        check_at_both_viewports(page)

    registry = build_registry()
    for page in public_pages(lang, registry):
        visitor.open(page.path, status=page.status)
        check_at_both_viewports(page)

    assert_no_problems(visitor)


class InlineCode(HTMLParser):
    """Inline scripts, style elements, style and event-handler attributes: what CSP blocks."""

    DATA_TYPES = ("application/ld+json", "application/json")

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        line = self.getpos()[0]
        if tag == "style":
            self.found.append(f"line {line}: a <style> element")
        inline_script = tag == "script" and not attributes.get("src")
        if inline_script and (attributes.get("type") or "").lower() not in self.DATA_TYPES:
            self.found.append(f"line {line}: an inline <script>")
        for name in attributes:
            if name == "style" or name.startswith("on"):
                self.found.append(f"line {line}: a {name} attribute on <{tag}>")


def test_the_served_html_of_every_page_passes_the_nu_html_checker_with_no_inline_code(
    visitor_for, nu_html_checker
):
    visitor = visitor_for("sv")
    documents = {}

    def fetch(lang, page):
        url = visitor.url(page.path)
        response = visitor.context.request.get(url, fail_on_status_code=False)
        assert response.status == page.status, f"{url}: HTTP {response.status}"
        documents[f"{page.label} page {url} ({lang})"] = response.body()

    for lang in LANGUAGES:
        for page in empty_list_pages(lang):
            fetch(lang, page)
    registry = build_registry()
    for lang in LANGUAGES:
        for page in public_pages(lang, registry):
            fetch(lang, page)

    java, jar = nu_html_checker
    problems = {"Nu HTML Checker": nu_html_check(documents, java=java, jar=jar)}
    problems["inline script or style"] = []
    for label, body in documents.items():
        parser = InlineCode()
        parser.feed(body.decode())
        problems["inline script or style"] += [f"{label}: {found}" for found in parser.found]

    report = [
        f"{check} – {len(messages)} error(s):\n" + "\n".join(f"  {m}" for m in messages)
        for check, messages in problems.items()
        if messages
    ]
    assert not report, "\n".join(report)


def test_the_checks_name_the_page_the_rule_and_the_element(visitor_for):
    """The checks themselves: a page broken on purpose is reported, with where and what."""
    build_registry()
    visitor = visitor_for("en", "mobile")
    visitor.open("/en/actors/")
    visitor.page.evaluate(
        """() => {
          const image = document.createElement("img");
          image.id = "broken-on-purpose";
          image.src = "https://cdn.example.invalid/logo.png";
          document.querySelector("main").append(image);
          console.error("an error on purpose");
        }"""
    )
    visitor.page.wait_for_load_state("networkidle")
    visitor.check()

    with pytest.raises(AssertionError) as failure:
        assert_no_problems(visitor)

    report = str(failure.value)
    where = "/en/actors/ (English, mobile 375×812)"
    assert f"{where}: image-alt (critical)" in report
    assert "#broken-on-purpose" in report
    assert f"{where}: image https://cdn.example.invalid/logo.png" in report
    assert f"{where}: an error on purpose" in report
