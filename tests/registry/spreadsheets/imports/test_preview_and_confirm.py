"""The import's preview and confirmation: what each writes, history, publishing."""

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import Actor
from registry.spreadsheets import columns
from registry.spreadsheets.imports import kinds
from tests.factories import (
    ActorFactory,
)
from tests.registry.spreadsheets.admin_files import (
    actor_row,
    csv_bytes,
    export,
    import_file,
    preview,
    problems,
    snapshot,
)

pytestmark = pytest.mark.django_db


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
    monkeypatch.setattr(kinds.ActorResource._meta, "batch_size", 2)
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
    monkeypatch.setattr(kinds.ActorResource._meta, "batch_size", 2)
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
    monkeypatch.setattr(kinds.ActorResource._meta, "batch_size", 2)
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
    assert response.context.get("confirm_form") is not None, problems(response)
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
    before = snapshot(Actor, columns.ACTORS)
    rows = [actor_row(), actor_row(slug="kth-innovation", name_sv="KTH Innovation AB")]

    preview(editor_client, "actor", csv_bytes(rows))

    assert snapshot(Actor, columns.ACTORS) == before


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
