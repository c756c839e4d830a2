"""An import is one transaction, and finds its entries by their natural keys."""

from pathlib import Path

import pytest
import tablib
from django.urls import reverse
from django.utils import translation

from registry.models import Actor, Participation, Project, SupportOffer
from registry.spreadsheets.imports.kinds import ActorResource
from tests.factories import (
    ActorFactory,
    with_check_digit,
)
from tests.registry.spreadsheets.admin_files import (
    actor_row,
    confirm,
    csv_bytes,
    import_file,
    preview,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


# Rollback


def test_one_invalid_row_blocks_the_whole_file(editor_client, english, stockholm):
    rows = [
        actor_row(),
        actor_row(slug="trasig", name_sv="Trasig", kind="spaceship"),
        actor_row(slug="tredje", name_sv="Tredje"),
    ]

    response = preview(editor_client, "actor", csv_bytes(rows))

    page = response.content.decode()
    assert "1 new, 0 updated, 0 unchanged, 1 invalid." not in page
    assert "Row 3, column kind: “spaceship” is not one of the codes of this column" in page
    assert response.context.get("confirm_form") is None
    assert not Actor.objects.filter(slug__in=["ny-inkubator", "tredje"]).exists()


def test_a_file_that_turns_invalid_before_confirming_writes_nothing(
    editor_client, english, stockholm
):
    good = csv_bytes([actor_row(), actor_row(slug="tredje", name_sv="Tredje")])
    response = preview(editor_client, "actor", good)
    stored = Path(response.context["confirm_form"].initial["import_file_name"])
    import tempfile

    path = Path(tempfile.gettempdir()) / stored.name
    path.write_bytes(
        csv_bytes([actor_row(), actor_row(slug="tredje", name_sv="Tredje", helix_sector="x")])
    )

    after = confirm(editor_client, "actor", response)

    assert "Nothing was imported" in after.content.decode()
    assert not Actor.objects.filter(slug__in=["ny-inkubator", "tredje"]).exists()


def test_the_resource_rolls_back_every_row_when_one_fails(editor, stockholm):
    dataset = tablib.Dataset(headers=list(actor_row()))
    dataset.append(list(actor_row().values()))
    dataset.append(list(actor_row(slug="trasig", municipality_code="9999").values()))

    result = ActorResource(user=editor).import_data(dataset, dry_run=False, user=editor)

    assert result.has_validation_errors()
    assert not Actor.objects.filter(slug="ny-inkubator").exists()


def test_a_slug_taken_after_the_rows_were_matched_is_the_rows_error(
    editor_client, english, stockholm, monkeypatch
):
    # As if another member of staff added the entry while the file was being imported: the
    # database refuses the second slug, and the row says why in Django's words.
    ActorFactory(slug="ny-inkubator", name_sv="Redan här")
    monkeypatch.setattr(ActorResource, "find_existing", lambda self, row: None)

    response = preview(editor_client, "actor", csv_bytes([actor_row()]))

    page = response.content.decode()
    assert "Row 2, column slug: Actor with this Slug already exists." in page
    assert response.context.get("confirm_form") is None
    assert Actor.objects.filter(slug="ny-inkubator").count() == 1


def test_errors_are_in_the_staffs_language(editor_client, stockholm):
    with translation.override("sv"):
        response = preview(editor_client, "actor", csv_bytes([actor_row(name_sv="")]))

    page = response.content.decode()
    assert "Rad 2" in page or "Row 2" in page
    assert "Detta fält får inte vara tomt." in page


# Natural keys


def test_an_actor_is_found_by_organisation_number_when_the_slug_is_empty(editor_client, english):
    number = with_check_digit("556123456")
    actor = ActorFactory(slug="almi", organisation_number=number, status="draft")
    row = actor_row(
        slug="", name_sv="Almi Företagspartner", organisation_number=f"{number[:6]}-{number[6:]}"
    )

    import_file(editor_client, "actor", csv_bytes([row]))

    actor.refresh_from_db()
    assert actor.name_sv == "Almi Företagspartner"
    assert Actor.objects.filter(organisation_number=number).count() == 1
    # An empty slug cell keeps the entry's address: its public page's links stay valid.
    assert actor.slug == "almi"


def test_municipality_and_areas_may_be_given_by_name(editor_client, areas, solna):
    row = actor_row(
        municipality_code="",
        municipality_name="solna",
        priority_areas="Life science, vård och hälsa|ICT, tech and digitalisation",
    )

    import_file(editor_client, "actor", csv_bytes([row]))

    actor = Actor.objects.get(slug="ny-inkubator")
    assert actor.municipality == solna
    assert set(actor.priority_areas.values_list("slug", flat=True)) == {
        "life-science-vard-och-halsa",
        "ikt-tech-och-digitalisering",
    }


def test_a_municipality_code_read_as_a_number_by_a_spreadsheet_still_matches(
    editor_client, stockholm
):
    import_file(
        editor_client,
        "actor",
        xlsx_bytes([actor_row(municipality_code=180)]),
        name="a.xlsx",
        fmt="xlsx",
    )

    assert Actor.objects.get(slug="ny-inkubator").municipality == stockholm


def test_an_offer_names_its_actor_by_slug(editor_client, english):
    ActorFactory(slug="sting")
    row = {
        "slug": "",
        "actor": "sting",
        "name_sv": "Acceleratorprogram",
        "kind": "acceleration",
        "cost": "equity",
        "stages": "startup|scaleup",
        "languages": "en|sv",
    }

    import_file(editor_client, "supportoffer", csv_bytes([row]))

    offer = SupportOffer.objects.get(slug="acceleratorprogram")
    assert offer.actor.slug == "sting"
    assert offer.stages == ["startup", "scaleup"]


def test_an_offer_with_an_unknown_actor_is_refused(editor_client, english):
    row = {"slug": "x", "actor": "no-such-actor", "name_sv": "X", "kind": "advice", "cost": "free"}

    response = preview(editor_client, "supportoffer", csv_bytes([row]))

    assert (
        "Row 2, column actor: No actor has the slug “no-such-actor”." in response.content.decode()
    )


def test_a_project_import_sets_its_partners_and_changes_the_lead(editor_client, english, registry):
    row = {
        "slug": "cohes3ion",
        "name_sv": Project.objects.get(slug="cohes3ion").name_sv,
        "funding_programme": "interreg_europe",
        "start_date": "2019-01-01",
        "lead_partner": "kth-innovation",
        "partners": "BEAZ (ES)|Stadt Köln (de)",
        "associated_partners": "",
    }

    import_file(editor_client, "project", csv_bytes([row]))

    participations = {
        (p.actor.slug if p.actor else p.organisation_name, p.country, p.role)
        for p in Participation.objects.filter(project__slug="cohes3ion").select_related("actor")
    }
    assert participations == {
        ("kth-innovation", "", "lead"),
        ("BEAZ", "ES", "partner"),
        ("Stadt Köln", "DE", "partner"),
    }


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"lead_partner": "kth-innovation|rise"}, "A project has one lead partner"),
        ({"partners": "no-such-actor"}, "No actor has the slug “no-such-actor”"),
        ({"partners": "rise", "associated_partners": "rise"}, "“rise” is listed more than once."),
        ({"start_date": "31/01/2024"}, "is not a date: write dates as year-month-day"),
        ({"budget": "many"}, "“many” is not a number"),
    ],
)
def test_bad_project_cells_are_refused_with_the_reason(
    editor_client, english, registry, cells, message
):
    row = {
        "slug": "nytt",
        "name_sv": "Nytt projekt",
        "funding_programme": "vinnova",
        "start_date": "2024-01-31",
        "budget": "",
        "lead_partner": "",
        "partners": "",
        "associated_partners": "",
    }
    row.update(cells)

    response = preview(editor_client, "project", csv_bytes([row]))

    assert message in response.content.decode()
    assert not Project.objects.filter(slug="nytt").exists()


