"""A database built by the migrations has the indexes the models declare and the
functions and triggers ``registry.triggers`` defines, each exactly, so that neither can
drift from the code that documents it."""

import re

import pytest
from django.apps import apps
from django.db import connection, models, transaction

from registry import triggers

pytestmark = pytest.mark.django_db

APPS = ("actors", "spetsomraden")
PROBE = "schema_probe_idx"


def _models():
    for label in APPS:
        yield from apps.get_app_config(label).get_models(include_auto_created=True)


def _rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _index_definitions(table: str) -> dict[str, str]:
    return dict(
        _rows(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE schemaname = current_schema() AND tablename = %s",
            [table],
        )
    )


def _created_definition(model, index: models.Index) -> str:
    """The definition PostgreSQL records for ``index`` when Django creates it."""
    probe = index.clone()
    probe.name = PROBE
    with transaction.atomic():
        with connection.schema_editor(atomic=False) as editor:
            editor.add_index(model, probe)
        definition = _index_definitions(model._meta.db_table)[PROBE]
        transaction.set_rollback(True)
    return definition.replace(f"INDEX {PROBE} ON", f"INDEX {index.name} ON")


def _named_in_database(model) -> dict[str, str]:
    """The table's indexes except those Django names itself (keys, foreign keys, unique
    fields: all named after the table) and those of unique constraints."""
    prefix = f"{model._meta.app_label}_"
    constraints = {constraint.name for constraint in model._meta.constraints}
    return {
        name: definition
        for name, definition in _index_definitions(model._meta.db_table).items()
        if not name.startswith(prefix) and name not in constraints
    }


def test_every_index_in_the_database_is_declared_in_meta_with_the_same_definition():
    declared, in_database = {}, {}
    for model in _models():
        declared |= {index.name: _created_definition(model, index) for index in model._meta.indexes}
        in_database |= _named_in_database(model)

    assert in_database == declared
    assert "actor_public_name_sv_idx" in declared


def test_the_index_comparison_sees_a_different_condition():
    from registry.models import Actor

    (index,) = [i for i in Actor._meta.indexes if i.name == "actor_name_key_en_idx"]
    changed = models.Index(*index.expressions, condition=~models.Q(name_en=""), name=index.name)

    assert _created_definition(Actor, changed) != _index_definitions("actors_actor")[index.name]


def _functions() -> dict[str, str]:
    return dict(
        _rows(
            "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p"
            " WHERE p.pronamespace = current_schema()::regnamespace AND NOT EXISTS ("
            "   SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
        )
    )


def _triggers() -> dict[str, str]:
    return dict(
        _rows(
            "SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t"
            " JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace"
        )
    )


def test_the_functions_and_triggers_are_those_of_registry_triggers():
    functions, trigger_definitions = _functions(), _triggers()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(triggers.install_sql())
        installed = (_functions(), _triggers())
        transaction.set_rollback(True)

    defined = {re.search(r"FUNCTION (\w+)\(", sql)[1] for sql in triggers.FUNCTIONS}
    assert set(functions) == defined
    assert {trigger.name for trigger in triggers.TRIGGERS} == set(trigger_definitions)
    assert installed == (functions, trigger_definitions)


def test_the_trigger_comparison_sees_a_changed_function_body():
    before = _functions()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(triggers.REFRESH_RELATED.replace("updated_at = updated_at", "id = id"))
        changed = _functions()
        transaction.set_rollback(True)

    assert changed["actors_refresh_related"] != before["actors_refresh_related"]
