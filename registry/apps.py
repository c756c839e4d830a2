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
