"""Synthetic data for benchmarks: what it loads, that it repeats, and that it is valid."""

import datetime
import re
from io import StringIO

import pytest
from django.db import connection, transaction
from django.db.models import Count, Q
from django.urls import reverse

from bench import synthetic
from bench.synthetic import loading
from bench.synthetic.command import SyntheticError, generate
from registry.choices import ActorKind, HelixSector, OfferKind, Status
from registry.models import Actor, Participation, Project, SupportOffer
from registry.search import search_filter
from registry.validators import luhn_is_valid

DAY = datetime.date(2026, 6, 15)
SIZES = {"actors": 200, "offers": 400, "projects": 40}

_RESULT_RE = re.compile(r'<h3 class="result__title">\s*<a href="[^"]*"[^>]*>([^<]*)</a>')


@pytest.fixture
def loaded(db):
    return synthetic.load(**SIZES, seed=7, today=DAY)


def generated_actors(seed: int, count: int = 50) -> list[tuple]:
    generator = synthetic.Generator(seed, today=DAY)
    return list(generator.actor_rows(range(1, count + 1), {"0180": "Stockholm"}))


def test_same_seed_gives_the_same_rows():
    first, again = generated_actors(7), generated_actors(7)

    assert [row[1:] for row in first] == [row[1:] for row in again]
    assert first[0][1] == "syn-a-000001"


def test_another_seed_gives_other_rows():
    names = [row[6] for row in generated_actors(7)]

    assert names != [row[6] for row in generated_actors(8)]


def test_generated_names_are_unique():
    names = [row[6] for row in generated_actors(7, count=5000)]

    assert len(set(names)) == len(names)


def test_load_adds_the_requested_rows(loaded):
    assert (Actor.objects.count(), SupportOffer.objects.count(), Project.objects.count()) == (
        200,
        400,
        40,
    )
    assert (loaded.actors, loaded.offers, loaded.projects) == (200, 400, 40)
    assert loaded.participations == Participation.objects.count() >= 80


def test_loaded_rows_are_the_generated_ones(loaded):
    names = list(Actor.objects.order_by("slug").values_list("slug", "name_sv")[:50])

    assert names == [(row[1], row[6]) for row in generated_actors(7)]


def test_load_covers_every_kind_sector_and_status(loaded):
    assert set(Actor.objects.values_list("kind", flat=True)) == set(ActorKind.values)
    assert set(Actor.objects.values_list("helix_sector", flat=True)) == set(HelixSector.values)
    assert set(SupportOffer.objects.values_list("kind", flat=True)) == set(OfferKind.values)
    for model in (Actor, SupportOffer):
        statuses = dict(model.objects.values_list("status").annotate(n=Count("pk")))
        assert set(statuses) == set(Status.values)
        assert statuses[Status.PUBLISHED] > statuses[Status.DRAFT] > statuses[Status.ARCHIVED]


def test_loaded_rows_have_search_vectors_and_area_numbers(loaded):
    for model in (Actor, SupportOffer, Project):
        assert not model.objects.filter(Q(search_sv=None) | Q(search_en=None)).exists()
        for entry in model.objects.prefetch_related("priority_areas"):
            numbers = sorted(area.number for area in entry.priority_areas.all())
            assert 1 <= len(numbers) <= 3
            assert entry.area_numbers == numbers


def test_a_generated_name_is_found_by_search(client, loaded):
    actor = Actor.objects.published().order_by("slug").first()

    response = client.get(reverse("registry:actor_list"), {"q": actor.name_sv, "per_page": "100"})

    assert actor.name_sv in _RESULT_RE.findall(response.content.decode())


def test_a_project_is_found_by_a_partners_name(loaded):
    participation = (
        Participation.objects.filter(actor__isnull=False).select_related("actor").first()
    )
    search = search_filter(f'"{participation.actor.name_sv}"')

    assert Project.objects.filter(search.condition, pk=participation.project_id).exists()


