"""``python manage.py seed_archive --images N``: a synthetic archive for benchmarks and tests.

It makes N published images over missions, astronauts and spacecraft whose names, dates and
bilingual texts look like a real archive's (see ``missions/demo/synthetic.py`` for the words),
every record marked ``is_synthetic``. Running it again replaces the synthetic archive, and the
same ``--seed`` gives the same archive; ``--reset`` only removes it. Demo content and what
editors made are never touched.

Speed comes from two choices. Only a handful of image files exist: each is drawn by Pillow and
saved once through the normal upload path (validated, renditions written), and every other
image shares one of them, copying its name, size and rendition names, so nothing else is
resized. And rows are written with ``bulk_create`` in one transaction and removed with one
``DELETE`` a table; neither sends signals, so what their receivers would do is done once at the
end: the gallery's counts are recounted and cached pages go stale (``archive_changed``).
"""

import copy
import io
import math
import random
import re
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from itertools import accumulate

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, reset_queries, transaction
from django.db.models import ForeignObjectRel
from django.utils.text import slugify
from PIL import Image

from missions import facets
from missions.caching import content_changed
from missions.demo import pictures
from missions.demo import synthetic as words
from missions.models import (
    Astronaut,
    CrewMember,
    ImageCaption,
    Licence,
    Mission,
    Spacecraft,
    delete_image_files,
)

DEFAULT_IMAGES = 1000
DEFAULT_SEED = 1
# The archive's size follows N up to the full size, reached at the default N=1000, so
# that a small archive (a test's) has no empty missions: one mission per 20 images, three
# astronauts per mission, two spacecraft per five missions (at least one of each kind).
MAX_MISSIONS, IMAGES_PER_MISSION = 50, 20
ASTRONAUTS_PER_MISSION = 3
MAX_SPACECRAFT, MIN_SPACECRAFT = 20, 4
FIRST_LAUNCH, LAST_LAUNCH = date(1990, 1, 1), date(2024, 9, 30)
LAST_DAY = date(2024, 12, 31)  # nothing is dated later: the archive does not move with the clock
CUPOLA_INSTALLED, ISS_CREWED, SHUTTLE_RETIRED = (
    date(2010, 2, 8),
    date(2000, 11, 2),
    date(2011, 7, 21),
)

NO_MISSION_SHARE = 0.08  # of the images that are not astronaut portraits
UNDATED_SHARE = 0.03
ONE_LANGUAGE_SHARE = 0.05
IN_FLIGHT_PHOTOGRAPHER_SHARE = 0.89  # launch and training photos have none: ~80% overall
PORTRAIT_EVERY = 20  # one astronaut portrait per 20 images, until every astronaut has one
BATCH = 2000
PROGRESS_STEPS = 10

# The real files the images share: theme → (scene of pictures.py, size). Aspect ratios vary
# (1:1, 4:3, 16:9, 3:2, 16:10, and two upright: 3:4, 2:3), as in a real archive.
FILES = {
    "earth": ("glacier", (1400, 1400)),
    "night": ("city_night", (1600, 1200)),
    "sunrise": ("cupola_sunrise", (1600, 900)),
    "station": ("station", (1600, 1067)),
    "aurora": ("aurora", (1600, 1000)),
    "ground": ("launch_pad", (1200, 1600)),
    "portrait": ("portrait", (1067, 1600)),
}
FILE_OF_THEME = {"science": "station", "launch": "ground", "training": "ground"}
PICTURE_SCALE = 1.0  # tests draw the files smaller
PORTRAIT_OPTIONS = {"flag": "ESA"}  # one shared file for every nationality: ESA blue

# How often each kind of picture is taken during a mission, and without one.
MISSION_THEMES = {
    "earth": 34,
    "sunrise": 14,
    "station": 16,
    "night": 8,
    "science": 8,
    "aurora": 8,
    "training": 7,
    "launch": 5,
}
FREE_THEMES = {"earth": 55, "night": 15, "sunrise": 15, "aurora": 15}
# theme → Zipf pickers of its (titles, first sentences of captions, alt texts)
THEME_PATTERNS = {
    theme: tuple(words.Zipf(patterns[part]) for part in ("titles", "captions", "alts"))
    for theme, patterns in words.THEMES.items()
}
ORBIT_THEMES = {"earth", "night", "sunrise", "aurora"}
SYNTHETIC_MODELS = (ImageCaption, Mission, Astronaut, Spacecraft)
CLUMSY = re.compile(r"([aeiouy])\1|[aeiouy]{3}")  # "Lenviiel", "Laoea": not a made-up name


