"""The "Editors" group: full rights on the archive's content, none on users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CONTENT_MODELS = ["mission", "astronaut", "spacecraft", "imagecaption", "crewmember"]
ACTIONS = ["add", "change", "delete", "view"]


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after migrate; this group needs them now.
    app_config = apps.get_app_config("missions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITORS)
    codenames = [f"{action}_{model}" for model in CONTENT_MODELS for action in ACTIONS]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="missions", codename__in=codenames)
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
