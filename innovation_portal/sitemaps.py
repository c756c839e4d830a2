"""The sitemap at /sitemap.xml: every public page in Swedish and English, with hreflang links.

Only published entries are listed: drafts are not public, and archived entries
keep their address but are left out of search, so crawlers are not led to them.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from actors.models import Actor, Project, SupportOffer
from spetsomraden.models import PriorityArea


class BilingualSitemap(Sitemap):
    """Each item once per language, each naming its Swedish, English and default versions."""

    i18n = True
    alternates = True
    x_default = True


class StaticPageSitemap(BilingualSitemap):
    def items(self):
        return [
            "home",
            "actors:offer_list",
            "actors:actor_list",
            "actors:project_list",
            "spetsomraden:area_list",
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
