"""The three public lists: facets and their counts, odd input, paging, sorting, query counts."""

import datetime
import html
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import selectors
from registry.models import Actor, Project, SupportOffer
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
AREA_1 = "life-science-vard-och-halsa"
AREA_2 = "ikt-tech-och-digitalisering"
AREA_3 = "industriell-omstallning-hallbar-produktion"
STOCKHOLM = "0180"
SOLNA = "0184"

LISTS = {
    "actors": (selectors.actor_list, "registry:actor_list"),
    "offers": (selectors.offer_list, "registry:offer_list"),
    "projects": (selectors.project_list, "registry:project_list"),
}
PARAMETERS = {
    "actors": [
        "q",
        "kind",
        "area",
        "municipality",
        "helix",
        "archived",
        "sort",
        "page",
        "per_page",
    ],
    "offers": [
        "q",
        "kind",
        "area",
        "stage",
        "cost",
        "open",
        "language",
        "municipality",
        "archived",
        "sort",
        "page",
        "per_page",
    ],
    "projects": ["q", "programme", "area", "phase", "archived", "sort", "page", "per_page"],
}
MARKER = "<script>x</script>"

_RESULT_RE = re.compile(r'<h3 class="result__title">\s*<a href="[^"]*"[^>]*>([^<]*)</a>')


