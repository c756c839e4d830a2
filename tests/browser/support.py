"""What every browser test shares: a visitor that records what goes wrong, and the HTML checker.

A ``Visitor`` is one browser context in one language at one viewport. Every page it is
asked to check runs axe-core at WCAG 2.1 A/AA; all the while it records console errors,
uncaught exceptions and any request to a host other than the portal (those are blocked
too). Problems are collected, not raised one by one, so a failing test lists every page,
rule and element at once.
"""

import json
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

# Every browser test drives pages served by another thread: the data must be committed.
# The migrations carry reference data (priority areas, municipalities, staff groups) that a
# transactional test's flush would remove; serialized_rollback restores it for each test.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "mobile": {"width": 375, "height": 812},
}
LOCALES = {"sv": "sv-SE", "en": "en-GB"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"

_axe = Axe()


class Visitor:
    """A visitor in one language at one viewport, and everything that went wrong for them."""

    def __init__(self, context, base_url: str, *, lang: str, viewport: str, javascript: bool):
        self.context = context
        self.base_url = base_url.rstrip("/")
        self.host = urlsplit(base_url).netloc
        self.lang = lang
        self.viewport = viewport
        self.javascript = javascript
        self.problems: dict[str, list[str]] = defaultdict(list)
        self._expected_status: dict[str, int] = {}
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("request", self._request)
        self.page.on("console", self._console)
        self.page.on("pageerror", self._page_error)

    # What is recorded

    def where(self, url: str | None = None) -> str:
        """The page in words: its address, the language and the viewport."""
        viewport = "desktop 1280×800" if self.viewport == "desktop" else "mobile 375×812"
        language = "Swedish" if self.lang == "sv" else "English"
        return f"{url or self.page.url} ({language}, {viewport})"

    def _route(self, route):
        if urlsplit(route.request.url).netloc == self.host:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.host:
            self.problems["requests to other hosts"].append(
                f"{self.where()}: {request.resource_type} {request.url}"
            )

    def _console(self, message):
        if message.type != "error":
            return
        url = message.location.get("url", "")
        # Chromium reports an error status of the page itself as a console error; a page
        # that is meant to answer 404 (the not-found page) is not a problem.
        expected = self._expected_status.get(url)
        if expected and f"status of {expected}" in message.text:
            return
        self.problems["console errors"].append(f"{self.where()}: {message.text} ({url})")

    def _page_error(self, error):
        self.problems["console errors"].append(f"{self.where()}: uncaught {error}")

    # Moving about

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base_url + path

    def open(self, path: str, *, status: int = 200, check: bool = True):
        """Go to ``path``, expect ``status`` and (by default) check the page with axe."""
        url = self.url(path)
        self._expected_status[url] = status
        response = self.page.goto(url)
        assert response is not None, f"{self.where(url)}: no response"
        assert response.status == status, (
            f"{self.where(url)}: HTTP {response.status}, expected {status}"
        )
        if check:
            self.check()
        return response

    def follow(self, locator, *, check: bool = True):
        """Click ``locator`` (a link or a submit button), wait for the next page, check it."""
        with self.page.expect_navigation():
            locator.click()
        if check:
            self.check()

    def press_and_follow(self, locator, key: str = "Enter", *, check: bool = True):
        """Press ``key`` on ``locator`` (the keyboard's way to follow), wait, check the page."""
        with self.page.expect_navigation():
            locator.press(key)
        if check:
            self.check()

    def resize(self, viewport: str):
        """Show the current page at another viewport ("desktop" or "mobile") without reloading."""
        self.page.set_viewport_size(VIEWPORTS[viewport])
        self.viewport = viewport

    # Checks

    def check(self):
        """Run axe-core at WCAG 2.1 A/AA on the current page; record every violation."""
        if not self.javascript:
            # axe-core runs as a script in the page; the same pages are checked with scripts on.
            return
        result = _axe.run(self.page, options=AXE_OPTIONS)
        for violation in result.response["violations"]:
            selectors = "; ".join(_selector(node["target"]) for node in violation["nodes"])
            self.problems["axe-core (WCAG 2.1 A/AA)"].append(
                f"{self.where()}: {violation['id']} ({violation['impact']}): "
                f"{violation['help']} – {selectors}"
            )

    def screenshot(self, name: str) -> Path:
        """A full-page screenshot at docs/screenshots/<name>-<lang>-<viewport>.png."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}-{self.lang}-{self.viewport}.png"
        self.page.screenshot(path=path, full_page=True, animations="disabled", caret="hide")
        return path


def _selector(target) -> str:
    """axe's target: a selector, or a list of them through frames and shadow roots."""
    if isinstance(target, list):
        return " >>> ".join(_selector(part) for part in target)
    return str(target)


def assert_no_problems(*visitors: Visitor):
    """One assertion over everything the visitors recorded, grouped by check."""
    problems: dict[str, list[str]] = defaultdict(list)
    for visitor in visitors:
        for check, messages in visitor.problems.items():
            problems[check].extend(messages)
    report = [
        f"{check} – {len(messages)} problem(s):\n" + "\n".join(f"  {m}" for m in messages)
        for check, messages in problems.items()
        if messages
    ]
    assert not report, "\n".join(report)


def nu_html_check(documents: dict[str, bytes], *, java: str, jar: str) -> list[str]:
    """Run the Nu HTML Checker once over ``documents`` (label → served HTML); its errors."""
    with tempfile.TemporaryDirectory() as folder:
        labels, paths = {}, []
        for index, (label, body) in enumerate(documents.items()):
            path = (Path(folder) / f"page-{index:03d}.html").resolve()
            path.write_bytes(body)
            labels[str(path)] = label
            paths.append(str(path))
        completed = subprocess.run(
            [java, "-jar", jar, "--errors-only", "--format", "json", *paths],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    # The checker writes its JSON report to standard error.
    try:
        report = json.loads(completed.stderr or "{}")
    except json.JSONDecodeError:
        return [f"the Nu HTML Checker did not report: {completed.stderr[:2000]}"]
    errors = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        # The checker names a file "file:/path"; match on the path.
        url = message.get("url", "")
        label = labels.get(urlsplit(url).path, url or "the checker")
        extract = " ".join(message.get("extract", "").split())
        errors.append(
            f"{label}: line {message.get('lastLine', '?')}: {message.get('message')} [{extract}]"
        )
    return errors
