"""Editors manage videos (and their timelapse speeds) as they manage images.

``permissions_for`` serves the later migrations that give the Editors group new models."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
ACTIONS = ["add", "change", "delete", "view"]


def permissions_for(models):
    """``(grant, revoke)``: RunPython functions that give the Editors group, or take from it,
    every permission on ``models`` (model names)."""
    codenames = [f"{action}_{model}" for model in models for action in ACTIONS]

    def permissions(apps):
        Permission = apps.get_model("auth", "Permission")
        return Permission.objects.filter(content_type__app_label="missions", codename__in=codenames)

    def editors(apps):
        return apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()

    def grant(apps, schema_editor):
        app_config = apps.get_app_config("missions")
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        group = editors(apps)
        if group is not None:
            group.permissions.add(*permissions(apps))

    def revoke(apps, schema_editor):
        group = editors(apps)
        if group is not None:
            group.permissions.remove(*permissions(apps))

    return grant, revoke


grant, revoke = permissions_for(["video", "timelapsespeed"])


class Migration(migrations.Migration):
    dependencies = [("missions", "0010_videos_and_upload_queue")]

    operations = [migrations.RunPython(grant, revoke)]