def url(name: str, language: str = "sv", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def result_titles(response) -> list[str]:
    assert response.status_code == 200
    return [html.unescape(t).strip() for t in _RESULT_RE.findall(response.content.decode())]


def titles(client, list_name: str, query: str = "", language: str = "sv") -> list[str]:
    path = url(LISTS[list_name][1], language)
    return result_titles(client.get(f"{path}?{query}" if query else path))


def listing(list_name: str, query: str = "", language: str = "sv"):
    with translation.override(language):
        return LISTS[list_name][0](data=QueryDict(query))


def facet(listing_, name: str) -> dict[str, int]:
    """``{value: count}`` of one facet of a Listing."""
    (found,) = [f for f in listing_.facets if f.name == name]
    return {option.value: option.count for option in found.options}


def assert_counts_equal_results(client, list_name: str, query: str = "") -> None:
    """Every option's count is the number of results when that option is chosen in its facet,
    and the page shows that count next to the option's label (options without results hidden).
    """
    current = listing(list_name, query)
    path = url(LISTS[list_name][1])
    page = client.get(f"{path}?{query}" if query else path).content.decode()
    for facet_ in current.facets:
        for option in facet_.options:
            chosen = QueryDict(query, mutable=True)
            chosen.setlist(facet_.name, [option.value])
            chosen["per_page"] = "100"
            narrowed = listing(list_name, chosen.urlencode())
            where = (query, facet_.name, option.value)
            assert option.count == narrowed.total == len(narrowed.entries), where
            checkbox = re.compile(rf'name="{facet_.name}"\s+value="{re.escape(option.value)}"')
            if option.count or option.selected:
                assert f'{escape(option.label)} <span class="count">({option.count})</span>' in page
                assert checkbox.search(page), where
            else:
                assert not checkbox.search(page), where


# Data ---------------------------------------------------------------------------------------


@pytest.fixture
def actors(areas, stockholm, solna):
    """Four published actors, plus a draft and an archived one that match every facet."""
    kinds = Actor.Kind
    sectors = Actor.HelixSector
    ActorFactory(
        name_sv="Alfa",
        kind=kinds.INCUBATOR,
        municipality=stockholm,
        helix_sector=sectors.ACADEMIA,
        priority_areas=[areas[AREA_1]],
    )
    ActorFactory(
        name_sv="Beta",
        kind=kinds.INCUBATOR,
        municipality=solna,
        helix_sector=sectors.BUSINESS,
        priority_areas=[areas[AREA_1], areas[AREA_2]],
    )
    ActorFactory(
        name_sv="Gamma",
        kind=kinds.SCIENCE_PARK,
        municipality=stockholm,
        helix_sector=sectors.BUSINESS,
        priority_areas=[areas[AREA_3]],
    )
    ActorFactory(
        name_sv="Delta", kind=kinds.CLUSTER, municipality=solna, helix_sector=sectors.PUBLIC
    )
    for status in ("draft", "archived"):
        ActorFactory(
            name_sv=f"Utkast {status}",
            status=status,
            kind=kinds.INCUBATOR,
            municipality=stockholm,
            helix_sector=sectors.ACADEMIA,
            priority_areas=[areas[AREA_1]],
        )


@pytest.fixture
def offers(areas, stockholm, solna):
    today = timezone.localdate()
    in_stockholm = ActorFactory(name_sv="Aktör i Stockholm", municipality=stockholm)
    in_solna = ActorFactory(name_sv="Aktör i Solna", municipality=solna)
    SupportOfferFactory(
        name_sv="Alfa",
        actor=in_stockholm,
        kind=SupportOffer.Kind.FUNDING,
        stages=["idea"],
        cost="free",
        languages=["sv"],
        priority_areas=[areas[AREA_1]],
    )
    SupportOfferFactory(
        name_sv="Beta",
        actor=in_solna,
        kind=SupportOffer.Kind.ADVICE,
        stages=["startup", "scaleup"],
        cost="fee",
        languages=["en"],
        application="deadline",
        deadline=today + 10 * DAY,
        priority_areas=[areas[AREA_2]],
    )
    SupportOfferFactory(
        name_sv="Gamma",
        actor=in_stockholm,
        kind=SupportOffer.Kind.ADVICE,
        stages=["established"],
        cost="equity",
        languages=["sv", "en"],
        application="deadline",
        deadline=today - DAY,
        priority_areas=[areas[AREA_1]],
    )
    SupportOfferFactory(
        name_sv="Delta",
        actor=in_solna,
        kind=SupportOffer.Kind.NETWORK,
        stages=[],
        cost="free",
        languages=["sv"],
        application="deadline",
        deadline=today,
    )
    hidden = ActorFactory(name_sv="Utkastaktör", municipality=stockholm, draft=True)
    SupportOfferFactory(name_sv="Hos utkastaktör", actor=hidden, kind=SupportOffer.Kind.FUNDING)
    SupportOfferFactory(name_sv="Utkast", actor=in_stockholm, draft=True)
    SupportOfferFactory(name_sv="Arkiverat", actor=in_stockholm, archived=True)


@pytest.fixture
def projects(areas):
    today = timezone.localdate()
    programmes = Project.FundingProgramme
    ProjectFactory(
        name_sv="Alfa",
        acronym="",
        funding_programme=programmes.VINNOVA,
        start_date=today + 30 * DAY,
        end_date=today + 400 * DAY,
        priority_areas=[areas[AREA_1]],
    )
    ProjectFactory(
        name_sv="Beta",
        acronym="",
        funding_programme=programmes.HORIZON_EUROPE,
        start_date=today - 30 * DAY,
        end_date=today + 30 * DAY,
        priority_areas=[areas[AREA_2]],
    )
    ProjectFactory(
        name_sv="Gamma",
        acronym="",
        funding_programme=programmes.VINNOVA,
        start_date=today - 400 * DAY,
        end_date=today - DAY,
        priority_areas=[areas[AREA_1], areas[AREA_2]],
    )
    ProjectFactory(
        name_sv="Delta",
        acronym="",
        funding_programme=programmes.ERDF,
        start_date=today,
        end_date=None,
    )
    ProjectFactory(name_sv="Utkast", acronym="", draft=True)
    ProjectFactory(name_sv="Arkiverat", acronym="", archived=True)


# Facets narrow the lists -----------------------------------------------------------------


@pytest.mark.usefixtures("actors")
def test_actor_facets_or_within_and_across(client):
    cases = [
        ("", ["Alfa", "Beta", "Delta", "Gamma"]),
        ("kind=incubator", ["Alfa", "Beta"]),
        ("kind=science_park", ["Gamma"]),
        (f"area={AREA_1}", ["Alfa", "Beta"]),
        (f"area={AREA_3}", ["Gamma"]),
        (f"municipality={STOCKHOLM}", ["Alfa", "Gamma"]),
        ("helix=business", ["Beta", "Gamma"]),
        ("kind=incubator&kind=cluster", ["Alfa", "Beta", "Delta"]),
        (f"area={AREA_2}&area={AREA_3}", ["Beta", "Gamma"]),
        (f"kind=incubator&municipality={SOLNA}", ["Beta"]),
        (f"helix=business&area={AREA_1}", ["Beta"]),
        ("kind=incubator&helix=public", []),
    ]
    for query, expected in cases:
        assert titles(client, "actors", query) == expected, query
        assert listing("actors", query).total == len(expected), query


@pytest.mark.usefixtures("offers")
def test_offer_facets_or_within_and_across(client):
    cases = [
        ("", ["Alfa", "Beta", "Delta", "Gamma"]),
        ("kind=advice", ["Beta", "Gamma"]),
        (f"area={AREA_1}", ["Alfa", "Gamma"]),
        ("stage=startup", ["Beta"]),
        ("stage=idea&stage=established", ["Alfa", "Gamma"]),
        ("cost=free", ["Alfa", "Delta"]),
        ("cost=fee&cost=equity", ["Beta", "Gamma"]),
        ("language=en", ["Beta", "Gamma"]),
        ("language=sv", ["Alfa", "Delta", "Gamma"]),
        ("open=yes", ["Alfa", "Beta", "Delta"]),
        (f"municipality={STOCKHOLM}", ["Alfa", "Gamma"]),
        (f"kind=advice&municipality={STOCKHOLM}", ["Gamma"]),
        ("open=yes&language=en", ["Beta"]),
    ]
    for query, expected in cases:
        assert titles(client, "offers", query) == expected, query
        assert listing("offers", query).total == len(expected), query


@pytest.mark.usefixtures("projects")
def test_project_facets_or_within_and_across(client):
    cases = [
        ("", ["Alfa", "Beta", "Delta", "Gamma"]),
        ("programme=vinnova", ["Alfa", "Gamma"]),
        ("programme=vinnova&programme=erdf", ["Alfa", "Delta", "Gamma"]),
        (f"area={AREA_2}", ["Beta", "Gamma"]),
        ("phase=planned", ["Alfa"]),
        ("phase=ongoing", ["Beta", "Delta"]),
        ("phase=completed", ["Gamma"]),
        ("phase=planned&phase=completed", ["Alfa", "Gamma"]),
        ("programme=vinnova&phase=completed", ["Gamma"]),
        (f"phase=ongoing&area={AREA_1}", []),
    ]
    for query, expected in cases:
        assert titles(client, "projects", query) == expected, query
        assert listing("projects", query).total == len(expected), query


@pytest.mark.usefixtures("actors")
@pytest.mark.parametrize(
    "query",
    [
        "",
        f"kind=incubator&municipality={SOLNA}",
        "kind=incubator&kind=science_park&helix=business",
        f"q=inkubator&area={AREA_1}&archived=1",
    ],
)
def test_actor_counts_equal_the_results_of_each_option(client, query):
    assert_counts_equal_results(client, "actors", query)


@pytest.mark.usefixtures("offers")
@pytest.mark.parametrize(
    "query",
    [
        "",
        "open=yes&language=en",
        f"stage=idea&stage=established&municipality={STOCKHOLM}&cost=free&archived=1",
    ],
)
def test_offer_counts_equal_the_results_of_each_option(client, query):
    assert_counts_equal_results(client, "offers", query)


@pytest.mark.usefixtures("projects")
@pytest.mark.parametrize(
    "query", ["", "phase=ongoing&phase=planned", f"programme=vinnova&area={AREA_2}&archived=1"]
)
def test_project_counts_equal_the_results_of_each_option(client, query):
    assert_counts_equal_results(client, "projects", query)


@pytest.mark.usefixtures("actors")
def test_municipality_counts_follow_the_selected_kind(client):
    everything = listing("actors")
    incubators = listing("actors", "kind=incubator")

    assert facet(everything, "municipality")[STOCKHOLM] == 2
    assert facet(everything, "municipality")[SOLNA] == 2
    assert facet(incubators, "municipality")[STOCKHOLM] == 1
    assert facet(incubators, "municipality")[SOLNA] == 1
    page = client.get(url("registry:actor_list"), {"kind": "incubator"}).content.decode()
    assert 'Stockholm <span class="count">(1)</span>' in page
    assert 'Solna <span class="count">(1)</span>' in page


@pytest.mark.usefixtures("actors")
def test_selected_facet_keeps_the_counts_of_its_other_options():
    incubators = listing("actors", "kind=incubator")

    assert facet(incubators, "kind")["incubator"] == 2
    assert facet(incubators, "kind")["science_park"] == 1
    assert facet(incubators, "kind")["cluster"] == 1
    assert incubators.total == 2


@pytest.mark.usefixtures("offers")
def test_offer_counts_leave_out_drafts_and_offers_of_draft_actors():
    counts = facet(listing("offers"), "kind")

    assert counts["funding"] == 1
    assert counts["advice"] == 2


@pytest.mark.usefixtures("actors")
def test_unknown_facet_values_are_dropped_and_known_ones_kept(client):
    query = "kind=incubator&kind=spaceport&municipality=9999&area=nowhere&helix=robots"

    assert titles(client, "actors", query) == ["Alfa", "Beta"]
    assert listing("actors", query).filterset.cleaned["kind"] == ["incubator"]


# Odd input never breaks a list --------------------------------------------------------------

ODD_QUERIES = [
    "kind=nonsense&area=nowhere&municipality=9999&helix=x&stage=x&cost=x&language=xx",
    "programme=x&phase=sometime&open=no",
    "sort=random",
    "sort=",
    "per_page=7",
    "per_page=100000",
    "per_page=-5",
    "page=0",
    "page=-1",
    "page=abc",
    "page=999999",
    "page=99999999999999999999999999",
    "page=1e3",
    "page=%00",
    "q=" + "x" * 5000,
    "q=" + "ord+" * 2000,
    "q=%00",
    "q=a%00b",
    "kind=%00&municipality=%00&sort=%00&per_page=%00",
    "%00=%00",
    "q=a&q=b&kind=incubator&kind=incubator&sort=name&sort=newest&page=1&page=2",
    "archived=1&archived=0&archived=%00",
    "q=" + quote("\u200finkubator\u200e \u202eabc"),
    "q=" + quote("🚀🙂 labb🙂 👩‍🔬"),
    "q=" + quote("ca\u0301fe\u0301 a\u0308\u0308\u0308"),
    "q=" + quote('"unclosed -"" -- or or eller -'),
    "q=" + quote("'; DROP TABLE actors_actor; -- \\ : * & | ! <-> ( )"),
    "q=" + quote("İstanbul ǅ ﬁ ß ẞ ١٢٣ x² Ⅷ"),
    "q=%ff%fe",
    "kind=" + quote("\u200fincubator"),
    "q=or",
    "q=-",
]


@pytest.mark.usefixtures("actors", "offers", "projects")
@pytest.mark.parametrize("list_name", LISTS)
def test_odd_query_strings_give_a_normal_page(client, list_name):
    failures = []
    for query in ODD_QUERIES:
        for language in ("sv", "en"):
            response = client.get(f"{url(LISTS[list_name][1], language)}?{query}")
            if response.status_code != 200:
                failures.append((language, query[:80], response.status_code))

    assert failures == []


@pytest.fixture
def hidden_drafts():
    """A draft of each kind, and a published offer of a draft actor."""
    draft_actor = ActorFactory(name_sv="Hemlig aktör", slug="hemlig-aktor", draft=True)
    ActorFactory(name_sv="Synlig aktör")
    SupportOfferFactory(slug="hemligt-erbjudande", draft=True)
    SupportOfferFactory(slug="hos-hemlig-aktor", actor=draft_actor)
    ProjectFactory(slug="hemligt-projekt", draft=True)
    return ["hemlig-aktor", "hemligt-erbjudande", "hos-hemlig-aktor", "hemligt-projekt"]


ODD_TEXT = st.one_of(
    st.text(),
    st.sampled_from(
        [MARKER, "1", "0", "-1", "100", "yes", "incubator", "sv", "name", "\x00", "\u200f"]
    ),
)


def check_list_survives(client, list_name, params, hidden_drafts):
    for language in ("sv", "en"):
        response = client.get(url(LISTS[list_name][1], language), params)
        assert response.status_code < 500
        page = response.content.decode()
        for slug in hidden_drafts:
            assert f"/{slug}/" not in page
        assert MARKER not in page
        assert "<script>" not in page.lower().replace('<script type="application/ld+json">', "")


def parameters(list_name: str):
    values = st.one_of(ODD_TEXT, st.lists(ODD_TEXT, max_size=4))
    return st.dictionaries(st.sampled_from(PARAMETERS[list_name]), values, max_size=6)


HYPOTHESIS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@HYPOTHESIS
@given(params=parameters("actors"))
def test_actor_list_survives_any_parameters(client, hidden_drafts, params):
    check_list_survives(client, "actors", params, hidden_drafts)


@HYPOTHESIS
@given(params=parameters("offers"))
def test_offer_list_survives_any_parameters(client, hidden_drafts, params):
    check_list_survives(client, "offers", params, hidden_drafts)


@HYPOTHESIS
@given(params=parameters("projects"))
def test_project_list_survives_any_parameters(client, hidden_drafts, params):
    check_list_survives(client, "projects", params, hidden_drafts)


@pytest.mark.parametrize("list_name", LISTS)
def test_markup_in_every_parameter_is_escaped(client, list_name):
    ActorFactory(name_sv="Synlig aktör")
    params = dict.fromkeys(PARAMETERS[list_name], MARKER)

    for language in ("sv", "en"):
        page = client.get(url(LISTS[list_name][1], language), params).content.decode()

        assert MARKER not in page
        assert escape(MARKER) in page  # the search box and result sentence show it as text


# Paging ------------------------------------------------------------------------------------


@pytest.fixture
def twenty_five_actors():
    for n in range(25):
        ActorFactory(name_sv=f"Aktör {n:02d}", kind=Actor.Kind.INCUBATOR)
    ActorFactory(name_sv="Annan sort", kind=Actor.Kind.CLUSTER)


def pagination_links(page: str) -> dict[str, dict]:
    """``{rel: query}`` of the previous and next links."""
    links = {}
    for href, rel in re.findall(r'<a href="([^"]*)" rel="(prev|next)">', page):
        links[rel] = parse_qs(urlsplit(html.unescape(href)).query)
    return links


@pytest.mark.usefixtures("twenty_five_actors")
def test_last_page_holds_the_remainder(client):
    response = client.get(
        url("registry:actor_list"), {"kind": "incubator", "per_page": "10", "page": "3"}
    )

    assert result_titles(response) == [f"Aktör {n:02d}" for n in range(20, 25)]
    assert "25 aktörer" in response.content.decode()


@pytest.mark.usefixtures("twenty_five_actors")
def test_result_sentence_counts_all_pages_in_english(client):
    response = client.get(url("registry:actor_list", "en"), {"kind": "incubator", "per_page": "10"})

    assert len(result_titles(response)) == 10
    assert "25 actors" in response.content.decode()


@pytest.mark.usefixtures("twenty_five_actors")
def test_page_links_keep_the_filters(client):
    response = client.get(
        url("registry:actor_list"),
        {"kind": "incubator", "per_page": "10", "sort": "newest", "page": "2"},
    )

    links = pagination_links(response.content.decode())
    kept = {"kind": ["incubator"], "per_page": ["10"], "sort": ["newest"]}
    assert links["prev"] == {**kept, "page": ["1"]}
    assert links["next"] == {**kept, "page": ["3"]}


@pytest.mark.usefixtures("twenty_five_actors")
@pytest.mark.parametrize("page", ["999999", "100000"])
def test_page_beyond_the_end_shows_the_last_page(client, page):
    response = client.get(
        url("registry:actor_list"), {"kind": "incubator", "per_page": "10", "page": page}
    )

    assert result_titles(response) == [f"Aktör {n:02d}" for n in range(20, 25)]
    assert "next" not in pagination_links(response.content.decode())


@pytest.mark.usefixtures("twenty_five_actors")
@pytest.mark.parametrize("page", ["0", "-1", "abc", ""])
def test_page_that_is_not_a_page_number_shows_the_first_page(client, page):
    response = client.get(
        url("registry:actor_list"), {"kind": "incubator", "per_page": "10", "page": page}
    )

    assert result_titles(response) == [f"Aktör {n:02d}" for n in range(10)]


@pytest.mark.usefixtures("twenty_five_actors")
@pytest.mark.parametrize(("per_page", "shown"), [("7", 10), ("100000", 25), ("50", 25), ("", 20)])
def test_page_size_outside_the_choices_falls_back(client, per_page, shown):
    response = client.get(url("registry:actor_list"), {"kind": "incubator", "per_page": per_page})

    assert len(result_titles(response)) == shown


# Sorting -----------------------------------------------------------------------------------


def test_name_sort_follows_the_swedish_alphabet(client):
    for name in ["Zeta", "Åre", "Ärla", "Östra", "Alfa", "Ödmjuk", "ärlig", "Éclair", "Bravo"]:
        ActorFactory(name_sv=name)

    assert titles(client, "actors", "sort=name") == [
        "Alfa",
        "Bravo",
        "Éclair",
        "Zeta",
        "Åre",
        "Ärla",
        "ärlig",
        "Ödmjuk",
        "Östra",
    ]


def test_name_sort_on_the_english_site_uses_english_names_falling_back_to_swedish(client):
    ActorFactory(name_sv="Östersjöhuset", name_en="Baltic House")
    ActorFactory(name_sv="Centrum")
    ActorFactory(name_sv="Aalto", name_en="Zenith")
    ActorFactory(name_sv="Ängen", name_en="")

    assert titles(client, "actors", "sort=name", "en") == [
        "Baltic House",
        "Centrum",
        "Zenith",
        "Ängen",
    ]
    assert titles(client, "actors", "sort=name") == ["Aalto", "Centrum", "Ängen", "Östersjöhuset"]


def test_newest_sort_puts_the_latest_created_first(client):
    now = timezone.now()
    ActorFactory(name_sv="Äldst", created_at=now - 30 * DAY)
    ActorFactory(name_sv="Nyast", created_at=now - DAY)
    ActorFactory(name_sv="Mitten", created_at=now - 10 * DAY)

    assert titles(client, "actors", "sort=newest") == ["Nyast", "Mitten", "Äldst"]


def test_reviewed_sort_puts_never_reviewed_last(client):
    today = timezone.localdate()
    ActorFactory(name_sv="Aldrig granskad")
    ActorFactory(name_sv="Granskad i fjol", last_reviewed_on=today - 365 * DAY)
    ActorFactory(name_sv="Granskad nyss", last_reviewed_on=today - DAY)

    assert titles(client, "actors", "sort=reviewed") == [
        "Granskad nyss",
        "Granskad i fjol",
        "Aldrig granskad",
    ]


@pytest.mark.parametrize("list_name", ["offers", "projects"])
def test_offers_and_projects_sort_by_name_and_newest(client, list_name):
    now = timezone.now()
    factory = SupportOfferFactory if list_name == "offers" else ProjectFactory
    extra = {} if list_name == "offers" else {"acronym": ""}
    factory(name_sv="Östra", created_at=now - 2 * DAY, **extra)
    factory(name_sv="Zeta", created_at=now - DAY, **extra)
    factory(name_sv="Alfa", created_at=now - 3 * DAY, **extra)

    assert titles(client, list_name, "sort=name") == ["Alfa", "Zeta", "Östra"]
    assert titles(client, list_name, "sort=newest") == ["Zeta", "Östra", "Alfa"]


# Archived entries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("list_name", "factory", "extra"),
    [
        ("actors", ActorFactory, {}),
        ("offers", SupportOfferFactory, {}),
        ("projects", ProjectFactory, {"acronym": ""}),
    ],
)
def test_archived_entries_only_with_the_archive_switch_and_marked(
    client, list_name, factory, extra
):
    factory(name_sv="Aktuell", **extra)
    factory(name_sv="Gammal", archived=True, **extra)
    factory(name_sv="Opublicerad", draft=True, **extra)

    assert titles(client, list_name) == ["Aktuell"]
    assert titles(client, list_name, "archived=1") == ["Aktuell", "Gammal"]
    for language, mark in (("sv", "Arkiverad"), ("en", "Archived")):
        page = client.get(url(LISTS[list_name][1], language), {"archived": "1"}).content.decode()
        archived_item = page[page.index("result--archived") :]
        archived_item = archived_item[: archived_item.index("</li>")]
        assert "Gammal" in archived_item
        assert f"<strong>{mark}</strong>" in archived_item
        assert page.count("result--archived") == 1


