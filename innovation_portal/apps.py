from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationPortalConfig(AppConfig):
    name = "innovation_portal"
    verbose_name = _("Innovation portal")

    def ready(self):
        from innovation_portal import cache

        cache.connect_signals()
