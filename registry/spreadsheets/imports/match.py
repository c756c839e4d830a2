"""Finding the entry a row is about by its natural keys: the slug (given, or made from the
Swedish name), and for an actor the organisation number.

The entries a file names are read in a few queries before its first row (``EntryIndex``),
so that no row needs a query to find its own; each serves one row and is then let go, and
a later row of the same slug (rare) reads the entry as the earlier row left it.
"""

from copy import copy, deepcopy
from functools import cache

from django.db.models import Q
from django.utils.text import slugify

from registry.spreadsheets.imports.cells import cell_text

# Entries looked up in one query each, however many rows name them.
LOOKUP_CHUNK = 5_000


def chunks(items: list, size: int = LOOKUP_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def file_slugs(dataset) -> set[str]:
    """The slugs the rows give, or make from their Swedish names."""
    headers = dataset.headers or []
    slugs: set[str] = set()
    given = dataset["slug"] if "slug" in headers else [""] * len(dataset)
    names = dataset["name_sv"] if "name_sv" in headers else [""] * len(dataset)
    for slug, name in zip(given, names, strict=True):
        slug = cell_text(slug) or slugify(cell_text(name))[:120]
        if slug:
            slugs.add(slug)
    return slugs


class EntryIndex:
    """The entries a file names, as the rows' checks and the preview's rendering read them."""

    def __init__(self, queryset):
        self.queryset = queryset
        self._entries = {}
        self._looked_up: set[str] = set()  # a slug looked up and not found is new

    def read(self, slugs: set[str], numbers: set[str] = frozenset()) -> list:
        """Read the entries of these slugs (and organisation numbers) in a few queries."""
        found = {}
        slugs_in_order, numbers_in_order = sorted(slugs), sorted(numbers)
        for start in range(0, max(len(slugs), len(numbers)), LOOKUP_CHUNK):
            end = start + LOOKUP_CHUNK
            condition = Q(slug__in=slugs_in_order[start:end])
            if numbers_in_order[start:end]:
                condition |= Q(organisation_number__in=numbers_in_order[start:end])
            found.update((entry.pk, entry) for entry in self.queryset.filter(condition))
        self._looked_up = set(slugs)
        for entry in found.values():
            self.remember(entry)
        return list(found.values())

    def remember(self, entry) -> None:
        keep_prefetched(entry)
        self._entries[entry.slug] = entry

    def saved(self, entry) -> None:
        """Saved by this import: a later row of the same slug reads it from the table."""
        self._looked_up.discard(entry.slug)

    def take(self, slug: str):
        """The entry with this slug as read, or None; the row that takes it keeps it as its
        original and changes a copy (``working_copy``)."""
        entry = self._entries.pop(slug, None)
        if entry is None:
            if slug in self._looked_up:
                return None
            entry = self.queryset.filter(slug=slug).first()
            if entry is None:
                return None
        self._looked_up.discard(slug)
        return entry


class ActorIndex(EntryIndex):
    """Actors, also by organisation number for the rows that give no slug."""

    def __init__(self, queryset):
        super().__init__(queryset)
        self._slugs_by_number: dict[str, set[str]] = {}
        self._number_of: dict[str, str] = {}
        self._numbers_looked_up: set[str] = set()

    def read(self, slugs, numbers=frozenset()):
        self._numbers_looked_up = set(numbers)
        return super().read(slugs, numbers)

    def remember(self, entry) -> None:
        super().remember(entry)
        self._number_is(entry)

    def saved(self, entry) -> None:
        super().saved(entry)
        self._number_is(entry)

    def number_was_read(self, number: str) -> bool:
        return number in self._numbers_looked_up

    def slugs_with_number(self, number: str) -> set[str]:
        return self._slugs_by_number.get(number, set())

    def _number_is(self, entry) -> None:
        old = self._number_of.pop(entry.slug, None)
        if old:
            self._slugs_by_number.get(old, set()).discard(entry.slug)
        if entry.organisation_number:
            self._number_of[entry.slug] = entry.organisation_number
            self._slugs_by_number.setdefault(entry.organisation_number, set()).add(entry.slug)


def working_copy(entry):
    """A copy of an entry to change, while the entry as read stays the row's original.

    Its own values and the relations read with it are copied, not the related rows: the
    import replaces a relation's rows rather than changing them. Much cheaper than
    ``deepcopy``, which copies every related row and queryset.
    """
    working = copy(entry)  # a new dict of values, and of the cached related entries
    prefetched = getattr(entry, "_prefetched_objects_cache", None)
    if prefetched is not None:
        working._prefetched_objects_cache = dict(prefetched)
    return working


@cache
def _kept_class(queryset_class):
    """``queryset_class`` whose copies keep their rows: an entry's prefetched relations then
    survive the copies an import makes of it (its original, the preview's "before")."""

    def __deepcopy__(self, memo):
        copied = queryset_class.__deepcopy__(self, memo)
        copied._result_cache = deepcopy(self._result_cache, memo)
        copied.__class__ = type(self)
        return copied

    attributes = {"__deepcopy__": __deepcopy__, "keeps_rows_when_copied": True}
    return type(f"Kept{queryset_class.__name__}", (queryset_class,), attributes)


def keep_prefetched(entry) -> None:
    for queryset in getattr(entry, "_prefetched_objects_cache", {}).values():
        if queryset._result_cache is not None and not hasattr(queryset, "keeps_rows_when_copied"):
            queryset.__class__ = _kept_class(type(queryset))


def prefetched(instance, name: str, objects) -> None:
    """Give ``instance.<name>.all()`` these objects without a query, as a prefetch would."""
    related = instance._meta.get_field(name).related_model
    queryset = related._default_manager.get_queryset()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset
    keep_prefetched(instance)
