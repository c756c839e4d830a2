"""The priority-area pages: the list of the four areas and each area with its roadmap."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from spetsomraden.models import Milestone, Roadmap
from tests.factories import (
    ActorFactory,
    MilestoneFactory,
    ProjectFactory,
    SupportOfferFactory,
)

pytestmark = pytest.mark.django_db

AREA_1 = "life-science-vard-och-halsa"
AREA_2 = "ikt-tech-och-digitalisering"
LIST_NAMES = {
    "actors": "registry:actor_list",
    "offers": "registry:offer_list",
    "projects": "registry:project_list",
}


def url(name: str, language: str = "sv", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def get_page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def card_counts(page: str, slug: str, language: str = "sv") -> dict[str, int]:
    """The three counts on an area's card, read from the links into the filtered lists."""
    counts = {}
    for kind, name in LIST_NAMES.items():
        link = re.escape(f"{url(name, language)}?area={slug}")
        match = re.search(rf'<a href="{link}"><span class="area-card__number">(\d+)</span>', page)
        assert match, (slug, kind)
        counts[kind] = int(match.group(1))
    return counts


def result_titles(page: str) -> list[str]:
    pattern = r'<h3 class="result__title">\s*<a href="[^"]*"[^>]*>([^<]*)</a>'
    return [html.unescape(t).strip() for t in re.findall(pattern, page)]


@pytest.fixture
def area_entries(areas):
    """Area 1: two published actors, one offer and one project, plus unpublished ones."""
    area = areas[AREA_1]
    ActorFactory(name_sv="Publicerad aktör A", priority_areas=[area])
    ActorFactory(name_sv="Publicerad aktör B", priority_areas=[area, areas[AREA_2]])
    ActorFactory(name_sv="Utkastaktör", priority_areas=[area], draft=True)
    ActorFactory(name_sv="Arkiverad aktör", priority_areas=[area], archived=True)
    SupportOfferFactory(name_sv="Publicerat erbjudande", priority_areas=[area])
    SupportOfferFactory(name_sv="Utkasterbjudande", priority_areas=[area], draft=True)
    ProjectFactory(name_sv="Publicerat projekt", priority_areas=[area])
    ProjectFactory(name_sv="Utkastprojekt", priority_areas=[area], draft=True)
    return area


# The list of areas ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "en"])
def test_area_list_shows_the_four_areas_in_order(client, areas, language):
    page = get_page(client, url("registry:area_list", language))

    shown = re.findall(r'<h2 class="area-card__title">\s*<a href="([^"]*)">([^<]*)</a>', page)
    expected = []
    with translation.override(language):
        for area in sorted(areas.values(), key=lambda a: a.number):
            expected.append((area.get_absolute_url(), str(area.name)))
    assert [(href, html.unescape(name)) for href, name in shown] == expected


def test_area_list_counts_published_entries_only(client, areas, area_entries):
    page = get_page(client, url("registry:area_list"))

    assert card_counts(page, AREA_1) == {"actors": 2, "offers": 1, "projects": 1}
    assert card_counts(page, AREA_2) == {"actors": 1, "offers": 0, "projects": 0}
    for slug in areas:
        if slug not in (AREA_1, AREA_2):
            assert card_counts(page, slug) == {"actors": 0, "offers": 0, "projects": 0}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", ["2 aktörer", "1 stöderbjudande", "1 projekt"]),
        ("en", ["2 actors", "1 support offer", "1 project"]),
    ],
)
def test_area_card_counts_read_as_words_in_singular_and_plural(
    client, area_entries, language, expected
):
    page = get_page(client, url("registry:area_list", language))

    card = page[page.index(f"?area={AREA_1}") - 200 :]
    counts = re.findall(r'<a href="[^"]*\?area=[^"]*">(.*?)</a>', card, re.S)[:3]
    assert [text(count) for count in counts] == expected


def test_area_counts_leave_out_offers_of_draft_actors(client, areas):
    area = areas[AREA_1]
    SupportOfferFactory(name_sv="Synligt", priority_areas=[area])
    SupportOfferFactory(
        name_sv="Hos utkastaktör", actor=ActorFactory(draft=True), priority_areas=[area]
    )

    page = get_page(client, url("registry:area_list"))

    assert card_counts(page, AREA_1)["offers"] == 1
    assert result_titles(get_page(client, f"{url('registry:offer_list')}?area={AREA_1}")) == [
        "Synligt"
    ]


