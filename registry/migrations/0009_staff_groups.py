"""The three staff roles as groups, each with exactly its permissions.

Redaktör (editor) adds and changes entries; Publicerare (publisher) may also
publish, archive and mark entries as reviewed; Administratör has every
permission, users and groups included. Only Administratör deletes.
"""

from django.db import migrations

EDITOR = "Redaktör"
PUBLISHER = "Publicerare"
ADMINISTRATOR = "Administratör"

EDITOR_PERMISSIONS = {
    "actors": {
        "actor": ("view", "add", "change"),
        "supportoffer": ("view", "add", "change"),
        "project": ("view", "add", "change"),
        "participation": ("view", "add", "change"),
        "municipality": ("view",),
    },
    "spetsomraden": {
        "priorityarea": ("view", "change"),
        "roadmap": ("view", "change"),
        "milestone": ("view", "add", "change"),
    },
}
PUBLISHER_EXTRA = {
    "actors": {
        "actor": ("publish", "review"),
        "supportoffer": ("publish", "review"),
        "project": ("publish", "review"),
    },
}


def _permissions(Permission, spec):
    wanted = [
        (app_label, f"{action}_{model}")
        for app_label, models in spec.items()
        for model, actions in models.items()
        for action in actions
    ]
    found = []
    for app_label, codename in wanted:
        found.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return found


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; the custom ones are needed now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    editor_permissions = _permissions(Permission, EDITOR_PERMISSIONS)
    publisher_permissions = editor_permissions + _permissions(Permission, PUBLISHER_EXTRA)

    for name, permissions in [
        (EDITOR, editor_permissions),
        (PUBLISHER, publisher_permissions),
        (ADMINISTRATOR, list(Permission.objects.all())),
    ]:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[EDITOR, PUBLISHER, ADMINISTRATOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0008_duplicate_check_indexes"),
        ("spetsomraden", "0003_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
