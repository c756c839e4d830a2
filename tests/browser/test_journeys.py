"""The journeys people make through the portal, in Chromium, in Swedish and English.

Every page a journey reaches is checked with axe-core (WCAG 2.1 A/AA) and must log no console
error and request nothing from another host; see ``tests.browser.support.Visitor``.
"""

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from playwright.sync_api import expect

from registry.models import Actor, SupportOffer
from tests.browser.registry import LIFE_SCIENCE, SOLNA, build_registry
from tests.browser.support import BROWSER_TEST, assert_no_problems
from tests.factories import SupportOfferFactory

pytestmark = BROWSER_TEST

# What the visitor reads on the page, in each language.
TEXT = {
    "sv": {
        "home": "/",
        "search_site": "Sök i registret",
        "looking_for": "Vad letar du efter?",
        "search": "Sök",
        "actors": "Aktörer",
        "area": "Spetsområde",
        "municipality": "Kommun",
        "show_results": "Visa resultat",
        "contact": "Kontakt",
        "apply_or_ask": "Ansök eller fråga",
        "read_more_and_apply": "Läs mer och ansök",
        "need_funding": "Jag behöver finansiering",
        "kind_of_support": "Typ av stöd",
        "funding": "Finansiering, lån eller bidrag",
        "sort_by": "Sortera efter",
        "apply": "Använd",
        "pages": "Sidor",
        "next": "Nästa",
        "other_language": "English",
        "incubator_query": "inkubator",
        "life_science": "Life science",
        "actor": "Solna Life Science Inkubator",
        "offer": "Inkubatorprogram för medicinteknik",
    },
    "en": {
        "home": "/en/",
        "search_site": "Search the registry",
        "looking_for": "What are you looking for?",
        "search": "Search",
        "actors": "Actors",
        "area": "Priority area",
        "municipality": "Municipality",
        "show_results": "Show results",
        "contact": "Contact",
        "apply_or_ask": "Apply or ask",
        "read_more_and_apply": "Read more and apply",
        "need_funding": "I need funding",
        "kind_of_support": "Kind of support",
        "funding": "Funding, loan or grant",
        "sort_by": "Sort by",
        "apply": "Apply",
        "pages": "Pages",
        "next": "Next",
        "other_language": "Svenska",
        "incubator_query": "incubator",
        "life_science": "Life science",
        "actor": "Solna Life Science Incubator",
        "offer": "Incubation programme for medtech",
    },
}
LANGUAGES = ("sv", "en")
JAVASCRIPT = [pytest.param(True, id="js"), pytest.param(False, id="no-js")]


def result_titles(page) -> list[str]:
    return [
        title.strip() for title in page.locator(".result-list .result__title").all_inner_texts()
    ]


def result_slugs(page) -> list[str]:
    """The slugs of the entries listed, from their links."""
    links = page.locator(".result-list .result__title a").all()
    return [link.get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for link in links]


def result_count(page) -> int:
    text = page.locator("#result-count").inner_text()
    match = re.match(r"\s*(\d+)", text)
    assert match, f"the result count reads {text!r}"
    return int(match.group(1))


def facet(page, legend: str):
    return page.get_by_role("group", name=legend, exact=True)


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


# 1 and 5: search, narrow, open an actor, follow its offer, read the contact details.