def test_loaded_rows_keep_the_registry_rules(loaded):
    projects = Project.objects.annotate(
        partners=Count("participations"),
        leads=Count("participations", filter=Q(participations__role="lead")),
    )
    assert all(2 <= p.partners <= 6 and p.leads <= 1 for p in projects)
    assert Participation.objects.filter(actor__isnull=True).exists()
    assert not Participation.objects.filter(actor__isnull=True, organisation_name="").exists()
    numbers = Actor.objects.exclude(organisation_number="").values_list(
        "organisation_number", flat=True
    )
    assert numbers
    assert all(luhn_is_valid(number) for number in numbers)
    assert not SupportOffer.objects.filter(application="deadline", deadline=None).exists()
    for model in (Actor, SupportOffer, Project):
        for entry in model.objects.all()[:50]:
            entry.full_clean(validate_unique=False, validate_constraints=False)


def test_triggers_are_back_on_after_the_load(loaded, areas):
    actor = Actor.objects.filter(area_numbers=[1]).first()
    project = Project.objects.first()

    actor.priority_areas.add(areas["klimat-och-miljoatgarder-hallbar-stadsutveckling"])
    Participation.objects.create(project=project, organisation_name="Zebrafabriken Oy")

    actor.refresh_from_db()
    assert actor.area_numbers == [1, 4]
    assert Project.objects.filter(search_filter("zebrafabriken").condition, pk=project.pk).exists()


@pytest.mark.parametrize(
    ("model", "prefix"),
    [(Actor, "actor"), (SupportOffer, "offer"), (Project, "project")],
)
def test_search_of_generated_data_can_use_the_gin_indexes(loaded, model, prefix):
    # A few hundred rows fit a page or two, where a sequential scan is cheapest; the
    # benchmark checks the real plan at full size.
    search = search_filter("hållbarhet")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = model.objects.filter(search.condition).order_by().explain()

    assert f"{prefix}_search_sv_gin" in plan


@pytest.mark.django_db
def test_generator_reports_its_speed_and_refuses_to_load_twice():
    output = StringIO()
    generate(actors=20, offers=30, projects=5, seed=2, out=output)

    assert "Added 20 actors, 30 support offers, 5 projects" in output.getvalue()
    assert "rows/s" in output.getvalue()
    with pytest.raises(SyntheticError, match="already holds synthetic entries"):
        generate(actors=1, offers=0, projects=0, seed=1, out=StringIO())
    assert Actor.objects.count() == 20


def index_definitions() -> dict[str, tuple[str, bool]]:
    """Each index's definition up to its WHERE, and whether it is partial.

    PostgreSQL prints a rebuilt partial index's condition with other, equivalent casts.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)",
            [list(loading._LOADED_TABLES)],
        )
        return {
            name: (definition.partition(" WHERE ")[0], " WHERE " in definition)
            for name, definition in cursor.fetchall()
        }


@pytest.mark.django_db
def test_a_large_load_builds_every_index_again_as_it_was():
    before = index_definitions()

    report = synthetic.load(**SIZES, seed=3, today=DAY, rebuild_indexes=True)

    assert "build indexes" in report.seconds
    assert index_definitions() == before
    assert {"actor_search_sv_gin", "offer_public_kind_name_sv_idx"} <= before.keys()
    # The rebuilt search index finds what reading the whole table finds.
    matches = Actor.objects.filter(search_filter("hållbarhet").condition).order_by()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        assert "actor_search_sv_gin" in matches.explain()
        from_index = matches.count()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        from_table = matches.count()
    assert from_index == from_table > 0


@pytest.mark.django_db
def test_a_failed_large_load_leaves_the_indexes_in_place(monkeypatch):
    before = index_definitions()

    def broken(cursor, indexes):
        cursor.execute("SELECT 1 / 0")

    monkeypatch.setattr(loading, "_build_indexes", broken)
    with pytest.raises(Exception, match="division by zero"):
        synthetic.load(**SIZES, seed=3, today=DAY, rebuild_indexes=True)

    assert index_definitions() == before
    assert not Actor.objects.exists()


def test_only_a_large_load_rebuilds_the_indexes(db):
    small = synthetic.load(actors=10, offers=10, projects=2, seed=4, today=DAY)

    assert "build indexes" not in small.seconds
