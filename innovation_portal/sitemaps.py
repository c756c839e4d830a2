"""The sitemap: an index at /sitemap.xml of one file per section and page, each listing
public pages in Swedish and English with hreflang links.

Only published entries are listed: drafts are not public, and archived entries
keep their address but are left out of search, so crawlers are not led to them.

A registry of hundreds of thousands of entries does not fit in one file (the protocol
allows 50,000 addresses), so each section is cut into files of ``Sitemap.limit``
addresses, which the index lists. A file reads only its own entries; the index counts
the entries and reads their latest change, both in the database.
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse

from registry.models import Actor, Project, SupportOffer
from spetsomraden.models import PriorityArea

# Addresses per file: each has three alternates, so a file stays at about 5 MB.
ADDRESSES_PER_FILE = 10_000


class _InEachLanguage:
    """The (item, language) pairs of a queryset's items, read only for the slice asked for."""

    def __init__(self, queryset, languages: list[str]):
        self.queryset = queryset
        self.languages = languages

    def __len__(self) -> int:
        return self.queryset.count() * len(self.languages)

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("Only slices of whole pages are read.")
        start, stop = index.start or 0, index.stop
        per_item = len(self.languages)
        first = start // per_item
        last = None if stop is None else -(-stop // per_item)
        pairs = [
            (item, language) for item in self.queryset[first:last] for language in self.languages
        ]
        offset = first * per_item
        return pairs[start - offset : None if stop is None else stop - offset]


class BilingualSitemap(Sitemap):
    """Each item once per language, each naming its Swedish, English and default versions."""

    i18n = True
    alternates = True
    x_default = True
    limit = ADDRESSES_PER_FILE

    @property
    def paginator(self):
        items = self.items()
        if isinstance(items, list):
            return super().paginator
        return Paginator(_InEachLanguage(items, self._languages()), self.limit)


class StaticPageSitemap(BilingualSitemap):
    def items(self):
        return [
            "home",
            "registry:offer_list",
            "registry:actor_list",
            "registry:project_list",
            "registry:area_list",
            "about",
            "accessibility",
            "privacy",
        ]

    def location(self, item):
        return reverse(item)


class PriorityAreaSitemap(BilingualSitemap):
    def items(self):
        return PriorityArea.objects.only("slug", "number").order_by("number")


class EntrySitemap(BilingualSitemap):
    model = None

    def items(self):
        # Only what the location and lastmod need; ordered so the pages are stable.
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class ActorSitemap(EntrySitemap):
    model = Actor


class SupportOfferSitemap(EntrySitemap):
    model = SupportOffer


class ProjectSitemap(EntrySitemap):
    model = Project


SITEMAPS = {
    "pages": StaticPageSitemap,
    "priority-areas": PriorityAreaSitemap,
    "actors": ActorSitemap,
    "offers": SupportOfferSitemap,
    "projects": ProjectSitemap,
}