@pytest.mark.parametrize("javascript", JAVASCRIPT)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_narrow_open_an_actor_follow_its_offer_and_read_the_contact_details(
    visitor_for, lang, javascript
):
    text = TEXT[lang]
    build_registry()
    visitor = visitor_for(lang, javascript=javascript)
    page = visitor.page

    visitor.open(text["home"])
    home_search = page.get_by_role("search", name=text["search_site"])
    home_search.get_by_label(text["looking_for"]).fill(text["incubator_query"])
    home_search.get_by_role("radio", name=text["actors"], exact=True).check()
    visitor.follow(home_search.get_by_role("button", name=text["search"], exact=True))

    assert query_of(page.url)["q"] == [text["incubator_query"]]
    assert result_count(page) == 4
    assert "Hemlig Inkubator" not in result_titles(page)  # a draft

    facet(page, text["area"]).get_by_role("checkbox", name=text["life_science"]).check()
    visitor.follow(page.get_by_role("button", name=text["show_results"]))
    assert result_count(page) == 2

    facet(page, text["municipality"]).get_by_role("checkbox", name="Solna").check()
    visitor.follow(page.get_by_role("button", name=text["show_results"]))
    assert result_titles(page) == [text["actor"]]
    state = query_of(page.url)
    assert state["q"] == [text["incubator_query"]]
    assert state["area"] == [LIFE_SCIENCE]
    assert state["municipality"] == [SOLNA]

    visitor.follow(page.get_by_role("link", name=text["actor"]))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["actor"])

    visitor.follow(page.get_by_role("link", name=text["offer"]))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["offer"])
    apply_or_ask = page.get_by_role("region", name=text["apply_or_ask"])
    expect(apply_or_ask.get_by_role("link", name=text["read_more_and_apply"])).to_have_attribute(
        "href", "https://inkubator.example.se/ansok"
    )

    visitor.follow(apply_or_ask.get_by_role("link", name=text["actor"]))
    contact = page.get_by_role("region", name=text["contact"], exact=True)
    expect(contact.get_by_role("link", name="kontakt@inkubator.example.se")).to_have_attribute(
        "href", "mailto:kontakt@inkubator.example.se"
    )
    expect(contact.get_by_role("link", name="08-524 800 00")).to_have_attribute(
        "href", "tel:0852480000"
    )
    expect(contact).to_contain_text("Nobels väg 3")
    expect(contact).to_contain_text("171 65 Solna")

    assert_no_problems(visitor)


# 2 and 5: a need on the start page, sort, page 2, and the URL brings the same view back.

FUNDING_NAMES = [
    *(f"Innovationscheck {letter}" for letter in "ABCDEFGHIJKLMNOPQRS"),
    "Årligt bidrag för forskningssamarbete",
    "Ängelinvesterare i nätverk",
    "Ökat kapital för export",
]


def swedish_order(name: str) -> str:
    """Swedish alphabetical order: å, ä and ö come after z."""
    return name.lower().translate(str.maketrans("åäö", "{|}"))


@pytest.mark.parametrize("javascript", JAVASCRIPT)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_need_opens_its_offers_sorted_and_paged_and_the_url_restores_the_view(
    visitor_for, lang, javascript
):
    text = TEXT[lang]
    registry = build_registry()
    for name in FUNDING_NAMES:
        SupportOfferFactory(actor=registry.medtech_incubator, name_sv=name, kind="funding")
    SupportOfferFactory(
        actor=registry.medtech_incubator, name_sv="Utkastlån", kind="funding", draft=True
    )
    funding = SupportOffer.objects.published().filter(kind="funding")
    names = [
        (offer.name_en or offer.name_sv) if lang == "en" else offer.name_sv for offer in funding
    ]
    expected = sorted(names, key=swedish_order)
    assert len(expected) == 23
    visitor = visitor_for(lang, javascript=javascript)
    page = visitor.page

    visitor.open(text["home"])
    visitor.follow(page.get_by_role("link", name=text["need_funding"]))
    assert query_of(page.url)["kind"] == ["funding"]
    assert result_count(page) == 23
    expect(
        facet(page, text["kind_of_support"]).get_by_role("checkbox", name=text["funding"])
    ).to_be_checked()

    page.get_by_label(text["sort_by"]).select_option("name")
    visitor.follow(page.get_by_role("button", name=text["apply"], exact=True))
    assert result_titles(page) == expected[:20]

    pages = page.get_by_role("navigation", name=text["pages"])
    visitor.follow(pages.get_by_role("link", name=text["next"]))
    second_page = result_titles(page)
    assert second_page == expected[20:]
    assert "Utkastlån" not in second_page
    state = query_of(page.url)
    assert (state["kind"], state["sort"], state["page"]) == (["funding"], ["name"], ["2"])

    # The address alone, in a new browser, gives the same view.
    bookmark = page.url
    other = visitor_for(lang, javascript=javascript)
    other.open(bookmark)
    assert result_titles(other.page) == second_page
    expect(other.page.get_by_label(text["sort_by"])).to_have_value("name")
    expect(
        facet(other.page, text["kind_of_support"]).get_by_role("checkbox", name=text["funding"])
    ).to_be_checked()
    current = other.page.get_by_role("navigation", name=text["pages"]).locator(
        "[aria-current='page']"
    )
    expect(current).to_contain_text("2")

    assert_no_problems(visitor, other)


