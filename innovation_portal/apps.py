from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationPortalConfig(AppConfig):
    name = "innovation_portal"
    verbose_name = _("Innovation portal")

    def ready(self):
        from innovation_portal.lib import page_cache

        # The site's own pages: the start page shows the registry's newest entries and
        # counts, the sitemaps list every entry; the others change only with a release.
        page_cache.register(
            views=[
                "home",
                "about",
                "accessibility",
                "privacy",
                "robots_txt",
                "sitemap",
                "sitemap_section",
            ]
        )
