"""Django's admin app with the portal's admin site (innovation_portal.admin_site) as its default.

Kept apart from the site itself, which imports models: app configs are loaded first.
"""

from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate

# The role that holds every permission (actors migration 0009).
ADMINISTRATOR_GROUP = "Administratör"


def grant_administrators_every_permission(sender, app_config=None, using="default", **kwargs):
    """Keep the administrators' group complete as apps add permissions after migration 0009.

    Permissions are created after the migrations, one app at a time; the app's own are
    created here first (idempotently), so the group gets them in the same pass.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    apps = kwargs.get("apps") or global_apps
    try:
        group_model = apps.get_model("auth", "Group")
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:
        return
    if app_config is not None and app_config.models_module is not None:
        create_contenttypes(app_config, verbosity=0, using=using, apps=global_apps)
        create_permissions(app_config, verbosity=0, using=using, apps=global_apps)
    group = group_model.objects.using(using).filter(name=ADMINISTRATOR_GROUP).first()
    if group is not None:
        group.permissions.add(*permission_model.objects.using(using).all())


class PortalAdminConfig(AdminConfig):
    default_site = "innovation_portal.admin_site.PortalAdminSite"

    def ready(self):
        super().ready()
        post_migrate.connect(
            grant_administrators_every_permission, dispatch_uid="portal-administrators-every-perm"
        )