def test_area_card_count_equals_the_results_behind_its_link(client, area_entries):
    page = get_page(client, url("registry:area_list"))

    for kind, name in LIST_NAMES.items():
        listed = get_page(client, f"{url(name)}?area={AREA_1}")
        assert len(result_titles(listed)) == card_counts(page, AREA_1)[kind], kind


# One area -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "status"), [("sv", "Under framtagande"), ("en", "In preparation")]
)
def test_area_page_shows_description_and_roadmap_status(client, areas, language, status):
    area = areas[AREA_1]

    page = get_page(client, url("registry:area_detail", language, slug=area.slug))

    description = area.description_sv if language == "sv" else area.description_en
    summary = area.roadmap.summary_sv if language == "sv" else area.roadmap.summary_en
    assert html.escape(description) in page
    assert html.escape(summary) in page
    roadmap = text(page[page.index('id="roadmap-heading"') :])
    assert f"Status: {status}" in roadmap


def test_area_page_shows_a_changed_roadmap_status(client, areas):
    area = areas[AREA_1]
    Roadmap.objects.filter(area=area).update(status=Roadmap.Status.ADOPTED)

    page = get_page(client, url("registry:area_detail", "en", slug=area.slug))

    assert "Status: Adopted" in text(page)


@pytest.mark.parametrize(
    ("language", "reached", "planned"),
    [("sv", "Uppnådd", "Planerat"), ("en", "Reached", "Planned")],
)
def test_area_page_lists_milestones_in_date_order_as_reached_or_planned(
    client, areas, language, reached, planned
):
    roadmap = areas[AREA_1].roadmap
    MilestoneFactory(roadmap=roadmap, date=datetime.date(2027, 5, 1), title_sv="Delmål C")
    MilestoneFactory(
        roadmap=roadmap, date=datetime.date(2023, 1, 15), title_sv="Delmål A", is_reached=True
    )
    MilestoneFactory(
        roadmap=roadmap,
        date=datetime.date(2024, 6, 1),
        date_precision=Milestone.Precision.MONTH,
        title_sv="Delmål B",
        title_en="Milestone B",
        is_reached=True,
    )
    MilestoneFactory(roadmap=areas[AREA_2].roadmap, title_sv="Annat område")

    page = get_page(client, url("registry:area_detail", language, slug=AREA_1))

    items = re.findall(r'<li class="timeline__item[^"]*">(.*?)</li>', page, re.S)
    shown = [text(item) for item in items]
    b_title = "Delmål B" if language == "sv" else "Milestone B"
    assert len(shown) == 3
    assert shown[0].endswith(f"{reached} Delmål A")
    assert shown[1].endswith(f"{reached} {b_title}")
    assert shown[2].endswith(f"{planned} Delmål C")
    assert '<time datetime="2023-01-15">' in items[0]
    assert '<time datetime="2024-06">' in items[1]
    assert "Annat område" not in page


def test_area_without_milestones_says_so(client, areas):
    page = get_page(client, url("registry:area_detail", "en", slug=AREA_2))

    assert "No milestones have been published yet." in page


def test_area_page_links_into_the_lists_filtered_by_the_area(client, area_entries):
    page = get_page(client, url("registry:area_detail", slug=AREA_1))

    for name in LIST_NAMES.values():
        assert f'<a href="{url(name)}?area={AREA_1}">' in page
    assert "Se alla 2 aktörer inom området" in text(page)


def test_area_page_shows_only_published_entries(client, area_entries):
    page = get_page(client, url("registry:area_detail", slug=AREA_1))

    for name in ("Publicerad aktör A", "Publicerad aktör B", "Publicerat erbjudande"):
        assert name in page
    assert "Publicerat projekt" in page
    for name in ("Utkastaktör", "Arkiverad aktör", "Utkasterbjudande", "Utkastprojekt"):
        assert name not in page


def test_area_page_leaves_out_offers_of_draft_actors(client, areas):
    SupportOfferFactory(
        name_sv="Hos utkastaktör", actor=ActorFactory(draft=True), priority_areas=[areas[AREA_1]]
    )

    page = get_page(client, url("registry:area_detail", slug=AREA_1))

    assert "Hos utkastaktör" not in page


def test_area_page_says_when_nothing_is_published(client, areas):
    page = get_page(client, url("registry:area_detail", "en", slug=AREA_2))

    assert text(page).count("None published yet.") == 3


@pytest.mark.parametrize("language", ["sv", "en"])
def test_unknown_area_is_404(client, areas, language):
    response = client.get(url("registry:area_detail", language, slug="rymdfart"))

    assert response.status_code == 404
