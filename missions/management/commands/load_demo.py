"""``python manage.py load_demo``: the demo archive of the seed pages, and the demo editor login.

Each record is looked up by its slug and created only when no record has that slug, so running
the command again (``make run`` does, every time) adds nothing and changes nothing: an editor's
edits stay as they are. Links (crew, spacecraft, mission, photographer, portrait) are set only
on the record being created. A demo record an editor deletes comes back on the next run.

The stories of the seed pages (``demo/stories.py``: agencies, places, the agreement, experiments,
a mission's figures, timeline and links) came after the first demo, so a database loaded by an
older version gets them on its next run: records by slug as above; a demo mission's figures,
timeline events and links when it has none of them yet; and a demo record's new links (agency,
operator, launch site, training centre, partners, portrait) where they are still empty.

The demo pictures are drawn, not photographed: they are created as illustrations, credited to
the demo, with no photographer. A demo image an older version created as a photograph is made
honest once (``make_honest``) while its file is still the drawn one; nothing else is touched.

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
from PIL import Image

from missions import scheduling
from missions.demo import content, films, pictures, stories, videos
from missions.models import (
    Agency,
    Agreement,
    Astronaut,
    CrewMember,
    Experiment,
    ImageCaption,
    Mission,
    MissionEvent,
    MissionFigure,
    Place,
    RelatedLink,
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
    "space_agency",
    "operated_by",
    "launch_place",
    "training_place",
    "partners",
    "parties",
    "place",
    "leading_agency",
    "missions",
    "images",
    "videos",
)


class Command(BaseCommand):
    help = (
        "Add the demo missions, astronauts, spacecraft, images, videos and the stories of the "
        "seed pages (only what is missing; an editor's changes stay) and, with DEBUG on or "
        "--editor, the demo editor login."
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
        self.created = self.existing = self.updated = 0
        self.agencies = {row["slug"]: self.add_agency(row) for row in stories.AGENCIES}
        self.places = {row["slug"]: self.add_place(row) for row in stories.PLACES}
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
        for row in stories.AGREEMENTS:
            self.add_agreement(row)
        for row in stories.EXPERIMENTS:
            self.add_experiment(row, missions)
        for mission in missions.values():
            self.add_stories(mission)
        first_versions()
        # A login whose password is in the README: only on a developer's machine (DEBUG), or
        # when asked for by name.
        with_editor = settings.DEBUG or options["editor"]
        if with_editor:
            self.add_editor()
        self.say(
            f"Demo content: {self.created} created, {self.existing} already there"
            + (f", {self.updated} updated. " if self.updated else ". ")
            + (
                f"Editor login: {EDITOR_USERNAME} / {EDITOR_PASSWORD}"
                if with_editor
                else "No demo editor (DEBUG is off; --editor creates it)."
            ),
            style=self.style.SUCCESS,
        )

    # --- one record each ----------------------------------------------------------------------

    def add_agency(self, row):
        return self.ensure(Agency, row, lambda: self.save_new(Agency(**fields(row))))

    def add_place(self, row):
        return self.ensure(Place, row, lambda: self.save_new(Place(**fields(row))))

    def add_spacecraft(self, row):
        links = {"operated_by": self.agencies.get(row.get("operated_by"))}
        spacecraft = self.ensure(
            Spacecraft, row, lambda: self.save_new(Spacecraft(**fields(row), **links))
        )
        return self.fill_links(spacecraft, links)

    def add_astronaut(self, row, portraits):
        links = {
            "portrait": portraits.get(row.get("portrait")),
            "space_agency": self.agencies.get(row.get("space_agency")),
        }
        astronaut = self.ensure(
            Astronaut, row, lambda: self.save_new(Astronaut(**fields(row), **links))
        )
        return self.fill_links(astronaut, links)

    def add_mission(self, row, astronauts, spacecraft):
        links = {
            "launch_place": self.places.get(row.get("launch_place")),
            "training_place": self.places.get(row.get("training_place")),
        }
        partners = [self.agencies[slug] for slug in row.get("partners", [])]

        def create():
            mission = self.save_new(Mission(**fields(row), **links))
            for slug, role in row.get("crew", []):
                member = CrewMember(mission=mission, astronaut=astronauts[slug], role=role)
                member.full_clean()
                member.save()
            mission.spacecraft.set([spacecraft[slug] for slug in row.get("spacecraft", [])])
            mission.partners.set(partners)
            return mission

        mission = self.fill_links(self.ensure(Mission, row, create), links)
        if (
            mission.is_demo
            and partners
            and not mission.partners.exists()
            and not edited_by_someone(mission)
        ):
            mission.partners.set(partners)
            self.note_update(mission, "partners")
        return mission

    def add_agreement(self, row):
        def create():
            agreement = self.save_new(
                Agreement(**fields(row), place=self.places.get(row.get("place")))
            )
            agreement.parties.set([self.agencies[slug] for slug in row.get("parties", [])])
            return agreement

        return self.ensure(Agreement, row, create)

    def add_experiment(self, row, missions):
        def create():
            experiment = self.save_new(
                Experiment(**fields(row), leading_agency=self.agencies.get(row["leading_agency"]))
            )
            experiment.missions.set([missions[slug] for slug in row.get("missions", [])])
            return experiment

        return self.ensure(Experiment, row, create)

    def add_stories(self, mission):
        """A demo mission's figures, timeline and links, each set added while it has none."""
        sets = [
            (MissionFigure, mission.figures, stories.FIGURES),
            (MissionEvent, mission.events, stories.EVENTS),
            (RelatedLink, mission.links, stories.LINKS),
        ]
        for model, related, rows in sets:
            rows = rows.get(mission.slug, [])
            if not rows:
                continue
            label = f"{model._meta.verbose_name_plural} of {mission.slug}"
            if not mission.is_demo or related.exists():
                self.existing += len(rows)
                self.say(f"  = {label} (already there)", verbosity=2)
                continue
            try:
                with transaction.atomic():
                    for position, row in enumerate(rows):
                        self.add_story(model, mission, position, row)
            except Exception as error:
                raise CommandError(f"Could not create the demo {label}: {error}") from error
            self.created += len(rows)
            self.say(f"  + {label} ({len(rows)})")

    def add_story(self, model, mission, position, row):
        record = model(mission=mission, **fields(row))
        if hasattr(record, "position"):
            record.position = position
        record.full_clean()
        record.save()
        if model is MissionEvent:
            record.images.set(ImageCaption.objects.filter(slug__in=row.get("images", [])))
            record.videos.set(Video.objects.filter(slug__in=row.get("videos", [])))

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
        image = self.ensure(ImageCaption, row, create, progress=progress, describe=_describe_image)
        return self.make_honest(image, row)

    def make_honest(self, image, row):
        """An older version's demo image, still the drawn picture but presented as a
        photograph (a photographer, an agency's credit): marked as the illustration it is."""
        if not image.is_demo or image.is_illustration or not row.get("is_illustration"):
            return image
        if not _is_drawn(image):  # an editor put a real file in its place: theirs to credit
            return image
        image.is_illustration = True
        image.photographer = None
        image.credit, image.licence = row["credit"], row["licence"]
        image.save(
            update_fields=["is_illustration", "photographer", "credit", "licence", "updated_at"]
        )
        self.note_update(image, "marked as an illustration, credited to the demo")
        return image

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

        video = self.ensure(Video, row, create, describe=_describe_video)
        # An older version credited the drawn films to ESA and NASA: credited as what they are.
        former = {video.credit_en, video.credit_fr}
        if video.is_demo and former <= videos.FORMER_CREDITS:
            video.credit_en, video.credit_fr = row["credit_en"], row["credit_fr"]
            video.licence = row["licence"]
            video.save(update_fields=["credit_en", "credit_fr", "licence", "updated_at"])
            self.note_update(video, "credited to the demo")
        return video

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

    def fill_links(self, record, links):
        """Set the links of ``links`` that a demo ``record`` still has empty (a record an
        older version of the demo created had none of them)."""
        missing = [
            name
            for name, value in links.items()
            if value is not None and getattr(record, f"{name}_id") is None
        ]
        if record.is_demo and missing and not edited_by_someone(record):
            for name in missing:
                setattr(record, name, links[name])
            record.save()  # not update_fields: save() also writes the texts from the records
            self.note_update(record, ", ".join(missing))
        return record

    def note_update(self, record, what):
        self.updated += 1
        self.say(f"  ~ {record._meta.verbose_name} {record.slug}: {what}")

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