# Query counts ------------------------------------------------------------------------------


def make_actors(count: int):
    for _ in range(count):
        ActorFactory(priority_areas=[])


def make_offers(count: int):
    for _ in range(count):
        SupportOfferFactory()


def make_projects(count: int):
    for _ in range(count):
        project = ProjectFactory()
        ParticipationFactory(project=project, lead=True)
        ParticipationFactory(project=project, outside_registry=True)


MAKERS = {"actors": make_actors, "offers": make_offers, "projects": make_projects}


@pytest.mark.parametrize("list_name", LISTS)
@pytest.mark.parametrize("size", [1, 30])
@pytest.mark.parametrize(
    ("params", "queries"),
    [({}, 4), ({"q": "innovationsmiljö or stöderbjudande or samverkansprojekt"}, 5)],
    ids=["browse", "search"],
)
def test_list_makes_the_same_queries_for_one_or_thirty_entries(
    client, django_assert_num_queries, areas, list_name, size, params, queries
):
    MAKERS[list_name](size)
    path = url(LISTS[list_name][1])

    with django_assert_num_queries(queries):
        response = client.get(path, {"per_page": "50", **params})

    assert len(result_titles(response)) == size


@pytest.mark.parametrize("size", [1, 10])
def test_actor_page_makes_the_same_queries_for_one_or_ten_related_entries(
    client, django_assert_num_queries, areas, size
):
    actor = ActorFactory(priority_areas=[areas[AREA_1]])
    for _ in range(size):
        SupportOfferFactory(actor=actor)
        ParticipationFactory(actor=actor)

    with django_assert_num_queries(4):
        response = client.get(actor.get_absolute_url())

    assert response.content.decode().count('class="meta"') == 2 * size


