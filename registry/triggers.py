"""The database triggers of the registry, and what code may ask of them.

The triggers keep each entry's search vectors and ``area_numbers`` current, whoever
writes (migrations ``actors 0004``, ``0013`` and ``0015``).
"""

from contextlib import contextmanager

from django.db import connections, router


@contextmanager
def related_refresh_skipped(*, using=None):
    """Statements in this block leave the search vectors of changed actors' offers and
    projects as they are (migration ``actors 0015``).

    Only for work that is rolled back whatever happens, such as an import's preview: a
    committed rename must refresh them.
    """
    from registry.models import Actor

    connection = connections[using or router.db_for_write(Actor)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('portal.skip_related_refresh', 'on', true)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('portal.skip_related_refresh', 'off', true)")