# 3: switching language keeps the filtered result.


@pytest.mark.parametrize("lang", LANGUAGES)
def test_switching_language_on_a_filtered_list_keeps_the_same_result(visitor_for, lang):
    text = TEXT[lang]
    registry = build_registry()
    visitor = visitor_for(lang)
    page = visitor.page
    with translation.override(lang):
        url = reverse("registry:actor_list")
    visitor.open(f"{url}?kind=incubator&area={LIFE_SCIENCE}&sort=name")
    before = result_slugs(page)
    assert before == [registry.medtech_incubator.slug, registry.solna_incubator.slug]

    visitor.follow(
        page.locator(".language-switch").get_by_role("link", name=text["other_language"])
    )

    other_lang = "en" if lang == "sv" else "sv"
    assert page.locator("html").get_attribute("lang") == other_lang
    with translation.override(other_lang):
        assert urlsplit(page.url).path == reverse("registry:actor_list")
    assert query_of(page.url) == {"kind": ["incubator"], "area": [LIFE_SCIENCE], "sort": ["name"]}
    assert result_slugs(page) == before
    expect(
        facet(page, TEXT[other_lang]["area"]).get_by_role(
            "checkbox", name=TEXT[other_lang]["life_science"]
        )
    ).to_be_checked()

    assert_no_problems(visitor)


# 4: the CSV export of the current result matches the page.


def _export_url_exists() -> bool:
    try:
        reverse("registry:actor_export", kwargs={"fmt": "csv"})
    except NoReverseMatch:
        return False
    return True


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_csv_export_of_a_filtered_list_holds_exactly_its_rows(visitor_for, lang):
    assert _export_url_exists(), "the list pages have no CSV export (actors:actor_export)"
    registry = build_registry()
    visitor = visitor_for(lang)
    page = visitor.page
    with translation.override(lang):
        url = reverse("registry:actor_list")
    visitor.open(f"{url}?q={TEXT[lang]['incubator_query']}&area={LIFE_SCIENCE}")
    slugs, titles = result_slugs(page), result_titles(page)
    assert set(slugs) == {registry.solna_incubator.slug, registry.medtech_incubator.slug}

    # Plain CSV, and the variant for Excel (semicolons, a byte-order mark): the same rows.
    links = page.get_by_role("link", name=re.compile("CSV")).all()
    assert links, f"{visitor.where()}: no CSV link"
    for link in links:
        state = query_of(link.get_attribute("href"))
        assert (state["q"], state["area"]) == ([TEXT[lang]["incubator_query"]], [LIFE_SCIENCE])
        with page.expect_download() as download_info:
            link.click()
        content = download_info.value.path().read_bytes().decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(content.splitlines()[0], delimiters=",;")
        rows = list(csv.DictReader(io.StringIO(content), dialect=dialect))

        assert sorted(row["slug"] for row in rows) == sorted(slugs), link.inner_text()
        names = {row["slug"]: row["name_sv"] for row in rows}
        if lang == "en":
            names = {row["slug"]: row["name_en"] or row["name_sv"] for row in rows}
        assert [names[slug] for slug in slugs] == titles, link.inner_text()
    assert len(slugs) == result_count(page)
    assert_no_problems(visitor)


# 6: staff create a draft, publish it, and import a file with a bad row.

PASSWORD = "a long test password"