class Command(BaseCommand):
    help = (
        "Replace the synthetic archive (records marked is_synthetic) with a new one of N "
        "published images, deterministic for a given --seed. Missions: one per 20 images, at "
        "most 50 (so 50 from the default 1,000 images on); astronauts: three per mission (at "
        "most 150); spacecraft: two per five missions, 4 to 20. About 7 real image files are "
        "shared by all images. --reset removes the synthetic archive and nothing else."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--images",
            type=int,
            help=f"how many images to make (default {DEFAULT_IMAGES})",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"random seed: the same seed gives the same archive (default {DEFAULT_SEED})",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="only remove the synthetic archive (records and files); make nothing",
        )

    def handle(self, *args, images=None, seed=DEFAULT_SEED, reset=False, verbosity=1, **opts):
        self.verbosity = verbosity
        started = time.perf_counter()
        if reset:
            if images is not None:
                raise CommandError("--reset only removes the synthetic archive: drop --images.")
            removed = remove_synthetic_archive()
            if removed is None:
                self.say("There is no synthetic archive to remove: nothing changed.")
            else:
                self.say(f"{removed} in {time.perf_counter() - started:.1f} s.", success=True)
            return
        images = DEFAULT_IMAGES if images is None else images
        if images < 0:
            raise CommandError("--images must be 0 or more.")
        removed = remove_synthetic_archive()
        if removed is not None:
            self.say(f"{removed} in {time.perf_counter() - started:.1f} s.")
        made = Seeder(images, random.Random(seed), self.say).seed()
        if connection.vendor == "postgresql":
            # Statistics of what was just written: without them the planner guesses that a
            # common search word is rare and joins its 64,000 images one by one (250 ms, not
            # 20). Autovacuum would get there too, a minute or so later.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.say(f"{made} in {time.perf_counter() - started:.1f} s.", success=True)

    def say(self, message, success=False):
        if self.verbosity:
            self.stdout.write(self.style.SUCCESS(message) if success else message)


# --- removing ---------------------------------------------------------------------------------


def remove_synthetic_archive():
    """Delete every synthetic record and the files only they used; a summary, or ``None``.

    Fast at any size: no record is loaded and no per-object signal is sent. What other records
    link to a synthetic one is first handled as its ``on_delete`` says (a non-synthetic
    astronaut's portrait becomes NULL, crew and spacecraft links go), then each table's
    synthetic rows go in one ``DELETE``, then the shared files that no row uses any more.
    """
    doomed = {model: model.objects.filter(is_synthetic=True) for model in SYNTHETIC_MODELS}
    if not any(queryset.exists() for queryset in doomed.values()):
        return None
    names = set(doomed[ImageCaption].order_by().values_list("image", flat=True).distinct())
    with transaction.atomic():
        for model in SYNTHETIC_MODELS:
            _detach(model, doomed[model])
        counts = {model: _delete_rows(model) for model in SYNTHETIC_MODELS}
        archive_changed()
    for name in names:  # after the rows: delete_image_files keeps a file some row still uses
        delete_image_files(name)
    return (
        f"Removed the synthetic archive: {number(counts[ImageCaption], 'image')}, "
        f"{number(counts[Mission], 'mission')}, {number(counts[Astronaut], 'astronaut')}, "
        f"{counts[Spacecraft]} spacecraft and {number(len(names), 'shared image file')}"
    )


def archive_changed():
    """What the signals that bulk queries do not send would have done: the gallery's counts
    are recounted (``facets.py``) and every cached page goes stale (``caching.py``)."""
    facets.recount()
    content_changed()


def _detach(model, doomed):
    """Apply ``on_delete`` of every link to ``doomed`` rows, except from rows deleted too."""
    for relation in model._meta.get_fields(include_hidden=True):
        if not isinstance(relation, ForeignObjectRel) or relation.many_to_many:
            continue  # a many-to-many is reached through its through model's foreign key
        links = relation.related_model._base_manager.filter(
            **{f"{relation.field.name}__in": doomed}
        )
        if relation.related_model in SYNTHETIC_MODELS:
            links = links.filter(is_synthetic=False)
        if relation.on_delete is models.SET_NULL:
            links.update(**{relation.field.name: None})
        elif relation.on_delete is models.CASCADE:
            links.delete()  # link rows: one query for through models, a few crew rows
        elif relation.on_delete is not models.DO_NOTHING and links.exists():
            raise CommandError(
                f"Cannot remove the synthetic archive: {relation.related_model.__name__}."
                f"{relation.field.name} links to a synthetic {model.__name__} and does not "
                "allow it to be deleted."
            )


def _delete_rows(model):
    """``DELETE`` the synthetic rows of ``model`` in one statement (no signals: see above)."""
    quote = connection.ops.quote_name
    column = model._meta.get_field("is_synthetic").column
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(column)} = %s", [True]
        )
        return cursor.rowcount


# --- planning -------------------------------------------------------------------------------


@dataclass
class Plan:
    """A mission being made, with what its images need to know."""

    mission: Mission
    destination: str  # a key of synthetic.DESTINATIONS
    site: str  # a key of synthetic.LAUNCH_SITES
    vantage: str  # a key of synthetic.VANTAGES and MOUNTINGS
    crew: list = field(default_factory=list)  # astronaut indexes, commander first
    roles: list = field(default_factory=list)
    spacecraft: list = field(default_factory=list)  # Spacecraft objects
    photographers: words.Zipf | None = None

    @property
    def launch(self):
        return self.mission.launch_date

    @property
    def last_day(self):
        """The last day of the flight: landing, or 200 days on for a mission still flying."""
        landing = self.mission.landing_date
        return landing or min(self.launch + timedelta(days=200), LAST_DAY)

    def craft(self, kind):
        return next((craft for craft in self.spacecraft if craft.kind == kind), None)


@dataclass
class Person:
    astronaut: Astronaut
    woman: bool
    flights: list = field(default_factory=list)  # Plans, in launch order
    selected: int = 0  # the year the astronaut was selected


