"""Admin for reference data: rows that data migrations create and the code relies on."""


class FixedRowsAdminMixin:
    """Staff may correct a row of reference data, but neither add nor delete one: the set
    of rows is fixed by a data migration (the county's municipalities, the strategy's
    priority areas and their roadmaps)."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