def _is_drawn(image):
    """Whether ``image``'s file is still a picture ``pictures.py`` drew (its EXIF says so)."""
    try:
        with image.image.open("rb") as file, Image.open(file) as picture:
            exif = picture.getexif()
    except (OSError, ValueError):
        return False
    return (exif.get(pictures.EXIF_MAKE), exif.get(pictures.EXIF_MODEL)) == (
        pictures.MAKE,
        pictures.MODEL,
    )


def _describe_image(image):
    return f"{image.width}×{image.height}, {filesizeformat(image.file_size)}"


def _describe_video(video):
    return (
        f"{video.width}×{video.height}, {video.duration:.1f} s, {filesizeformat(video.file_size)};"
        " queued for the worker"
    )


def edited_by_someone(record):
    """Whether a person has saved ``record`` (its versions say who): the demo loader then
    leaves its links as they are, emptied ones included."""
    return record.history.exclude(history_user=None).exists()


def first_versions():
    """A first version of each demo record loaded before versions were kept (a demo database
    from an older release): its history then starts from the demo as it stands."""
    for model in scheduling.scheduled_models():
        unversioned = model.objects.filter(is_demo=True).exclude(pk__in=model.history.values("id"))
        model.history.bulk_history_create(list(unversioned), batch_size=500)
