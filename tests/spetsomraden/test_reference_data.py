import pytest
from django.db import IntegrityError, transaction

from registry.models import Municipality
from spetsomraden.models import PriorityArea, Roadmap

pytestmark = pytest.mark.django_db


def test_data_migration_creates_exactly_four_priority_areas_numbered_one_to_four():
    assert list(PriorityArea.objects.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_every_priority_area_has_swedish_and_english_names_and_descriptions():
    for area in PriorityArea.objects.all():
        texts = {
            field: getattr(area, field)
            for field in (
                "slug",
                "name_sv",
                "name_en",
                "short_name_sv",
                "short_name_en",
                "description_sv",
                "description_en",
            )
        }
        assert all(texts.values()), texts
        assert area.name_sv != area.name_en, texts
        assert area.description_sv != area.description_en, texts


def test_priority_areas_carry_the_strategy_names(areas):
    assert areas["life-science-vard-och-halsa"].name_sv == "Life science, vård och hälsa"
    assert areas["ikt-tech-och-digitalisering"].name_en == "ICT, tech and digitalisation"
    assert areas["industriell-omstallning-hallbar-produktion"].number == 3
    assert areas["klimat-och-miljoatgarder-hallbar-stadsutveckling"].name_en == (
        "Climate and environmental action for sustainable urban development"
    )


def test_every_priority_area_has_one_roadmap_with_both_summaries():
    roadmaps = list(Roadmap.objects.select_related("area"))

    assert [roadmap.area.number for roadmap in roadmaps] == [1, 2, 3, 4]
    for roadmap in roadmaps:
        assert roadmap.summary_sv
        assert roadmap.summary_en
        assert roadmap.work_started_year == 2022
        assert roadmap.status == Roadmap.Status.IN_PROGRESS


def test_data_migration_creates_exactly_26_municipalities():
    assert Municipality.objects.count() == 26


def test_municipality_codes_are_four_digit_text_with_leading_zero():
    codes = list(Municipality.objects.values_list("code", flat=True))

    assert all(isinstance(code, str) and len(code) == 4 and code.isdigit() for code in codes)
    assert all(code.startswith("01") for code in codes)


@pytest.mark.parametrize(
    ("code", "name"),
    [("0114", "Upplands Väsby"), ("0180", "Stockholm"), ("0192", "Nynäshamn")],
)
def test_municipality_has_its_official_code(code, name):
    assert Municipality.objects.get(code=code).name == name


def test_municipality_code_is_not_found_without_its_leading_zero():
    assert not Municipality.objects.filter(code="180").exists()


def test_database_rejects_a_fifth_priority_area():
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        PriorityArea.objects.create(
            slug="rymdteknik",
            number=5,
            name_sv="Rymdteknik",
            name_en="Space technology",
            short_name_sv="Rymd",
            short_name_en="Space",
            description_sv="Satelliter och uppskjutning.",
            description_en="Satellites and launchers.",
        )

    assert "priorityarea_number_1_to_4" in str(excinfo.value)
    assert PriorityArea.objects.count() == 4


def test_database_rejects_priority_area_number_zero():
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        PriorityArea.objects.filter(number=4).update(number=0)

    assert "priorityarea_number_1_to_4" in str(excinfo.value)