@pytest.mark.parametrize("size", [1, 10])
def test_project_page_makes_the_same_queries_for_one_or_ten_partners(
    client, django_assert_num_queries, areas, size
):
    project = ProjectFactory(priority_areas=[areas[AREA_1]])
    ParticipationFactory(project=project, lead=True)
    for _ in range(size - 1):
        ParticipationFactory(project=project, outside_registry=True)

    with django_assert_num_queries(3):
        response = client.get(project.get_absolute_url())

    assert response.content.decode().count('class="meta"') == size


def test_offer_page_query_count(client, django_assert_num_queries, areas):
    offer = SupportOfferFactory(priority_areas=[areas[AREA_1], areas[AREA_2]])

    with django_assert_num_queries(2):
        response = client.get(offer.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_start_page_makes_the_same_queries_for_one_or_ten_entries(
    client, django_assert_num_queries, size
):
    make_offers(size)
    make_projects(size)

    with django_assert_num_queries(4):
        response = client.get(url("home"))

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_area_page_makes_the_same_queries_for_one_or_ten_entries(
    client, django_assert_num_queries, areas, size
):
    area = areas[AREA_1]
    for _ in range(size):
        SupportOfferFactory(actor=ActorFactory(priority_areas=[area]), priority_areas=[area])
        ProjectFactory(priority_areas=[area])

    with django_assert_num_queries(5):
        response = client.get(url("registry:area_detail", slug=area.slug))

    assert response.status_code == 200
