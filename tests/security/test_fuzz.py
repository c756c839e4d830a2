"""Bad input everywhere: arbitrary query strings, slugs and methods against every public URL.

Whatever arrives, the portal answers below 500, never shows a draft, and never
sends back markup it was given. The URLs come from walking the URL
configuration (tests/security/public_urls.py), so exports and API endpoints are
covered as soon as they are routed.
"""

import re
from urllib.parse import quote, unquote_plus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.conftest import DRAFT_MARKER, DRAFT_SLUGS
from tests.security.public_urls import detail_names, public_urls

pytestmark = pytest.mark.django_db

# One database-backed registry per test; hypothesis's examples only read it.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Parameters the lists, exports and the API read, and some they do not.
KNOWN_PARAMETERS = [
    "q", "kind", "area", "municipality", "helix", "stage", "cost", "language", "open",
    "programme", "phase", "archived", "sort", "page", "per_page", "in", "format",
    "limit", "offset", "cursor", "fields", "lang",
]  # fmt: skip

INJECTIONS = [
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% debug %}",
    "' OR 1=1 --",
    "%00\x00\x01",
    "../../etc/passwd",
    "Hemligtutkast",
]

HUGE_NUMBERS = st.sampled_from([10**20, -(10**20), 2**63, -(2**63) - 1, 2**31, -1, 0, 10**300]).map(
    str
)

VALUES = st.one_of(
    st.text(max_size=50),
    st.text(min_size=1000, max_size=3000, alphabet="aö9 <>&\"'%"),
    st.integers().map(str),
    HUGE_NUMBERS,
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(INJECTIONS),
    st.builds(lambda a, b: f"{a}<script>{b}</script>", st.text(max_size=5), st.text(max_size=5)),
    st.just(""),
)
NAMES = st.one_of(st.sampled_from(KNOWN_PARAMETERS), st.text(min_size=1, max_size=20))
# Repeated and missing parameters: a list of pairs, names may come back.
PARAMETERS = st.lists(st.tuples(NAMES, VALUES), max_size=8)

_SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def assert_safe(response, sent: list[str]):
    assert response.status_code < 500, response.status_code
    body = body_of(response)
    lowered = body.lower()
    for slug in DRAFT_SLUGS:
        assert slug not in lowered, f"draft {slug} leaked"
    if not any(DRAFT_MARKER.lower() in value.lower() for value in sent):
        assert DRAFT_MARKER.lower() not in lowered, "a draft's name leaked"
    if response.get("Content-Type", "").startswith("text/html"):
        for tag in _SCRIPT_TAG.findall(body):
            assert 'type="application/ld+json"' in tag, f"unexpected script tag {tag}"
        for value in sent:
            if "<" in value and len(value) > 3 and re.search(r"<\w", value):
                assert value not in body, f"markup sent back unescaped: {value[:60]!r}"


@pytest.fixture
def paths(registry):
    found = public_urls(registry)
    found["search box"] = reverse("search")
    with translation.override("en"):
        found["search box (en)"] = reverse("search")
    return sorted(set(found.values()))


@FUZZ
@given(data=st.data(), parameters=PARAMETERS)
def test_any_query_string_on_any_public_url(paths, data, parameters):
    path = data.draw(st.sampled_from(paths), label="path")
    client = Client()

    response = client.get(path, parameters)

    assert_safe(response, [value for _name, value in parameters] + [n for n, _v in parameters])


@FUZZ
@given(data=st.data(), raw=st.text(max_size=300))
def test_any_raw_query_string_even_broken_encoding(paths, data, raw):
    path = data.draw(st.sampled_from(paths), label="path")
    suffix = data.draw(st.sampled_from(["", "%", "%FF%FE", "%zz", "&&&==", "q=%E2%82"]))
    query = quote(raw, safe="=&%+") + suffix

    response = Client().get(path, QUERY_STRING=query)

    assert_safe(response, [unquote_plus(query), raw])


@FUZZ
@given(data=st.data(), slug=st.text(min_size=1, max_size=200))
def test_any_slug_on_any_detail_page(registry, data, slug):
    name = data.draw(st.sampled_from(detail_names()), label="page")
    language = data.draw(st.sampled_from(["sv", "en"]), label="language")
    with translation.override(language):
        base = reverse(name, kwargs={"slug": "placeholder"})
    path = base.replace("/placeholder/", f"/{quote(slug, safe='')}/")

    response = Client().get(path)

    assert_safe(response, [slug])
    if slug.lower() in DRAFT_SLUGS:
        assert response.status_code == 404


@pytest.mark.parametrize("slug", DRAFT_SLUGS)
def test_drafts_are_404_on_every_detail_page(registry, slug):
    for name in detail_names():
        for language in ("sv", "en"):
            with translation.override(language):
                path = reverse(name, kwargs={"slug": slug})
            response = Client().get(path)
            assert response.status_code == 404, path


@FUZZ
@given(
    data=st.data(),
    method=st.sampled_from(["HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]),
    body=st.binary(max_size=2000),
)
def test_any_method_and_body(paths, data, method, body):
    path = data.draw(st.sampled_from(paths), label="path")

    response = Client().generic(method, path, body, content_type="application/octet-stream")

    assert response.status_code < 500
    assert response.status_code in {200, 204, 301, 302, 400, 403, 404, 405, 413}


def test_a_search_for_a_drafts_name_finds_nothing_public(registry):
    for name in ("registry:actor_list", "registry:offer_list", "registry:project_list"):
        for language in ("sv", "en"):
            with translation.override(language):
                path = reverse(name)
            response = Client().get(path, {"q": DRAFT_MARKER})
            assert_safe(response, [DRAFT_MARKER])
            assert response.status_code == 200


def test_search_text_is_sent_back_escaped(registry):
    response = Client().get(reverse("registry:offer_list"), {"q": '"><script>alert(1)</script>'})

    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.parametrize(
    "path", ["/aktorer/%00/", "/en/actors/a%00b/", "/api/v1/actors/%00/", "/%00"]
)
def test_a_nul_character_in_the_address_is_a_bad_request(registry, path):
    response = Client().get(path)

    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.json() == {"detail": "Adressen innehåller ett tecken som inte är tillåtet."}
    assert "Content-Security-Policy" in response.headers
