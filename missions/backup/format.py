"""What a backup file holds: its members, its format's name, the models whose records it keeps."""

from django.apps import apps

FORMAT = "esa-archive-backup/2"
MANIFEST, RECORDS, MEDIA = "manifest.json", "records.jsonl.gz", "media/"
# What a backup holds, in an order that loads: groups before the users in them, users before
# the admin history that names them.
MODELS = (
    "auth.group",
    "auth.user",
    "missions.agency",
    "missions.place",
    "missions.agreement",
    "missions.spacecraft",
    "missions.mission",
    "missions.astronaut",
    "missions.imagecaption",
    "missions.crewmember",
    "missions.video",
    "missions.timelapsespeed",
    "missions.experiment",
    "missions.missionfigure",
    "missions.missionevent",
    "missions.relatedlink",
    "missions.like",
    "admin.logentry",
    # The versions of public records (``models/revisions.py``), which name users too.
    "missions.historicalagency",
    "missions.historicalplace",
    "missions.historicalagreement",
    "missions.historicalspacecraft",
    "missions.historicalmission",
    "missions.historicalastronaut",
    "missions.historicalimagecaption",
    "missions.historicalvideo",
    "missions.historicalexperiment",
)
BATCH = 2000


class BackupError(Exception):
    """A file that cannot be restored, or a database that must not be restored over."""


def models():
    return [apps.get_model(label) for label in MODELS]


def summary(manifest):
    """What a backup holds, in words: ``"12 images, 3 missions, … and 80 media files"``."""
    counts = manifest["counts"]
    return (
        f"{counts['missions.imagecaption']:,} images, "
        f"{counts.get('missions.video', 0):,} videos, {counts['missions.mission']:,} missions, "
        f"{counts['missions.astronaut']:,} astronauts, {counts['missions.spacecraft']:,} "
        f"spacecraft, {counts['auth.user']:,} users, {counts['admin.logentry']:,} history "
        f"entries and {manifest['media_files']:,} media files"
    )
