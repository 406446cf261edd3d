"""Editors manage the stories of the missions (agencies, places, agreements, experiments, figures,
timeline events and related links) as they manage the rest of the archive."""

import importlib

from django.db import migrations

videos = importlib.import_module("missions.migrations.0011_editors_manage_videos")
grant, revoke = videos.permissions_for(
    [
        "agency",
        "place",
        "agreement",
        "experiment",
        "missionfigure",
        "missionevent",
        "relatedlink",
    ]
)


class Migration(migrations.Migration):
    dependencies = [("missions", "0012_stories_and_likes")]

    operations = [migrations.RunPython(grant, revoke)]
