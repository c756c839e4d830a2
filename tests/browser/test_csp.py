"""The Content-Security-Policy holds on every page, the admin included: Chromium reports no
violation while a staff member signs in with two factors and goes through the admin.

Violations are caught twice over: from the console ("… violates the following Content
Security Policy directive …") and from ``securitypolicyviolation`` events, recorded by a
listener that Playwright installs through the DevTools protocol (which the policy does not
govern). A probe page with inline script and style proves that both catch what they should.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from innovation_portal.security import content_security_policy
from tests.browser.registry import build_registry, public_pages

# The probe needs no database: only the test of the portal's pages has BROWSER_TEST's marks.

LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile || "?"}:${event.lineNumber}`
  );
});
"""


class PolicyWatch:
    """One browser context that records every CSP violation of every page it opens."""

    def __init__(self, browser, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.context = browser.new_context(service_workers="block")
        self.context.set_default_timeout(15_000)
        self.context.add_init_script(LISTENER)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.violations: list[str] = []
        self.visited: list[str] = []

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(f"console: {self.page.url}: {message.text}")

    def collect(self):
        for violation in self.page.evaluate("() => window.__cspViolations || []"):
            self.violations.append(f"event: {self.page.url}: {violation}")
        self.page.evaluate("() => { window.__cspViolations = []; }")

    def open(self, path: str):
        response = self.page.goto(urljoin(self.base_url, path), wait_until="load")
        assert response is not None, path
        assert response.status < 500, (path, response.status)
        assert "content-security-policy" in response.headers
        self.visited.append(path)
        self.collect()
        return response

    def links(self, selector: str) -> list[str]:
        hrefs = self.page.eval_on_selector_all(selector, "els => els.map(e => e.href)")
        return [
            urlsplit(href).path + (f"?{urlsplit(href).query}" if urlsplit(href).query else "")
            for href in hrefs
        ]

    def close(self):
        self.context.close()


@pytest.fixture
def watch(browser, live_server):
    watcher = PolicyWatch(browser, live_server.url)
    yield watcher
    watcher.close()


@pytest.mark.browser
def test_the_watch_catches_inline_script_and_style(browser, settings):
    # A page of its own, under the portal's policy: no server and no database needed.
    policy = content_security_policy(settings.SECURE_CONTENT_SECURITY_POLICY)
    watch = PolicyWatch(browser, "http://csp-probe.test")
    try:
        watch.context.route(
            "http://csp-probe.test/**",
            lambda route: route.fulfill(
                status=200,
                headers={"Content-Type": "text/html", "Content-Security-Policy": policy},
                body=(
                    '<!DOCTYPE html><p style="color:red">x</p><script>document.title="x"</script>'
                ),
            ),
        )
        watch.open("/")
    finally:
        watch.close()

    for source in ("console", "event"):
        caught = [v for v in watch.violations if v.startswith(source)]
        assert any("script-src" in v for v in caught), (source, watch.violations)
        assert any("style-src" in v for v in caught), (source, watch.violations)


def _code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as BROWSER_TEST
def test_no_page_violates_the_policy_public_or_admin(watch, settings):
    """Every public page in both languages, then a two-factor sign-in and every admin page.

    One test, not several: each browser test empties the database when it ends.
    """
    settings.REQUIRE_STAFF_2FA = True
    registry = build_registry()
    for lang in ("sv", "en"):
        for page in public_pages(lang, registry):
            watch.open(page.path)
    assert watch.violations == [], "\n".join(watch.violations)
    public_count = len(watch.visited)
    assert public_count >= 30

    user = get_user_model().objects.create_superuser(
        "granskare", "granskare@example.se", "a long admin password"
    )
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)

    watch.open("/admin/login/?next=/admin/")
    watch.page.fill("#id_username", "granskare")
    watch.page.fill("#id_password", "a long admin password")
    watch.page.fill("#id_otp_token", _code(device))
    with watch.page.expect_navigation():
        watch.page.click("input[type=submit]")
    assert urlsplit(watch.page.url).path == "/admin/", watch.page.content()[:500]
    watch.collect()

    changelists = sorted(set(watch.links("#content-main table a[href$='/']")))
    assert "/admin/actors/actor/" in changelists
    for changelist in changelists:
        if not re.fullmatch(r"/admin/[\w-]+/[\w-]+/(add/)?", changelist):
            continue
        watch.open(changelist)
        if changelist.endswith("/add/"):
            continue
        rows = watch.links("#result_list tbody th a")
        if rows:
            change = rows[0]
            watch.open(change)
            watch.open(change.replace("/change/", "/history/"))

    # The pages with most behaviour: forms with inlines and autocompletes, filters,
    # deletion, import and export, password change, and the admin in English.
    actor_add = watch.open("/admin/actors/actor/add/")
    assert actor_add.ok
    watch.page.locator("#id_name_sv").press_sequentially("Ny aktör")  # script fills the slug
    assert watch.page.input_value("#id_slug") == "ny-aktor"
    watch.page.click(".field-priority_areas .select2-selection")
    watch.page.wait_for_selector(".select2-results__option")
    watch.collect()
    watch.open("/admin/actors/project/add/")
    watch.page.click(".add-row a")
    watch.collect()
    for path in [
        "/admin/actors/actor/?q=inkubator&status__exact=published",
        "/admin/actors/actor/import/",
        "/admin/actors/actor/export/",
        "/admin/password_change/",
        "/en/admin/",
        "/en/admin/actors/supportoffer/",
    ]:
        watch.open(path)
    watch.open("/admin/actors/actor/")
    for change in watch.links("#result_list tbody th a")[:2]:
        watch.open(change.replace("/change/", "/delete/"))  # archive-instead or Django's page

    assert watch.violations == [], "\n".join(watch.violations)
    assert len(watch.visited) - public_count >= 25
