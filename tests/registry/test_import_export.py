"""Admin import and export: schema, preview, confirm, natural keys, rollback, bad files."""

import csv
import datetime
import io
import json
from pathlib import Path

import openpyxl
import pytest
import tablib
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from registry import resources, schema
from registry.models import Actor, Participation, Project, SupportOffer
from registry.resources import ActorResource
from registry.spreadsheet import neutralise_formula, restore_formula_text
from tests.factories import (
    ActorFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
    with_check_digit,
)

pytestmark = pytest.mark.django_db

IMPORT_FORMAT = {"csv": "0", "xlsx": "1", "json": "2"}
EXPORT_FORMAT = {"csv": "0", "excel": "1", "xlsx": "2", "json": "3"}


def export(client, model, fmt="csv"):
    response = client.post(
        reverse(f"admin:actors_{model}_export"), {"format": EXPORT_FORMAT[fmt], "resource": "0"}
    )
    assert response.status_code == 200, response.content[:500]
    return response.content


def preview(client, model, content: bytes, *, name="import.csv", fmt="csv"):
    return client.post(
        reverse(f"admin:actors_{model}_import"),
        {
            "resource": "0",
            "format": IMPORT_FORMAT[fmt],
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, model, preview_response):
    form = preview_response.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(reverse(f"admin:actors_{model}_process_import"), data, follow=True)


def import_file(client, model, content: bytes, *, name="import.csv", fmt="csv"):
    response = preview(client, model, content, name=name, fmt=fmt)
    assert response.context.get("confirm_form") is not None, _problems(response)
    return confirm(client, model, response)


def _problems(response) -> str:
    form = response.context.get("form")
    result = response.context.get("result")
    return f"{form.errors if form else ''} {result.invalid_rows if result else ''}"


def csv_bytes(rows, *, headers=None, delimiter=",", bom=False) -> bytes:
    headers = headers or list(rows[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows, *, formula_in=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    headers = list(rows[0])
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
    if formula_in:
        sheet[formula_in] = "=1+1"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def actor_row(**values) -> dict:
    row = {
        "slug": "ny-inkubator",
        "name_sv": "Ny inkubator",
        "kind": "incubator",
        "helix_sector": "academia",
        "municipality_code": "0180",
    }
    row.update(values)
    return row


def snapshot(model, resource_schema):
    """Every entry of ``model`` as its schema row, with the history size."""
    entries = resource_schema.optimise(model.objects.order_by("pk"))
    return [resource_schema.render_row(entry) for entry in entries], sum(
        entry.history.count() for entry in model.objects.all()
    )


@pytest.fixture
def registry(areas, stockholm):
    """A small registry with the cells most likely to break a round trip."""
    actor = ActorFactory(
        slug="kth-innovation",
        name_sv="KTH Innovation",
        name_en="KTH Innovation",
        description_sv='Idéer, "citat", semikolon; komma, och\nen ny rad.',
        phone="+46 8 790 60 00",
        website="https://www.kth.se/innovation",
        latitude="59.347900",
        longitude="18.072800",
        municipality=stockholm,
        priority_areas=[areas["ikt-tech-och-digitalisering"], areas["life-science-vard-och-halsa"]],
    )
    ActorFactory(
        slug="formula-lab",
        name_sv='=HYPERLINK("http://evil")',
        description_sv="-2+3 @SUM(A1)",
        status="draft",
        organisation_number="",
    )
    ActorFactory(slug="arkivet", archived=True, name_sv="Ångström Arkiv")
    SupportOfferFactory(
        slug="radgivning",
        actor=actor,
        stages=["startup", "scaleup"],
        languages=["sv"],
        priority_areas=[areas["ikt-tech-och-digitalisering"]],
    )
    SupportOfferFactory(slug="deadline-offer", actor=actor, by_deadline=True, draft=True)
    project = ProjectFactory(
        slug="cohes3ion",
        acronym="Cohes3ion",
        budget="1500000.50",
        currency="EUR",
        priority_areas=[areas["klimat-och-miljoatgarder-hallbar-stadsutveckling"]],
    )
    ParticipationFactory(
        project=project, actor=None, organisation_name="BEAZ", country="ES", role="lead"
    )
    ParticipationFactory(project=project, actor=actor)
    ParticipationFactory(project=project, actor=ActorFactory(slug="rise"), role="associated")
    return actor


# The neutralising of formulas


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r", "\0"])
def test_cells_starting_with_a_formula_character_get_a_quote(trigger):
    assert neutralise_formula(f"{trigger}SUM(A1)") == f"'{trigger}SUM(A1)"


@pytest.mark.parametrize("value", ["KTH Innovation", "'quoted", "", "a=b", "59.3293"])
def test_other_cells_are_left_alone(value):
    assert neutralise_formula(value) == value


@given(st.text())
def test_importing_undoes_exactly_what_exporting_added(value):
    assert restore_formula_text(neutralise_formula(value)) == value


def test_a_quote_the_exporter_did_not_add_is_kept_on_import():
    assert restore_formula_text("'hello") == "'hello"
    assert restore_formula_text("''=x") == "'=x"


# Export


def test_the_admin_csv_export_uses_the_documented_schema(publisher_client, registry):
    content = export(publisher_client, "actor").decode("utf-8")

    header = next(csv.reader(io.StringIO(content)))
    assert header == schema.ACTORS.headers
    assert "kth-innovation" in content


def test_formula_cells_are_neutralised_in_csv_and_xlsx_exports(publisher_client, registry):
    text = export(publisher_client, "actor").decode("utf-8")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["formula-lab"]["name_sv"] == '\'=HYPERLINK("http://evil")'
    assert rows["formula-lab"]["description_sv"] == "'-2+3 @SUM(A1)"
    assert rows["kth-innovation"]["phone"] == "'+46 8 790 60 00"

    book = openpyxl.load_workbook(io.BytesIO(export(publisher_client, "actor", "xlsx")))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert '\'=HYPERLINK("http://evil")' in [cell.value for cell in cells]


def test_the_json_export_keeps_the_exact_text(publisher_client, registry):
    records = json.loads(export(publisher_client, "actor", "json"))

    names = {record["slug"]: record["name_sv"] for record in records}
    assert names["formula-lab"] == '=HYPERLINK("http://evil")'


def test_the_excel_csv_variant_is_semicolon_separated_with_a_bom(publisher_client, registry):
    content = export(publisher_client, "actor", "excel")

    assert content.startswith(b"\xef\xbb\xbf")
    first_line = content[3:].decode("utf-8").splitlines()[0]
    assert first_line.split(";") == schema.ACTORS.headers


def test_the_export_gives_absolute_swedish_urls_and_none_for_drafts(
    publisher_client, registry, settings
):
    settings.SITE_URL = "https://innovation.example.se"
    rows = {
        r["slug"]: r
        for r in csv.DictReader(io.StringIO(export(publisher_client, "actor").decode()))
    }

    assert rows["kth-innovation"]["url"] == "https://innovation.example.se/aktorer/kth-innovation/"
    assert rows["formula-lab"]["url"] == ""


def test_projects_export_partners_by_slug_and_outside_organisations_by_name(
    publisher_client, registry
):
    rows = list(csv.DictReader(io.StringIO(export(publisher_client, "project").decode())))

    (row,) = [r for r in rows if r["slug"] == "cohes3ion"]
    assert (row["lead_partner"], row["partners"], row["associated_partners"]) == (
        "BEAZ (ES)",
        "kth-innovation",
        "rise",
    )
    assert row["budget"] == "1500000.50"
    assert row["priority_areas"] == "klimat-och-miljoatgarder-hallbar-stadsutveckling"


@pytest.mark.parametrize("model", ["actor", "supportoffer", "project"])
def test_the_export_makes_the_same_number_of_queries_for_1_and_20_entries(
    publisher_client, django_assert_num_queries, areas, model
):
    factory = {
        "actor": ActorFactory,
        "supportoffer": SupportOfferFactory,
        "project": ProjectFactory,
    }[model]
    factory(priority_areas=[areas["ikt-tech-och-digitalisering"]])
    export(publisher_client, model)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as one:
        export(publisher_client, model)
    for _ in range(19):
        entry = factory(priority_areas=[areas["ikt-tech-och-digitalisering"]])
        if model == "project":
            ParticipationFactory(project=entry)
    with django_assert_num_queries(len(one.captured_queries)):
        export(publisher_client, model)


# Round trips and idempotency


@pytest.mark.parametrize("fmt", ["csv", "excel", "xlsx", "json"])
@pytest.mark.parametrize(
    ("model", "model_class", "model_schema"),
    [
        ("actor", Actor, schema.ACTORS),
        ("supportoffer", SupportOffer, schema.OFFERS),
        ("project", Project, schema.PROJECTS),
    ],
)
def test_an_exported_file_imports_back_unchanged(
    publisher_client, registry, fmt, model, model_class, model_schema
):
    before = snapshot(model_class, model_schema)
    content = export(publisher_client, model, fmt)
    import_format = {"excel": "csv"}.get(fmt, fmt)

    response = preview(
        publisher_client, model, content, name=f"export.{import_format}", fmt=import_format
    )
    result = response.context["result"]
    assert result.totals["skip"] == model_class.objects.count(), _problems(response)
    assert result.totals["new"] == result.totals["update"] == result.totals["invalid"] == 0
    confirm(publisher_client, model, response)

    assert snapshot(model_class, model_schema) == before


def test_importing_the_same_new_rows_twice_creates_them_once(editor_client, stockholm):
    content = csv_bytes([actor_row(), actor_row(slug="", name_sv="Andra inkubatorn")])

    first = import_file(editor_client, "actor", content)
    second = preview(editor_client, "actor", content)

    assert "Importen är klar: 2 nya, 0 uppdaterade, 0 oförändrade." in first.content.decode()
    assert second.context["result"].totals["skip"] == 2
    assert Actor.objects.filter(slug__in=["ny-inkubator", "andra-inkubatorn"]).count() == 2


# Preview and confirm


def test_the_preview_shows_new_updated_unchanged_and_writes_nothing(
    editor_client, english, registry
):
    kth, rise = Actor.objects.get(slug="kth-innovation"), Actor.objects.get(slug="rise")
    rows = [
        actor_row(),
        actor_row(slug="kth-innovation", name_sv=kth.name_sv, description_sv="Ny text"),
        actor_row(
            slug="rise",
            name_sv=rise.name_sv,
            municipality_code=rise.municipality_id,
            description_sv=rise.description_sv,
        ),
    ]
    content = csv_bytes(rows, headers=[*rows[0], "description_sv"])

    response = preview(editor_client, "actor", content)

    page = response.content.decode()
    assert "1 new, 1 updated, 1 unchanged, 0 invalid." in page
    assert [row.import_type for row in response.context["result"].rows] == ["new", "update", "skip"]
    assert not Actor.objects.filter(slug="ny-inkubator").exists()
    assert Actor.objects.get(slug="kth-innovation").description_sv != "Ny text"
    assert response.context["confirm_form"] is not None


def test_imported_entries_arrive_as_drafts_without_a_review_date(editor_client, stockholm):
    import_file(
        editor_client, "actor", csv_bytes([actor_row(last_reviewed_on="2026-01-01", url="x")])
    )

    actor = Actor.objects.get(slug="ny-inkubator")
    assert actor.status == "draft"
    assert actor.last_reviewed_on is None
    assert actor.municipality == stockholm


def test_an_import_is_recorded_in_the_history_with_the_importer_and_the_file(
    editor_client, editor, english, stockholm
):
    import_file(editor_client, "actor", csv_bytes([actor_row()]), name="partners.csv")

    record = Actor.objects.get(slug="ny-inkubator").history.earliest("history_date")
    assert record.history_user == editor
    assert record.history_change_reason == "Imported from partners.csv"


def recorded_areas(record) -> list[str]:
    return sorted(row.priorityarea.slug for row in record.priority_areas.all())


def test_an_imported_row_is_one_history_record_with_its_areas(
    editor_client, editor, english, stockholm, areas
):
    row = actor_row(priority_areas="ikt-tech-och-digitalisering|life-science-vard-och-halsa")

    import_file(editor_client, "actor", csv_bytes([row]), name="partners.csv")

    (record,) = Actor.objects.get(slug="ny-inkubator").history.all()
    assert (record.history_type, record.history_user, record.name_sv) == (
        "+",
        editor,
        "Ny inkubator",
    )
    assert recorded_areas(record) == ["ikt-tech-och-digitalisering", "life-science-vard-och-halsa"]


def test_a_changed_entry_without_history_keeps_its_state_before_the_import(
    editor_client, editor, english, stockholm, areas
):
    actor = ActorFactory(
        slug="gammal", name_sv="Gammalt namn", priority_areas=[areas["ikt-tech-och-digitalisering"]]
    )
    actor.history.all().delete()  # as if loaded before history began
    row = actor_row(
        slug="gammal", name_sv="Nytt namn", priority_areas="life-science-vard-och-halsa"
    )

    import_file(editor_client, "actor", csv_bytes([row]), name="partners.csv")

    before, imported = actor.history.order_by("history_date")
    assert (before.history_type, before.history_user, before.name_sv) == ("~", None, "Gammalt namn")
    assert before.history_change_reason == "As it was before the first recorded change"
    assert recorded_areas(before) == ["ikt-tech-och-digitalisering"]
    assert (imported.history_type, imported.history_user, imported.name_sv) == (
        "~",
        editor,
        "Nytt namn",
    )
    assert imported.history_change_reason == "Imported from partners.csv"
    assert recorded_areas(imported) == ["life-science-vard-och-halsa"]


def test_an_entry_with_history_gets_no_second_baseline(editor_client, english, stockholm):
    actor = ActorFactory(slug="kand", name_sv="Känd")
    count = actor.history.count()

    import_file(editor_client, "actor", csv_bytes([actor_row(slug="kand", name_sv="Känd AB")]))

    assert actor.history.count() == count + 1
    assert actor.history.latest("history_date").name_sv == "Känd AB"


def test_a_large_import_is_written_in_batches_with_one_history_record_per_row(
    editor_client, english, stockholm, monkeypatch
):
    monkeypatch.setattr(resources.ActorResource._meta, "batch_size", 2)
    rows = [actor_row(slug=f"rad-{n}", name_sv=f"Inkubator {n}") for n in range(1, 6)]

    with CaptureQueriesContext(connection) as queries:
        import_file(editor_client, "actor", csv_bytes(rows))

    imported = Actor.history.filter(slug__startswith="rad-")
    assert sorted(imported.values_list("name_sv", flat=True)) == [
        f"Inkubator {n}" for n in range(1, 6)
    ]
    history_inserts = [
        q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "actors_historicalactor"')
    ]
    assert len(history_inserts) == 3  # rows 1-2, rows 3-4, row 5
    entry_inserts = [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "actors_actor"')]
    assert len(entry_inserts) == 6  # the same three batches in the preview and the confirmation


def test_each_row_of_a_batch_is_logged_with_the_entry_it_wrote(
    editor_client, editor, english, stockholm, monkeypatch
):
    monkeypatch.setattr(resources.ActorResource._meta, "batch_size", 2)
    ActorFactory(slug="rad-2", name_sv="Gammalt namn")
    rows = [actor_row(slug=f"rad-{n}", name_sv=f"Inkubator {n}") for n in range(1, 6)]

    import_file(editor_client, "actor", csv_bytes(rows))

    logged = {
        (entry.object_id, entry.object_repr, entry.action_flag)
        for entry in LogEntry.objects.filter(user=editor)
    }
    assert logged == {
        (str(actor.pk), str(actor), ADDITION if actor.slug != "rad-2" else CHANGE)
        for actor in Actor.objects.filter(slug__startswith="rad-")
    }
    assert len(logged) == 5


def test_a_row_the_database_refuses_in_a_batch_is_named_and_nothing_is_written(
    publisher_client, areas, english, monkeypatch
):
    # Coordinates on their own pass the row's own checks; the database's constraint
    # refuses them, so the batch of rows 3 and 4 fails and the file goes through again
    # row by row.
    monkeypatch.setattr(resources.ActorResource._meta, "batch_size", 2)
    rows = [
        actor_row(slug=f"rad-{n}", name_sv=f"Inkubator {n}", latitude="", longitude="")
        for n in range(1, 6)
    ]
    rows[2]["latitude"] = "59.3293"

    response = preview(publisher_client, "actor", csv_bytes(rows))

    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [3]
    assert result.totals["new"] == 4
    assert "Give both coordinates, inside Stockholm County, or neither." in (
        response.content.decode()
    )
    assert response.context.get("confirm_form") is None
    assert not Actor.objects.filter(slug__startswith="rad-").exists()


def test_a_new_entry_of_the_preview_shows_its_areas_and_partners(
    publisher_client, areas, english, registry
):
    rows = [
        {
            "slug": "nytt-projekt",
            "name_sv": "Nytt projekt",
            "funding_programme": "interreg_europe",
            "start_date": "2026-01-01",
            "priority_areas": "ikt-tech-och-digitalisering",
            "lead_partner": "kth-innovation",
            "partners": "BEAZ (ES)",
        }
    ]

    response = preview(publisher_client, "project", csv_bytes(rows))

    page = response.content.decode()
    assert response.context.get("confirm_form") is not None, _problems(response)
    diff = response.context["result"].rows[0].diff
    shown = " ".join(str(cell) for cell in diff)
    assert "ikt-tech-och-digitalisering" in shown
    assert "kth-innovation" in shown
    assert "BEAZ (ES)" in shown
    assert "Nytt projekt" in page


def test_two_rows_for_one_entry_are_two_records_each_with_its_own_areas(
    editor_client, english, stockholm, areas
):
    rows = [
        actor_row(name_sv="Första namnet", priority_areas="ikt-tech-och-digitalisering"),
        actor_row(name_sv="Andra namnet", priority_areas="life-science-vard-och-halsa"),
    ]

    import_file(editor_client, "actor", csv_bytes(rows))

    first, second = Actor.objects.get(slug="ny-inkubator").history.order_by("history_date")
    assert (first.name_sv, recorded_areas(first)) == (
        "Första namnet",
        ["ikt-tech-och-digitalisering"],
    )
    assert (second.name_sv, recorded_areas(second)) == (
        "Andra namnet",
        ["life-science-vard-och-halsa"],
    )


def test_the_preview_writes_no_history(editor_client, english, registry):
    before = snapshot(Actor, schema.ACTORS)
    rows = [actor_row(), actor_row(slug="kth-innovation", name_sv="KTH Innovation AB")]

    preview(editor_client, "actor", csv_bytes(rows))

    assert snapshot(Actor, schema.ACTORS) == before


def test_a_row_may_publish_when_the_importer_is_a_publisher(publisher_client, areas):
    row = actor_row(
        status="published",
        description_sv="En inkubator för nya bolag.",
        priority_areas="IKT, tech och digitalisering",
    )

    import_file(publisher_client, "actor", csv_bytes([row]))

    assert Actor.objects.get(slug="ny-inkubator").status == "published"


def test_a_row_that_publishes_is_refused_for_an_editor(editor_client, english, areas):
    row = actor_row(
        status="published",
        description_sv="En inkubator för nya bolag.",
        priority_areas="ikt-tech-och-digitalisering",
    )

    response = preview(editor_client, "actor", csv_bytes([row]))

    page = response.content.decode()
    assert "Row 2, column status: You may not set the status to “published”" in page
    assert response.context.get("confirm_form") is None


def test_a_publishing_row_missing_what_the_page_needs_names_the_field(
    publisher_client, english, stockholm
):
    response = preview(publisher_client, "actor", csv_bytes([actor_row(status="published")]))

    page = response.content.decode()
    assert "Row 2, column status:" in page
    assert "description (Swedish), priority areas" in page


def test_an_editor_may_reimport_published_entries_unchanged(
    editor_client, publisher_client, registry
):
    content = export(publisher_client, "actor")

    response = preview(editor_client, "actor", content)

    assert response.context["result"].totals["invalid"] == 0
    assert response.context["confirm_form"] is not None


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


# Large files


def listed_row_numbers(response) -> list[int]:
    return [row.number for row in response.context["result"].listed_rows]


def test_a_large_preview_shows_the_first_rows_changes_and_counts_the_rest(
    editor_client, english, stockholm, monkeypatch
):
    monkeypatch.setattr(resources, "PREVIEW_ROWS", 2)
    rows = [actor_row(slug=f"rad-{n}", name_sv=f"Inkubator {n}") for n in range(1, 6)]

    response = preview(editor_client, "actor", csv_bytes(rows))

    page = response.content.decode()
    assert "5 new, 0 updated, 0 unchanged, 0 invalid." in page
    assert listed_row_numbers(response) == [2, 3]
    assert "Inkubator 2" in page
    assert "Inkubator 3" not in page
    assert (
        "The first 2 rows are shown with their changes; after them, only rows with errors or "
        "possible duplicates. 3 other rows are counted above but not shown."
    ) in page
    confirm(editor_client, "actor", response)
    assert Actor.objects.filter(slug__startswith="rad-").count() == 5


def test_a_large_preview_still_lists_every_invalid_row_and_duplicate_after_the_first(
    editor_client, english, stockholm, monkeypatch
):
    monkeypatch.setattr(resources, "PREVIEW_ROWS", 1)
    number = with_check_digit("556777888")
    ActorFactory(slug="norrsken", name_sv="Norrsken Foundation", organisation_number=number)
    rows = [
        actor_row(slug="forsta", name_sv="Första"),
        actor_row(slug="andra", name_sv="Andra"),
        actor_row(slug="norrsken-2", name_sv="Norrsken Foundation AB", organisation_number=number),
        actor_row(slug="trasig", name_sv="Trasig", kind="spaceship"),
    ]

    response = preview(editor_client, "actor", csv_bytes(rows))

    page = response.content.decode()
    assert listed_row_numbers(response) == [2, 4, 5]
    assert "Possible duplicate of" in page
    assert "Row 5, column kind: “spaceship” is not one of the codes of this column" in page
    assert "1 other row is counted above but not shown." in page
    assert response.context.get("confirm_form") is None


def test_a_preview_within_the_limit_lists_every_row_without_a_note(
    editor_client, english, stockholm
):
    rows = [actor_row(slug=f"rad-{n}", name_sv=f"Inkubator {n}") for n in range(1, 4)]

    response = preview(editor_client, "actor", csv_bytes(rows))

    assert listed_row_numbers(response) == [2, 3, 4]
    assert "counted above but not shown" not in response.content.decode()


# Bad files


@pytest.mark.parametrize(
    ("content", "name", "fmt", "message"),
    [
        (b"", "empty.csv", "csv", "The submitted file is empty."),
        (b"\xef\xbb\xbf\r\n\r\n", "blank.csv", "csv", "The file is empty."),
        ("slug,name_sv\nå,Å\n".encode("latin-1"), "latin.csv", "csv", "The file is not UTF-8"),
        (
            b"slug,name_sv,kind,helix_sector,municipality_code\n",
            "header.csv",
            "csv",
            "no rows to import",
        ),
        (None, "workbook.csv", "csv", "This file is an Excel workbook, not CSV text"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "image.csv", "csv", "not a CSV text file"),
        (
            b"slug;name_sv\nx;y\n",
            "not-a-workbook.xlsx",
            "xlsx",
            "This file is not an XLSX workbook",
        ),
        (b'{"slug": 1}', "object.json", "json", "must be a list of objects"),
        (b'[{"slug": ', "broken.json", "json", "not valid JSON"),
    ],
    ids=[
        "empty",
        "blank",
        "latin-1",
        "header-only",
        "xlsx-named-csv",
        "binary-named-csv",
        "csv-named-xlsx",
        "json-object",
        "broken-json",
    ],
)
def test_a_bad_file_gets_a_clear_message_and_no_preview(
    editor_client, english, content, name, fmt, message
):
    if content is None:
        content = xlsx_bytes([actor_row()])

    response = preview(editor_client, "actor", content, name=name, fmt=fmt)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["import_file"])
    assert message in errors
    assert response.context.get("result") is None


def test_a_latin_1_file_is_told_to_be_saved_as_utf_8_with_the_line(editor_client, english):
    content = "slug,name_sv\nett,Ett\ntva,Två\n".encode("latin-1")

    response = preview(editor_client, "actor", content)

    assert "first unreadable character is on line 3" in response.content.decode()
    assert "Save it as “CSV UTF-8”" in response.content.decode()


def test_missing_and_unknown_columns_are_named(editor_client, english):
    content = csv_bytes([{"slug": "x", "name_sv": "X", "colour": "blue"}])

    response = preview(editor_client, "actor", content)

    errors = " ".join(response.context["form"].errors["import_file"])
    assert "Unknown columns: colour." in errors
    assert "Missing columns: kind, helix_sector, municipality_code or municipality_name." in errors


def test_an_xlsx_cell_with_a_formula_is_refused_with_its_reference(editor_client, english):
    content = xlsx_bytes([actor_row()], formula_in="B2")

    response = preview(editor_client, "actor", content, name="a.xlsx", fmt="xlsx")

    errors = " ".join(response.context["form"].errors["import_file"])
    assert "Cell B2 contains a formula" in errors


def test_semicolon_csv_with_a_bom_imports(editor_client, stockholm):
    content = csv_bytes([actor_row(name_sv="Semikolon; och komma, AB")], delimiter=";", bom=True)

    import_file(editor_client, "actor", content)

    assert Actor.objects.get(slug="ny-inkubator").name_sv == "Semikolon; och komma, AB"


def test_a_neutralised_cell_in_a_hand_made_file_loses_its_quote(editor_client, stockholm):
    import_file(editor_client, "actor", csv_bytes([actor_row(phone="'+46 8 123 456")]))

    assert Actor.objects.get(slug="ny-inkubator").phone == "+46 8 123 456"


def test_json_import_keeps_text_exactly(editor_client, stockholm):
    content = json.dumps([actor_row(description_sv="'=inte en formel")]).encode()

    import_file(editor_client, "actor", content, name="a.json", fmt="json")

    assert Actor.objects.get(slug="ny-inkubator").description_sv == "'=inte en formel"


# Who may import


def test_staff_who_can_only_view_cannot_import_or_see_the_button(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_actor"))
    client.force_login(viewer)

    changelist = client.get(reverse("admin:actors_actor_changelist"))
    response = client.get(reverse("admin:actors_actor_import"))

    assert reverse("admin:actors_actor_import") not in changelist.content.decode()
    assert response.status_code == 403


def test_dates_from_a_workbook_are_read_as_dates(editor_client, english):
    row = {
        "slug": "nytt",
        "name_sv": "Nytt projekt",
        "funding_programme": "vinnova",
        "start_date": datetime.datetime(2024, 1, 31),
    }

    import_file(editor_client, "project", xlsx_bytes([row]), name="p.xlsx", fmt="xlsx")

    assert Project.objects.get(slug="nytt").start_date == datetime.date(2024, 1, 31)


def test_the_data_schema_document_lists_every_column_and_code():
    text = (Path(__file__).resolve().parents[2] / "docs" / "data-schema.md").read_text()

    for entry_schema in (schema.ACTORS, schema.OFFERS, schema.PROJECTS):
        for number, column in enumerate(entry_schema.columns, start=1):
            assert f"| {number} | `{column.name}` |" in text
            for code in column.choices.values if column.choices else []:
                assert f"| `{code}` |" in text