def _log_in(visitor, username: str):
    page = visitor.page
    visitor.page.goto(visitor.url("/admin/login/?next=/admin/"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    expect(page.locator("#user-tools")).to_contain_text(username)


def _choose(page, field: str, search: str, option: str):
    """Pick ``option`` in the admin's autocomplete widget of ``field`` by typing ``search``."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).first.click()


@pytest.fixture
def quick_passwords(settings):
    """A fast password hasher, so that signing in takes no noticeable time in tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_staff_draft_is_hidden_until_published_and_a_bad_import_writes_nothing(
    quick_passwords, visitor_for, editor, publisher
):
    build_registry()
    public = visitor_for("sv")

    # An editor creates an actor: it is a draft, and the public gets a 404.
    staff = visitor_for("sv")
    page = staff.page
    _log_in(staff, editor.username)
    page.goto(staff.url(reverse("admin:actors_actor_add")))
    page.locator("#id_name_sv").fill("Vätgastestbädden Södertälje")
    page.locator("#id_kind").select_option("test_bed")
    page.locator("#id_helix_sector").select_option("business")
    page.locator("#id_description_sv").fill("En testbädd för vätgas i tung industri.")
    _choose(page, "priority_areas", "produktion", "Industriell omställning")
    _choose(page, "municipality", "Söder", "Södertälje")
    with page.expect_navigation():
        page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Vätgastestbädden Södertälje")
    actor = Actor.objects.get(name_sv="Vätgastestbädden Södertälje")
    assert actor.status == "draft"
    assert actor.slug == "vatgastestbadden-sodertalje"  # made from the name as it was typed

    public.open(f"/aktorer/{actor.slug}/", status=404)
    expect(public.page.get_by_role("heading", level=1)).to_have_text("Sidan finns inte")
    public.open("/aktorer/?q=vätgas")
    assert result_count(public.page) == 0

    # A publisher publishes it; the public search finds it.
    publishing = visitor_for("sv")
    _log_in(publishing, publisher.username)
    publishing.page.goto(publishing.url(reverse("admin:actors_actor_change", args=[actor.pk])))
    publishing.page.locator("#id_status").select_option("published")
    with publishing.page.expect_navigation():
        publishing.page.locator("input[name=_save]").click()
    expect(publishing.page.locator(".messagelist")).to_contain_text("Vätgastestbädden")
    assert Actor.objects.get(pk=actor.pk).status == "published"

    public.open("/aktorer/")
    public.page.get_by_role("searchbox", name="Sök").fill("vätgas")
    public.follow(public.page.get_by_role("button", name="Sök", exact=True))
    assert result_titles(public.page) == ["Vätgastestbädden Södertälje"]
    public.follow(public.page.get_by_role("link", name="Vätgastestbädden Södertälje"))
    expect(public.page.get_by_role("heading", level=1)).to_have_text("Vätgastestbädden Södertälje")

    # The editor imports a file with one bad row: the row is named and nothing is written.
    header = "slug,name_sv,kind,helix_sector,municipality_code,description_sv\n"
    good_row = "labbet-i-flemingsberg,Labbet i Flemingsberg,test_bed,academia,0126,Ett labb.\n"
    bad_row = "trasiga-raden,Trasiga raden,rymdskepp,business,0180,Fel typ.\n"
    last_row = "nacka-kluster,Nacka kluster,cluster,business,0182,Ett kluster.\n"

    def upload(content: str):
        page.goto(staff.url(reverse("admin:actors_actor_import")))
        page.locator("#id_format").select_option(label="csv")
        page.locator("#id_import_file").set_input_files(
            files=[{"name": "aktorer.csv", "mimeType": "text/csv", "buffer": content.encode()}]
        )
        with page.expect_navigation():
            page.locator("input[type=submit]").last.click()

    upload(header + good_row + bad_row + last_row)
    invalid = page.locator("table.import-preview tbody tr").nth(1)
    expect(invalid).to_contain_text("Ogiltig")
    expect(invalid.locator(".errors")).to_contain_text("Rad 3")
    expect(invalid.locator(".errors")).to_contain_text("kind")
    expect(invalid.locator(".errors")).to_contain_text("rymdskepp")
    expect(page.locator("input[name=confirm]")).to_have_count(0)
    imported = ["labbet-i-flemingsberg", "trasiga-raden", "nacka-kluster"]
    assert not Actor.objects.filter(slug__in=imported).exists()

    # Fixed, the file imports; the new entries are drafts.
    upload(header + good_row + bad_row.replace("rymdskepp", "cluster") + last_row)
    expect(page.locator(".import-summary")).to_contain_text("3")
    with page.expect_navigation():
        page.locator("input[name=confirm]").click()
    expect(page.locator(".messagelist")).to_contain_text("3")
    assert sorted(Actor.objects.filter(slug__in=imported).values_list("slug", "status")) == sorted(
        (slug, "draft") for slug in imported
    )

    assert_no_problems(public)
