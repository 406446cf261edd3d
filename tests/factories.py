"""Small helpers that make real records and real image files for tests."""

import io
from datetime import date
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from missions.models import Astronaut, CrewMember, ImageCaption, Mission, Spacecraft, Video
from tests.videos import make_video, uploaded

_numbers = count(1)


def image_bytes(width=64, height=48, image_format="JPEG", color=(20, 60, 140), exif=None):
    """The bytes of a real image drawn by Pillow (``exif``: a ``PIL.Image.Exif`` to embed)."""
    image = Image.new("RGB", (width, height), color)
    image.putpixel((0, 0), (255, 255, 255))
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def upload(name="photo.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, image_bytes() if data is None else data, content_type)


def make_mission(**fields):
    n = next(_numbers)
    values = {
        "name": f"Mission {n}",
        "slug": f"mission-{n}",
        "launch_date": date(2016, 11, 17),
        "summary_en": f"Summary {n}",
        "summary_fr": f"Résumé {n}",
        "is_published": True,
    }
    values.update(fields)
    return Mission.objects.create(**values)


def make_astronaut(**fields):
    n = next(_numbers)
    values = {
        "name": f"Astronaut {n}",
        "slug": f"astronaut-{n}",
        "nationality": "FR",
        "agency": "ESA",
        "biography_en": "Biography",
        "biography_fr": "Biographie",
        "is_published": True,
    }
    values.update(fields)
    return Astronaut.objects.create(**values)


def make_spacecraft(**fields):
    n = next(_numbers)
    values = {
        "name": f"Craft {n}",
        "slug": f"craft-{n}",
        "kind": Spacecraft.Kind.LAUNCHER,
        "is_published": True,
    }
    values.update(fields)
    return Spacecraft.objects.create(**values)


def make_image(**fields):
    n = next(_numbers)
    values = {
        "image": upload(f"photo-{n}.jpg"),
        "slug": f"image-{n}",
        "title_en": f"Image {n}",
        "title_fr": f"Image {n} (fr)",
        "caption_en": f"Caption {n}",
        "caption_fr": f"Légende {n}",
        "date_taken": date(2016, 12, 3),
        "is_published": True,
    }
    values.update(fields)
    image = ImageCaption(**values)
    image.full_clean()
    image.save()
    return image


def add_crew(mission, astronaut, role=CrewMember.Role.FLIGHT_ENGINEER):
    return CrewMember.objects.create(mission=mission, astronaut=astronaut, role=role)


def new_video(jobs, *, run=True, data=None, **fields):
    """A video saved as an editor's upload (its job queued), then processed by the worker
    unless ``run`` is false. (``jobs`` None: the test's own queue and commits.)"""
    values = {
        "title_en": "Undocking",
        "title_fr": "Désamarrage",
        "description_en": "The capsule leaves the station.",
        "description_fr": "Le vaisseau quitte la station.",
        "released_on": date(2021, 10, 6),
        "is_published": True,
        "file": uploaded(data or make_video(seconds=1.0, size=(320, 240))),
    }
    values.update(fields)
    video = Video(**values)
    video.full_clean()
    if jobs is None:
        video.save()
        return video
    with jobs.capture(execute=True):
        video.save()
    if run:
        jobs.run()
        video.refresh_from_db()
    return video
