"""An import reads the entries, areas and municipalities its rows name once, not per row,
and checks of each row only the values it changes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import Actor
from tests.factories import ActorFactory
from tests.registry.spreadsheets.admin_files import actor_row, csv_bytes, import_file, preview

pytestmark = pytest.mark.django_db

LOOKUPS = {
    # Whole rows, as an import reads the entry a row changes (not the duplicate check's few
    # columns of other entries).
    "existing actors": re.compile(
        r'^SELECT "actors_actor"\."id", .*"actors_actor"\."created_at", .* FROM "actors_actor" '
        r'.*WHERE .*"actors_actor"\."(slug|organisation_number)" (=|IN)'
    ),
    "municipalities": re.compile(r'FROM "actors_municipality"'),
    # The areas themselves, and each entry's areas: read with the entries, never per row.
    # (The history's copies of the links, written with each change, read the link table.)
    "priority areas": re.compile(r'^SELECT .* FROM "spetsomraden_priorityarea"'),
}


def file_of(rows: int) -> bytes:
    """Half the rows change existing actors (one found by organisation number), half are new."""
    lines = []
    for index in range(rows):
        if index % 2:
            existing = ActorFactory(slug=f"finns-{index}", name_sv=f"Befintlig {index}")
            lines.append(
                actor_row(
                    slug="" if index == 1 else existing.slug,
                    organisation_number=existing.organisation_number,
                    name_sv=existing.name_sv,
                    description_sv=f"Ny beskrivning {index}",
                    priority_areas="ikt-tech-och-digitalisering",
                    municipality_code="0184",
                )
            )
        else:
            lines.append(
                actor_row(
                    slug=f"ny-{index}",
                    name_sv=f"Ny aktör {index}",
                    priority_areas="life-science-vard-och-halsa|ikt-tech-och-digitalisering",
                    municipality_name="Solna",
                    municipality_code="",
                )
            )
    headers = list(dict.fromkeys(name for line in lines for name in line))
    return csv_bytes(lines, headers=headers)


def lookups(publisher_client, rows: int) -> dict[str, int]:
    content = file_of(rows)
    with CaptureQueriesContext(connection) as captured:
        response = preview(publisher_client, "actor", content)
    result = response.context["result"]
    assert result.totals["new"] == (rows + 1) // 2, result.invalid_rows
    assert result.totals["update"] == rows // 2
    statements = [query["sql"] for query in captured.captured_queries]
    return {name: sum(bool(p.search(sql)) for sql in statements) for name, p in LOOKUPS.items()}


def test_the_lookups_of_an_import_do_not_grow_with_its_rows(publisher_client, areas):
    few = lookups(publisher_client, 2)
    many = lookups(publisher_client, 12)

    assert many == few
    assert few["existing actors"] >= 1  # the entries are read, once


def test_an_actor_found_by_organisation_number_is_updated(publisher_client, areas):
    existing = ActorFactory(slug="kth-innovation", name_sv="KTH Innovation")
    row = actor_row(
        slug="",
        name_sv="KTH Innovation",
        organisation_number=existing.organisation_number,
        description_sv="Hittad på organisationsnumret.",
    )

    response = preview(publisher_client, "actor", csv_bytes([row]))

    assert response.context["result"].totals["update"] == 1
    assert Actor.objects.count() == 1


def test_a_row_that_breaks_a_check_constraint_is_refused_with_its_message(
    publisher_client, areas, english
):
    rows = [
        actor_row(slug="bara-latitud", latitude="59.3293", longitude=""),
        actor_row(slug="hel-rad", name_sv="Hel rad"),
    ]

    response = preview(publisher_client, "actor", csv_bytes(rows))

    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [1]
    assert "Give both coordinates, inside Stockholm County, or neither." in (
        response.content.decode()
    )
    assert response.context.get("confirm_form") is None
    assert not Actor.objects.filter(slug__in=["bara-latitud", "hel-rad"]).exists()


def test_a_later_row_finds_the_actor_an_earlier_row_of_the_file_added(publisher_client, areas):
    number = "5560125790"
    rows = [
        actor_row(slug="ny-med-nummer", name_sv="Ny med nummer", organisation_number=number),
        actor_row(slug="ny-med-nummer", name_sv="Ny med nummer", organisation_number=number),
        actor_row(slug="", name_sv="Nytt namn", organisation_number=number),  # by its number
    ]

    response = preview(publisher_client, "actor", csv_bytes(rows))

    result = response.context["result"]
    assert [row.import_type for row in result.rows] == ["new", "skip", "update"]


def test_a_value_the_row_leaves_as_it_was_is_not_checked_again(publisher_client, areas, english):
    # Saved before the rule it now breaks (written past the model's checks).
    actor = ActorFactory(slug="gammal-adress", name_sv="Gammal adress")
    Actor.objects.filter(pk=actor.pk).update(website="www.utan-schema.se")
    row = actor_row(
        slug="gammal-adress",
        name_sv="Gammal adress",
        website="www.utan-schema.se",
        description_sv="Ny beskrivning.",
    )

    import_file(publisher_client, "actor", csv_bytes([row]))

    actor.refresh_from_db()
    assert (actor.description_sv, actor.website) == ("Ny beskrivning.", "www.utan-schema.se")


def test_a_value_the_row_changes_is_checked(publisher_client, areas, english):
    ActorFactory(slug="gammal-adress", name_sv="Gammal adress")
    row = actor_row(slug="gammal-adress", name_sv="Gammal adress", website="www.utan-schema.se")

    response = preview(publisher_client, "actor", csv_bytes([row]))

    assert [row.number for row in response.context["result"].invalid_rows] == [1]
    assert "Enter a valid URL." in response.content.decode()
