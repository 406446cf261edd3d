"""Editors manage videos (and their timelapse speeds) as they manage images."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
MODELS = ["video", "timelapsespeed"]
ACTIONS = ["add", "change", "delete", "view"]


def codenames():
    return [f"{action}_{model}" for model in MODELS for action in ACTIONS]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("missions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="missions", codename__in=codenames())
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="missions", codename__in=codenames())
        )


class Migration(migrations.Migration):
    dependencies = [("missions", "0010_videos_and_upload_queue")]

    operations = [migrations.RunPython(grant, revoke)]
