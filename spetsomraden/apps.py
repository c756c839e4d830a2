from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpetsomradenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "spetsomraden"
    verbose_name = _("Priority areas")

    def ready(self):
        from innovation_portal.lib import page_cache
        from spetsomraden.models import Milestone, PriorityArea, Roadmap

        # The priority-area pages are the registry's (registry.views): they show its entries.
        page_cache.register(PriorityArea, Roadmap, Milestone)
