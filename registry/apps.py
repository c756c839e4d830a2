from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    """The registry: actors, support offers, projects and where they are.

    The label stays ``actors``, the app's first name, so that its tables, migrations,
    content types and permissions keep the names they were created with.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "registry"
    label = "actors"
    verbose_name = _("Innovation registry")

    def ready(self):
        from innovation_portal.lib import page_cache
        from registry.models import Actor, Municipality, Participation, Project, SupportOffer

        page_cache.register(
            Actor,
            SupportOffer,
            Project,
            Participation,
            Municipality,
            views=[
                f"registry:{page}_{kind}"
                for page in ("actor", "offer", "project", "area")
                for kind in ("list", "detail")
            ],
        )
