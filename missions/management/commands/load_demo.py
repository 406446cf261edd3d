"""``python manage.py load_demo``: the demo archive of the seed pages, and the demo editor login.

Each record is looked up by its slug and created only when no record has that slug, so running
the command again (``make run`` does, every time) adds nothing and changes nothing: an editor's
edits stay as they are. Links (crew, spacecraft, mission, photographer, portrait) are set only
on the record being created. A demo record an editor deletes comes back on the next run.

Images go through the same path as an editor's upload: the drawn JPEG is validated by Pillow,
its size and EXIF date are read, and the renditions are written when it is saved. Videos too:
the drawn film is judged by decoding it, saved, and queued; the worker (``make run`` starts
one) makes its renditions, and the demo videos are public once they are ready.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.defaultfilters import filesizeformat

from missions.demo import content, films, pictures, videos
from missions.models import (
    Astronaut,
    CrewMember,
    ImageCaption,
    Mission,
    Spacecraft,
    TimelapseSpeed,
    Video,
)

EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "esa-archive-demo"
EDITORS_GROUP = "Editors"

# Keys of the content rows that are links or drawing instructions, not model fields.
LINKS = (
    "crew",
    "spacecraft",
    "mission",
    "photographer",
    "portrait",
    "picture",
    "astronauts",
    "film",
    "speeds",
)


class Command(BaseCommand):
    help = (
        "Add the demo missions, astronauts, spacecraft and images from the seed pages (only "
        "what is missing; nothing is changed or deleted) and, with DEBUG on or --editor, the "
        "demo editor login."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--editor",
            action="store_true",
            help=(
                f"Also create the demo editor ({EDITOR_USERNAME} / {EDITOR_PASSWORD}) with DEBUG "
                "off. With DEBUG on it is always created; on a public site, never use it."
            ),
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        self.created = self.existing = 0
        spacecraft = {row["slug"]: self.add_spacecraft(row) for row in content.SPACECRAFT}
        images = content.PORTRAITS + content.IMAGES
        self.image_count, self.image_number = len(images), 0
        portraits = {
            row["slug"]: self.add_image(row, {}, {}, spacecraft) for row in content.PORTRAITS
        }
        astronauts = {row["slug"]: self.add_astronaut(row, portraits) for row in content.ASTRONAUTS}
        missions = {
            row["slug"]: self.add_mission(row, astronauts, spacecraft) for row in content.MISSIONS
        }
        for row in content.IMAGES:
            self.add_image(row, missions, astronauts, spacecraft)
        for row in videos.VIDEOS:
            self.add_video(row, missions, astronauts, spacecraft)
        # A login whose password is in the README: only on a developer's machine (DEBUG), or
        # when asked for by name.
        with_editor = settings.DEBUG or options["editor"]
        if with_editor:
            self.add_editor()
        self.say(
            f"Demo content: {self.created} created, {self.existing} already there. "
            + (
                f"Editor login: {EDITOR_USERNAME} / {EDITOR_PASSWORD}"
                if with_editor
                else "No demo editor (DEBUG is off; --editor creates it)."
            ),
            style=self.style.SUCCESS,
        )

    # --- one record each ----------------------------------------------------------------------

    def add_spacecraft(self, row):
        return self.ensure(Spacecraft, row, lambda: self.save_new(Spacecraft(**fields(row))))

    def add_astronaut(self, row, portraits):
        def create():
            astronaut = Astronaut(**fields(row))
            astronaut.portrait = portraits.get(row.get("portrait"))
            return self.save_new(astronaut)

        return self.ensure(Astronaut, row, create)

    def add_mission(self, row, astronauts, spacecraft):
        def create():
            mission = self.save_new(Mission(**fields(row)))
            for slug, role in row.get("crew", []):
                member = CrewMember(mission=mission, astronaut=astronauts[slug], role=role)
                member.full_clean()
                member.save()
            mission.spacecraft.set([spacecraft[slug] for slug in row.get("spacecraft", [])])
            return mission

        return self.ensure(Mission, row, create)

    def add_image(self, row, missions, astronauts, spacecraft):
        self.image_number += 1

        def create():
            values = fields(row)
            taken = values.pop("date_taken", None)  # read back from the EXIF, like a camera's
            picture = row["picture"]
            data = pictures.jpeg(picture["scene"], picture["seed"], taken, picture.get("options"))
            image = ImageCaption(
                **values,
                mission=missions.get(row.get("mission")),
                photographer=astronauts.get(row.get("photographer")),
                image=SimpleUploadedFile(f"{row['slug']}.jpg", data, "image/jpeg"),
            )
            self.save_new(image)
            image.spacecraft.set([spacecraft[slug] for slug in row.get("spacecraft", [])])
            return image

        progress = f"{self.image_number}/{self.image_count}"
        return self.ensure(ImageCaption, row, create, progress=progress, describe=_describe_image)

    def add_video(self, row, missions, astronauts, spacecraft):
        def create():
            data = getattr(films, row["film"])()
            video = Video(
                **fields(row),
                mission=missions.get(row.get("mission")),
                file=SimpleUploadedFile(f"{row['slug']}.mp4", data, "video/mp4"),
            )
            self.save_new(video)
            video.astronauts.set([astronauts[slug] for slug in row.get("astronauts", [])])
            video.spacecraft.set([spacecraft[slug] for slug in row.get("spacecraft", [])])
            for starts_at, speed_up, note_en, note_fr in row.get("speeds", []):
                TimelapseSpeed.objects.create(
                    video=video,
                    starts_at=starts_at,
                    speed_up=speed_up,
                    note_en=note_en,
                    note_fr=note_fr,
                )
            return video

        return self.ensure(Video, row, create, describe=_describe_video)

    def add_editor(self):
        group = Group.objects.filter(name=EDITORS_GROUP).first()
        if group is None:
            raise CommandError(
                f'The "{EDITORS_GROUP}" group is missing: run "python manage.py migrate" first.'
            )
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: EDITOR_USERNAME}).first()
        if user is None:
            user = User.objects.create_user(
                EDITOR_USERNAME, password=EDITOR_PASSWORD, is_staff=True
            )
            self.created += 1
            self.say(f"  + editor login {EDITOR_USERNAME}")
        else:
            # Its password is the owner's business now; it only needs to reach the admin.
            self.existing += 1
            if not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            self.say(f"  = editor login {EDITOR_USERNAME} (already there)", verbosity=2)
        user.groups.add(group)

    # --- plumbing -----------------------------------------------------------------------------

    def ensure(self, model, row, create, progress="", describe=None):
        """The ``model`` record with ``row``'s slug, made by ``create()`` if there is none."""
        label, slug = model._meta.verbose_name, row["slug"]
        progress = f" {progress}" if progress else ""
        existing = model.objects.filter(slug=slug).first()
        if existing is not None:
            self.existing += 1
            self.say(f"  = {label}{progress} {slug} (already there)", verbosity=2)
            return existing
        try:
            with transaction.atomic():
                record = create()
        except Exception as error:
            raise CommandError(f"Could not create the demo {label} {slug!r}: {error}") from error
        self.created += 1
        details = f" ({describe(record)})" if describe else ""
        self.say(f"  + {label}{progress} {slug}{details}")
        return record

    def save_new(self, record):
        record.is_demo = True  # not editable in forms: set here, and shown in the admin
        record.full_clean()
        record.save()
        return record

    def say(self, message, verbosity=1, style=None):
        if self.verbosity >= verbosity:
            self.stdout.write(style(message) if style else message)


def fields(row):
    """A content row's model fields (its links and drawing instructions left out)."""
    return {key: value for key, value in row.items() if key not in LINKS}


def _describe_image(image):
    return f"{image.width}×{image.height}, {filesizeformat(image.file_size)}"


def _describe_video(video):
    return (
        f"{video.width}×{video.height}, {video.duration:.1f} s, {filesizeformat(video.file_size)};"
        " queued for the worker"
    )