def test_the_preview_flags_a_likely_duplicate_with_a_link(editor_client, english):
    number = with_check_digit("556777888")
    existing = ActorFactory(
        slug="norrsken", name_sv="Norrsken Foundation", organisation_number=number
    )
    row = actor_row(slug="norrsken-2", name_sv="Norrsken Foundation AB", organisation_number=number)

    response = preview(editor_client, "actor", csv_bytes([row]))

    page = response.content.decode()
    assert "Possible duplicate of" in page
    assert reverse("admin:actors_actor_change", args=[existing.pk]) in page
    assert "same organisation number, same name" in page


def test_rows_of_the_same_file_that_look_alike_name_each_other_by_row(
    editor_client, english, stockholm
):
    rows = [
        actor_row(slug="norrsken", name_sv="Norrsken Foundation"),
        actor_row(slug="annan", name_sv="Något annat"),
        actor_row(slug="norrsken-ab", name_sv="Norrsken Foundation AB"),
    ]

    response = preview(editor_client, "actor", csv_bytes(rows))

    result = response.context["result"]
    assert [row.duplicates for row in result.rows] == [
        [
            {
                "entry": "Norrsken Foundation AB (row 4 of this file)",
                "reasons": "same name",
                "url": "",
            }
        ],
        [],
        [{"entry": "Norrsken Foundation (row 2 of this file)", "reasons": "same name", "url": ""}],
    ]
    page = response.content.decode()
    assert "Norrsken Foundation AB (row 4 of this file)" in page
    assert "/admin/actors/actor/" not in page.split("import-preview", 1)[1]
