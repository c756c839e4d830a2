from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpetsomradenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "spetsomraden"
    verbose_name = _("Priority areas")