class Seeder:
    """Plans the whole archive in memory, then writes it with a few bulk queries."""

    def __init__(self, image_count, rng, say):
        self.image_count, self.rng, self.say = image_count, rng, say
        self.mission_count = min(MAX_MISSIONS, max(1, math.ceil(image_count / IMAGES_PER_MISSION)))
        self.astronaut_count = ASTRONAUTS_PER_MISSION * self.mission_count
        self.spacecraft_count = min(
            MAX_SPACECRAFT, max(MIN_SPACECRAFT, math.ceil(self.mission_count * 2 / 5))
        )
        self.taken = {  # slugs of the records that stay (demo, editors'): never reused
            model: set(model.objects.filter(slug__startswith="syn-").values_list("slug", flat=True))
            for model in SYNTHETIC_MODELS
        }
        self.names_used = set()
        # key of FILES → an unsaved image with that file's name, size and renditions: every
        # image that shares the file starts as a copy of it (much cheaper than __init__).
        self.files = {}
        self.written = []  # names of the files stored, to remove if the seeding fails
        self.people = []
        self.launch_sites = {}  # launcher slug → key of synthetic.LAUNCH_SITES
        self.started = time.perf_counter()

    def seed(self):
        """Make the archive in one transaction; a summary line."""
        try:
            with transaction.atomic():
                summary = self._seed()
                archive_changed()
        except BaseException:
            for name in self.written:  # rolled back: no row uses them any more
                delete_image_files(name)
            raise
        return summary

    def _seed(self):
        spacecraft = self.make_spacecraft()
        self.people = self.make_people()
        plans = self.make_missions()
        self.assign_crews(plans)
        self.assign_spacecraft(plans, spacecraft)
        self.describe_spacecraft(spacecraft, plans)
        for plan in plans:
            self.describe_mission(plan)
        self.describe_people()
        Spacecraft.objects.bulk_create(spacecraft)
        Astronaut.objects.bulk_create([person.astronaut for person in self.people])
        Mission.objects.bulk_create([plan.mission for plan in plans])
        crew = CrewMember.objects.bulk_create(
            CrewMember(mission=plan.mission, astronaut=self.people[index].astronaut, role=role)
            for plan in plans
            for index, role in zip(plan.crew, plan.roles, strict=True)
        )
        Mission.spacecraft.through.objects.bulk_create(
            Mission.spacecraft.through(mission=plan.mission, spacecraft=craft)
            for plan in plans
            for craft in plan.spacecraft
        )
        self.say(
            f"Seeding {number(self.image_count, 'image')} over {number(len(plans), 'mission')}, "
            f"{number(len(self.people), 'astronaut')} and {len(spacecraft)} spacecraft…"
        )
        self.make_images(plans)
        return (
            f"Synthetic archive: {number(self.image_count, 'published image')} sharing "
            f"{number(len(self.files), 'image file')}, {number(len(plans), 'mission')}, "
            f"{number(len(self.people), 'astronaut')} ({number(len(crew), 'crew place')}), "
            f"{len(spacecraft)} spacecraft"
        )

    def new_name(self, model, pattern="{name}", **extra):
        """A made-up name not used yet, and its ``syn-`` slug that no record has."""
        while True:
            syllables = self.rng.sample(words.SYLLABLES, self.rng.choice((1, 2, 2)))
            stem = "".join(syllables) + self.rng.choice(words.ENDINGS)
            if CLUMSY.search(stem):
                continue
            name = pattern.format(name=stem.capitalize(), **extra)
            slug = "syn-" + slugify(name)
            if name not in self.names_used and slug not in self.taken[model]:
                self.names_used.add(name)
                self.taken[model].add(slug)
                return name, slug

    # --- spacecraft, astronauts, missions -----------------------------------------------------

    def make_spacecraft(self):
        """Spacecraft of the four kinds; launchers take turns at the launch sites."""
        made, sites = [], list(words.LAUNCH_SITES)
        for kind in words.KIND_ORDER[: self.spacecraft_count]:
            number = self.rng.choice((1, 2, 3, 5, 6, 7))
            name, slug = self.new_name(Spacecraft, words.KIND_NAME[kind], number=number)
            if kind == "launcher":
                site = sites[sum(craft.kind == kind for craft in made) % len(sites)]
                self.launch_sites[slug] = site
                operator = words.LAUNCHER_OPERATORS[site]
            else:
                operator = words.OPERATORS[kind].pick(self.rng)
            made.append(
                Spacecraft(
                    name=name,
                    slug=slug,
                    kind=kind,
                    operator=operator,
                    is_published=True,
                    is_synthetic=True,
                )
            )
        return made

    def make_people(self):
        rng = self.rng
        codes, weights = zip(*words.NATIONALITIES.items(), strict=True)
        people, full_names = [], set()
        while len(people) < self.astronaut_count:
            nationality = rng.choices(codes, weights)[0]
            group = words.NAME_GROUP[nationality]
            men, women, surnames = (part.split() for part in words.NAMES[group])
            woman = rng.random() < 0.3
            first = rng.choice(women if woman else men)
            name = f"{first} {words.surname(rng.choice(surnames), group, woman)}"
            slug = "syn-" + slugify(name)
            if name in full_names or slug in self.taken[Astronaut]:
                continue
            full_names.add(name)
            self.taken[Astronaut].add(slug)
            agencies = words.AGENCIES.get(nationality, ("ESA",))
            agency = agencies[0] if rng.random() < 0.7 else rng.choice(agencies)
            astronaut = Astronaut(
                name=name,
                slug=slug,
                nationality=nationality,
                agency=agency,
                is_published=True,
                is_synthetic=True,
            )
            people.append(Person(astronaut, woman))
        return people

    def make_missions(self):
        """Launches spread over 35 years, each era with its destinations, sites and durations."""
        span = (LAST_LAUNCH - FIRST_LAUNCH).days
        still_flying = self.mission_count // 15  # the latest few have not landed yet
        plans = []
        for index in range(self.mission_count):
            offset = (index + self.rng.random()) * span / self.mission_count
            launch = FIRST_LAUNCH + timedelta(days=int(offset))
            destination, site, days = self.pick_flight(launch)
            landing = None
            if index < self.mission_count - still_flying:
                landing = launch + timedelta(days=max(1, min(days, (LAST_DAY - launch).days)))
            name, slug = self.new_name(Mission)
            site_en, site_fr = words.LAUNCH_SITES[site][:2]
            destination_en, destination_fr = words.DESTINATIONS[destination][:2]
            mission = Mission(
                name=name,
                slug=slug,
                launch_date=launch,
                landing_date=landing,
                launch_site_en=site_en,
                launch_site_fr=site_fr,
                destination_en=destination_en,
                destination_fr=destination_fr,
                is_published=True,
                is_synthetic=True,
            )
            plans.append(Plan(mission, destination, site, vantage_key(destination, launch)))
        return plans

    def pick_flight(self, launch):
        """Destination, launch site and planned days in orbit, as the era made them."""
        rng = self.rng
        if launch < ISS_CREWED:
            if rng.random() < 0.55:
                return "mir", "baikonur", rng.choice((rng.randint(8, 30), rng.randint(120, 200)))
            return "leo", "kennedy", rng.randint(1, 16)
        if launch < SHUTTLE_RETIRED and rng.random() < 0.12:
            return "leo", "kennedy", rng.randint(1, 16)
        if launch < SHUTTLE_RETIRED:
            sites = {"baikonur": 55, "kennedy": 45}
        elif launch.year < 2020:
            sites = {"baikonur": 85, "kourou": 8, "tanegashima": 7}
        else:
            sites = {"kennedy": 55, "baikonur": 35, "kourou": 10}
        site = rng.choices(list(sites), list(sites.values()))[0]
        days = rng.randint(8, 14) if rng.random() < 0.3 else rng.randint(140, 200)
        return "iss", site, days

    def assign_crews(self, plans):
        """3 to 6 astronauts a mission; newcomers spread over the years, veterans fly again.

        The commander has the launch site's usual nationality when someone has it (a Russian
        at Baikonur, an American at Kennedy), a veteran rather than a newcomer when possible.
        """
        rng, people = self.rng, self.people
        unflown = list(range(len(people)))
        rng.shuffle(unflown)
        for number, plan in enumerate(plans):
            size = crew_size(plan, rng)
            veterans = [
                index
                for index, person in enumerate(people)
                if person.flights and plan.launch.year - person.flights[-1].launch.year <= 12
            ]
            rng.shuffle(veterans)
            newcomers = math.ceil(len(unflown) / (len(plans) - number))
            wanted = words.COMMANDER_NATIONALITY.get(plan.site)
            candidates = veterans + unflown or list(range(len(people)))
            crew = [
                next(
                    (i for i in candidates if people[i].astronaut.nationality == wanted),
                    candidates[0],
                )
            ]
            # Newcomers first (as many as keep the rest spread out), then veterans, then anyone.
            pools = [unflown] * newcomers + [veterans] * size + [range(len(people))] * size
            for pool in pools:
                if len(crew) == size:
                    break
                choice = next((i for i in pool if i not in crew), None)
                if choice is not None:
                    crew.append(choice)
            for index in crew:
                if index in unflown:
                    unflown.remove(index)
                people[index].flights.append(plan)
            plan.crew, plan.roles = crew, crew_roles(plan, len(crew))
            ranks = list(crew)
            rng.shuffle(ranks)  # some crew members take far more pictures than others
            plan.photographers = words.Zipf([people[index].astronaut for index in ranks])

    def assign_spacecraft(self, plans, spacecraft):
        """A launcher of the mission's site, most often a crew vehicle, sometimes a third."""
        rng = self.rng
        kinds = {kind: [c for c in spacecraft if c.kind == kind] for kind in words.KIND_PHRASE}
        picks = {kind: words.Zipf(crafts) for kind, crafts in kinds.items()}
        for plan in plans:
            local = [c for c in kinds["launcher"] if self.launch_sites[c.slug] == plan.site]
            plan.spacecraft = [rng.choice(local) if local else picks["launcher"].pick(rng)]
            if rng.random() < 0.85:
                plan.spacecraft.append(picks["crew_vehicle"].pick(rng))
            if rng.random() < 0.4:
                third = "station" if plan.destination != "leo" else "cargo_vehicle"
                plan.spacecraft.append(picks[third].pick(rng))

    def describe_spacecraft(self, spacecraft, plans):
        rng = self.rng
        for craft in spacecraft:
            used = [plan.launch for plan in plans if any(c is craft for c in plan.spacecraft)]
            if used:
                first = min(used) - timedelta(days=rng.randint(30, 1500))
            else:
                first = date(rng.randint(1985, 2020), rng.randint(1, 12), rng.randint(1, 28))
            craft.first_flight = first
            low, high = {
                "launcher": (30, 70),
                "crew_vehicle": (6, 10),
                "cargo_vehicle": (8, 11),
                "station": (30, 110),
            }[craft.kind]
            craft.height_m = Decimal(f"{rng.uniform(low, high):.1f}")
            if craft.kind == "launcher":
                craft.stages = rng.randint(2, 4)
                craft.launch_count = len(used) + rng.randint(5, 150)
            elif craft.kind != "station":
                craft.launch_count = len(used) + rng.randint(0, 30)
            values = {
                "name": craft.name,
                "stages": craft.stages,
                "height": craft.height_m,
                "height_fr": str(craft.height_m).replace(".", ","),
                "operator": craft.operator,
                "year": first.year,
                "count": craft.launch_count,
                "seats": rng.randint(3, 7),
            }
            english, french = words.DESCRIPTIONS[craft.kind]
            craft.description_en = english.format(**values)
            craft.description_fr = french.format(**values)

    def describe_mission(self, plan):
        rng, mission = self.rng, plan.mission
        vehicle = plan.craft("crew_vehicle")
        launcher_en, launcher_fr = phrases(plan.craft("launcher"))
        commander = self.people[plan.crew[0]].astronaut.name
        flying = mission.landing_date is None
        days = 0 if flying else (mission.landing_date - mission.launch_date).days
        short = 0 < days < 30
        topic = words.TOPICS.pick(rng)
        topic2 = words.TOPICS.pick_other(rng, topic)
        values = {
            "name": mission.name,
            "was": "is" if flying else "was",
            "etait": "est" if flying else "était",
            "length": "short-duration" if short else "long-duration",
            "length_fr": "courte" if short else "longue",
            "destination": words.DESTINATIONS[plan.destination][2],
            "destination_fr": words.DESTINATIONS[plan.destination][3],
            "date": words.date_en(mission.launch_date),
            "date_fr": words.date_fr(mission.launch_date),
            "site": words.LAUNCH_SITES[plan.site][2],
            "site_fr": words.LAUNCH_SITES[plan.site][3],
            "launcher": launcher_en,
            "de_launcher": words.de(launcher_fr),
            "vehicle": f", in {phrases(vehicle)[0]}" if vehicle else "",
            "vehicle_fr": f", dans {phrases(vehicle)[1]}" if vehicle else "",
            "crew": len(plan.crew),
            "commander": commander,
            "de_commander": words.de(commander),
            "stay": "is spending months in orbit"
            if flying
            else f"spent {words.days_en(days)} in orbit",
            "stay_fr": "passe des mois en orbite"
            if flying
            else f"a passé {words.days_fr(days)} en orbite",
            "did": "is carrying out" if flying else "carried out",
            "did_fr": "mène" if flying else "a mené",
            "topic": topic[0],
            "topic_fr": topic[1],
            "topic2": topic2[0],
            "topic2_fr": topic2[1],
        }
        english, french = (pattern.format(**values) for pattern in words.SUMMARY)
        if rng.random() < 0.5:
            activity_en, activity_fr = words.EXTRA_ACTIVITIES.pick(rng)
            spacewalks = rng.randint(2, 6)
            english += " During the mission, the crew also " + activity_en.format(
                spacewalks=spacewalks
            )
            french += " Pendant la mission, l'équipage " + activity_fr.format(spacewalks=spacewalks)
            english, french = english + ".", french + "."
        mission.summary_en, mission.summary_fr = english, french

    def describe_people(self):
        rng = self.rng
        for person in self.people:
            astronaut, woman, flights = person.astronaut, person.woman, person.flights
            if flights:
                first = flights[0].launch.year
                person.selected = first - rng.randint(2, 8)
                born = first - rng.randint(33, 48)
            else:
                person.selected = rng.randint(2015, 2022)
                born = person.selected - rng.randint(28, 40)
            person.selected = max(person.selected, born + 25)
            city_en, city_fr = rng.choice(words.BIRTHPLACES[astronaut.nationality])
            profession_en, *profession_fr = words.PROFESSIONS.pick(rng)
            names = [plan.mission.name for plan in flights]
            days = sum(
                (plan.mission.landing_date - plan.launch).days
                for plan in flights
                if plan.mission.landing_date
            )
            he, il = ("she", "elle") if woman else ("he", "il")
            e = "e" if woman else ""
            english = (
                f"{astronaut.name} was born in {city_en} in {born} and trained as "
                f"{words.a_or_an(profession_en)}. Selected as an astronaut by {astronaut.agency} "
                f"in {person.selected}, {he} "
            )
            french = (
                f"{astronaut.name}, né{e} à {city_fr} en {born}, est {profession_fr[woman]} de "
                f"formation. Sélectionné{e} comme astronaute par "
                f"{words.AGENCY_FR[astronaut.agency]} en {person.selected}, {il} "
            )
            if names:
                english += f"flew on {words.missions_en(names)}"
                french += f"a volé sur {words.missions_fr(names)}"
                if days:
                    english += f" and spent {words.days_en(days)} in space"
                    french += f" et a passé {words.days_fr(days)} dans l'espace"
            else:
                english += "has not flown yet"
                french += "n'a pas encore volé"
            english, french = english + ".", french + "."
            if rng.random() < 0.6:
                hobby_en, hobby_fr = words.HOBBIES.pick(rng)
                english += f" Outside work, {he} enjoys {hobby_en}."
                french += f" En dehors du travail, {il} aime {hobby_fr}."
            astronaut.biography_en, astronaut.biography_fr = english, french

    # --- images -------------------------------------------------------------------------------

    def make_images(self, plans):
        """The images, in batches; the first image of each file saves that file for all."""
        link = ImageCaption.spacecraft.through
        batch, shown, portraits = [], [], []
        step = max(BATCH, math.ceil(self.image_count / PROGRESS_STEPS))

        def flush():
            ImageCaption.objects.bulk_create(batch, batch_size=500)
            link.objects.bulk_create(
                (
                    link(imagecaption_id=image.pk, spacecraft_id=craft.pk)
                    for image, crafts in zip(batch, shown, strict=True)
                    for craft in crafts
                ),
                batch_size=1000,
            )
            batch.clear()
            shown.clear()
            reset_queries()  # with DEBUG on, Django keeps the SQL of each query (~40 kB here)

        for number, (kind, subject) in enumerate(self.image_slots(plans), start=1):
            values, crafts, key = ImageText(self.rng, kind, subject).values(number)
            values["slug"] = self.unique_image_slug(values["slug"])
            if key in self.files:
                image = copy.copy(self.files[key])
                for name, value in values.items():
                    setattr(image, name, value)
                batch.append(image)
                shown.append(crafts)
            else:
                image = self.store_file(key, values)
                image.spacecraft.add(*crafts)
            if kind == "portrait":
                portraits.append((subject.astronaut, image))
            if len(batch) >= BATCH:
                flush()
            if number % step == 0 or number == self.image_count:
                elapsed = time.perf_counter() - self.started
                self.say(f"  {number:,}/{self.image_count:,} images ({elapsed:.1f} s)")
        flush()
        for astronaut, image in portraits:
            astronaut.portrait_id = image.pk
        Astronaut.objects.bulk_update([astronaut for astronaut, _image in portraits], ["portrait"])

    def image_slots(self, plans):
        """What each image is of, in a shuffled order: ``(kind, person or plan or None)``.

        Missions get their images by a Zipf law (a few big missions, a long tail), the recent
        ones more likely to be among the big ones.
        """
        rng = self.rng
        portraits = min(len(self.people), self.image_count // PORTRAIT_EVERY)
        others = self.image_count - portraits
        free = round(others * NO_MISSION_SHARE)
        recency = {id(plan): 0.5 + number / len(plans) for number, plan in enumerate(plans)}
        ranked = sorted(plans, key=lambda plan: rng.random() * recency[id(plan)], reverse=True)
        counts = zipf_counts(others - free, len(ranked))
        slots = [("portrait", person) for person in rng.sample(self.people, portraits)]
        slots += [("free", None)] * free
        for plan, count in zip(ranked, counts, strict=True):
            slots += [("mission", plan)] * count
        rng.shuffle(slots)
        return slots

    def unique_image_slug(self, slug):
        taken = self.taken[ImageCaption]
        if slug in taken:
            slug = next(f"{slug}-{n}" for n in range(2, 1000) if f"{slug}-{n}" not in taken)
        return slug

    def store_file(self, key, values):
        """Save the image that brings the file ``key`` in, through the normal upload path."""
        scene, (width, height) = FILES[key]
        size = (round(width * PICTURE_SCALE), round(height * PICTURE_SCALE))
        upload = SimpleUploadedFile(
            f"syn-{slugify(scene).replace('_', '-')}.jpg", picture(scene, size), "image/jpeg"
        )
        image = ImageCaption(**values, image=upload)
        image.full_clean()
        try:
            image.save()
        finally:
            if image.image._committed:  # stored, even if something after it failed
                self.written.append(image.image.name)
        self.files[key] = ImageCaption(
            image=image.image.name,
            width=image.width,
            height=image.height,
            file_size=image.file_size,
            format=image.format,
            renditions=image.renditions,
        )
        elapsed = time.perf_counter() - self.started
        self.say(f"  image file {image.image.name} and its renditions ({elapsed:.1f} s)")
        return image


class ImageText:
    """One image's fields: what it shows, when, by whom, and its texts in both languages."""

    def __init__(self, rng, kind, subject):
        self.rng = rng
        self.person = subject if kind == "portrait" else None
        self.plan = subject if kind == "mission" else None
        if kind == "portrait":
            self.theme = "portrait"
        else:
            themes = MISSION_THEMES if self.plan else FREE_THEMES
            self.theme = rng.choices(tuple(themes), tuple(themes.values()))[0]
            if self.theme == "station" and self.plan.destination == "leo":
                self.theme = "earth"  # no station to photograph on a free flight

    def values(self, number):
        """``(field values, spacecraft shown, key of the shared file)``."""
        rng, plan, theme = self.rng, self.plan, self.theme
        taken = self.date_taken()
        photographer = None
        in_flight = plan and theme not in ("launch", "training")
        if in_flight and rng.random() < IN_FLIGHT_PHOTOGRAPHER_SHARE:
            photographer = plan.photographers.pick(rng)
        crafts = self.spacecraft_shown()
        slots, word = self.slots(taken)
        patterns = THEME_PATTERNS[theme]
        title, caption, alt = (
            [capitalise_format(pattern, slots) for pattern in picks.pick(rng)] for picks in patterns
        )
        for english, french in self.more_sentences(taken, photographer, crafts, slots):
            caption[0] += " " + english
            caption[1] += " " + french
        texts = {
            "title_en": title[0],
            "title_fr": title[1],
            "caption_en": caption[0],
            "caption_fr": caption[1],
            "alt_en": alt[0],
            "alt_fr": alt[1],
        }
        if rng.random() < ONE_LANGUAGE_SHARE:  # as editors leave one language for later
            dropped = "_fr" if rng.random() < 0.6 else "_en"
            texts.update({name: "" for name in texts if name.endswith(dropped)})
        credit = self.credit(photographer)
        licence = Licence.ESA_STANDARD
        if credit.startswith("ESA") and rng.random() < 0.45:
            licence = Licence.CC_BY_SA_3_IGO
        values = {
            **texts,
            "slug": f"syn-{number}-{word}",
            "mission_id": plan.mission.pk if plan else None,
            "photographer_id": photographer.pk if photographer else None,
            "date_taken": taken,
            "credit": credit,
            "licence": licence,
            "is_published": True,
            "is_synthetic": True,
        }
        return values, crafts, FILE_OF_THEME.get(theme, theme)

    def date_taken(self):
        rng, plan = self.rng, self.plan
        if rng.random() < UNDATED_SHARE:
            return None
        if self.person:
            year = self.person.selected + rng.randint(0, 2)
            year = min(max(year, FIRST_LAUNCH.year), LAST_DAY.year)  # within the 35 years
            return date(year, rng.randint(1, 12), rng.randint(1, 28))
        if plan is None:
            return FIRST_LAUNCH + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_LAUNCH).days))
        if self.theme == "launch":
            return plan.launch
        if self.theme == "training":
            return plan.launch - timedelta(days=rng.randint(14, 365))
        return plan.launch + timedelta(days=rng.randint(0, (plan.last_day - plan.launch).days))

    def spacecraft_shown(self):
        """0 to 2 of the mission's spacecraft, as the kind of picture makes likely."""
        rng, plan, theme = self.rng, self.plan, self.theme
        if plan is None:
            return []
        if theme == "launch":
            return [plan.spacecraft[0]]
        visiting = [craft for craft in plan.spacecraft if craft.kind != "launcher"]
        if theme == "station" and visiting:
            return rng.sample(visiting, min(len(visiting), 2 if rng.random() < 0.3 else 1))
        if theme in ("earth", "sunrise", "science") and visiting and rng.random() < 0.08:
            return [rng.choice(visiting)]
        return []

    def slots(self, taken):
        """The words the patterns of this theme use, and a word for the slug."""
        rng, plan, theme = self.rng, self.plan, self.theme
        name = plan.mission.name if plan else ""
        slots = {"mission": name, "de_mission": words.de(name)}
        key = plan.vantage if plan else vantage_key("iss", taken)
        slots["vantage"], slots["vantage_fr"] = words.VANTAGES[key].pick(rng)
        word = theme
        if theme in ("earth", "sunrise", "station"):
            place, place_fr = words.PLACES.pick(rng)
            slots.update(place=place, place_fr=place_fr, de_place=words.de(place_fr))
            word = place if theme == "earth" else word
        if theme == "earth":
            feature = words.FEATURES.pick(rng)
            feature2 = words.FEATURES.pick_other(rng, feature)
            slots.update(
                feature=feature[0],
                feature_fr=feature[1],
                feature_bare=words.bare(feature[1]),
                de_feature=words.de(feature[1]),
                feature2=feature2[0],
                feature2_fr=feature2[1],
                de_feature2=words.de(feature2[1]),
            )
            slots["time"], slots["time_fr"] = words.TIMES.pick(rng)
            slots["colour"], slots["colour_fr"] = words.COLOURS.pick(rng)
        elif theme == "night":
            city, city_fr = words.CITIES.pick(rng)
            slots.update(city=city, city_fr=city_fr, de_city=words.de(city_fr))
            word = city
        elif theme == "station":
            slots["task"], slots["task_fr"] = words.TASKS.pick(rng)
            slots["hours"] = rng.randint(4, 8)
            word = "spacewalk"
        elif theme == "science":
            slots["experiment"] = word = words.EXPERIMENTS.pick(rng)
            slots["topic"], slots["topic_fr"] = words.TOPICS.pick(rng)
            slots["mounting"], slots["mounting_fr"] = rng.choice(words.MOUNTINGS[plan.vantage])
            slots["day"] = (taken - plan.launch).days + 1 if taken else 1
        elif theme == "aurora":
            place, place_fr = words.AURORA_PLACES.pick(rng)
            slots.update(aurora_place=place, de_aurora_place=words.de(place_fr))
        elif theme == "launch":
            slots["launcher"], slots["launcher_fr"] = phrases(plan.spacecraft[0])
            slots["site"], slots["site_fr"] = words.LAUNCH_SITES[plan.site][2:]
            slots["de_site"] = words.de(slots["site_fr"])
        elif theme == "training":
            slots["training"], slots["training_fr"] = words.TRAINING.pick(rng)
            months = max(1, (plan.launch - taken).days // 30) if taken else 6
            slots["months"] = f"{months} month{'s' if months > 1 else ''}"
            slots["months_fr"] = f"{months} mois"
        elif theme == "portrait":
            astronaut = self.person.astronaut
            slots.update(
                person=astronaut.name,
                de_person=words.de(astronaut.name),
                agency=astronaut.agency,
                de_agency=words.de(words.AGENCY_FR[astronaut.agency]),
                year=taken.year if taken else self.person.selected,
            )
            word = astronaut.name
        return slots, slug_word(word)

    def more_sentences(self, taken, photographer, crafts, slots):
        """Sentences after the first: when in the mission, who took it, what else is seen."""
        rng, plan, theme = self.rng, self.plan, self.theme
        in_flight = plan and theme not in ("launch", "training")
        if in_flight and taken and rng.random() < 0.55:
            day = (taken - plan.launch).days
            if day == 0:
                english, french = words.LAUNCH_DAY_SENTENCE
            else:
                english, french = words.CONTEXT_SENTENCE
                slots.update(days=words.days_en(day), days_fr=words.days_fr(day))
            yield english.format_map(slots), french.format_map(slots)
        if photographer and rng.random() < 0.5:
            english, french = rng.choice(words.PHOTOGRAPHER_SENTENCES)
            slots.update(
                photographer=photographer.name,
                agency=photographer.agency,
                de_agency=words.de(words.AGENCY_FR[photographer.agency]),
                lens=words.LENSES.pick(rng),
            )
            yield english.format_map(slots), french.format_map(slots)
        if crafts and theme != "launch":
            craft, craft_fr = phrases(crafts[0])
            position, position_fr = words.POSITIONS.pick(rng)
            english, french = words.SPACECRAFT_SENTENCE
            yield (
                words.capitalise(english.format(craft=craft, position=position)),
                words.capitalise(french.format(craft_fr=craft_fr, position_fr=position_fr)),
            )
        if theme in ORBIT_THEMES and rng.random() < 0.2:
            yield words.ATMOSPHERE_SENTENCE

    def credit(self, photographer):
        rng, theme = self.rng, self.theme
        if theme == "portrait":
            return self.person.astronaut.agency
        if theme in ("launch", "training"):
            return words.GROUND_CREDITS.pick(rng)
        if photographer and rng.random() < 0.25:
            first, _space, last = photographer.name.partition(" ")
            return f"ESA/NASA–{first[0]}. {last}"
        return words.ORBIT_CREDITS.pick(rng)


# --- helpers --------------------------------------------------------------------------------


def vantage_key(destination, day):
    """Which list of vantage points a photo taken on ``day`` uses (the Cupola from 2010 on).

    Images without a mission are taken from the station of their day (``destination="iss"``).
    """
    if destination != "iss":
        return destination
    if day is None or day >= CUPOLA_INSTALLED:
        return "iss"
    return "iss_early" if day >= ISS_CREWED else "mir"


def crew_size(plan, rng):
    if plan.site == "baikonur":
        return 3
    if plan.site == "kennedy":
        return rng.randint(5, 6) if plan.launch < SHUTTLE_RETIRED else 4
    return rng.randint(3, 4)


def crew_roles(plan, size):
    Role = CrewMember.Role
    if plan.site == "kennedy":
        others = [Role.PILOT] + [Role.MISSION_SPECIALIST] * 5
    elif plan.destination == "mir":
        others = [Role.FLIGHT_ENGINEER] + [Role.RESEARCH_COSMONAUT] * 5
    else:
        others = [Role.FLIGHT_ENGINEER] * 2 + [Role.MISSION_SPECIALIST] * 4
    return ([Role.COMMANDER] + others)[:size]


def phrases(craft):
    """How ``craft`` is named in a sentence: (English, French)."""
    english, french = words.KIND_PHRASE[craft.kind]
    return english.format(name=craft.name), french.format(name=craft.name)


def zipf_counts(total, size):
    """``total`` split over ``size`` ranks in proportion to 1/rank (largest remainders)."""
    if not size:
        return []
    weights = list(accumulate(1 / rank for rank in range(1, size + 1)))
    shares = [total * (1 / rank) / weights[-1] for rank in range(1, size + 1)]
    counts = [int(share) for share in shares]
    by_remainder = sorted(range(size), key=lambda i: shares[i] - counts[i], reverse=True)
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


def number(count, noun):
    """``"1 mission"``, ``"1,000 missions"``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def capitalise_format(pattern, slots):
    """``pattern`` filled from ``slots``; ``{Word}`` is ``{word}`` with a capital."""
    return words.capitalise(pattern.format_map(slots))


@cache
def slug_word(text):
    return slugify(text).removeprefix("the-")[:60] or "image"


@cache
def picture(scene, size):
    """The JPEG bytes of a ``pictures.py`` scene drawn at ``size`` (drawn once per process)."""
    draw, _size = pictures.SCENES[scene]
    options = PORTRAIT_OPTIONS if scene == "portrait" else {}
    image = draw(random.Random(f"seed_archive:{scene}"), size, options)
    exif = Image.Exif()
    exif[pictures.EXIF_MAKE] = pictures.MAKE
    exif[pictures.EXIF_MODEL] = "Synthetic benchmark image"
    exif[pictures.EXIF_SOFTWARE] = "ESA Archive seed_archive (Pillow)"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=pictures.JPEG_QUALITY, exif=exif)
    return buffer.getvalue()
