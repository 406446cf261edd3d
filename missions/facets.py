"""How many public images each gallery choice would give, without counting the archive each time.

The public images are summarised into *cells* (``GalleryCell`` rows): one per (mission,
photographer, year) with its number of images, and one per (mission, photographer, year,
spacecraft shown). A few hundred cells describe a hundred thousand images, and every count the
gallery shows is a sum over them: the result count, each facet's choices with the other filters
kept, a mission's or an astronaut's number of images.

The cells are kept current on change: whenever the public images of a mission may change (an
image saved, deleted or relinked, a mission published or unpublished, a bulk action), that
mission's cells are recounted in the writer's transaction, from that mission's images only, so
the cost of a change does not grow with the archive. Readers take all cells in one query, once
per content version (``caching.py``), through the cache every server process shares. A text
search narrows the images to an arbitrary set, so its cells are grouped from the matches alone.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField, Count, F, Func, IntegerField, Q, Value
from django.db.models.functions import Cast
from django.db.models.signals import m2m_changed, post_delete, post_save

from .bilingual import active_language
from .caching import bulk_loading, current_version

FACETS = ("mission", "photographer", "spacecraft", "year")
POSITION = {"mission": 0, "photographer": 1, "year": 2}  # in a cell's row


class Year(Func):
    """The year of a date, as an integer, computed by the database itself.

    Django's ``ExtractYear`` calls a Python function per row on SQLite; this uses SQLite's own
    ``strftime`` and PostgreSQL's ``EXTRACT``.
    """

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="CAST(EXTRACT(YEAR FROM %(expressions)s) AS integer)"
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        year = Func(Value("%Y"), *self.get_source_expressions(), function="strftime")
        return Cast(year, IntegerField()).as_sql(compiler, connection)


@dataclass(frozen=True)
class Cells:
    """Grouped counts of a set of images: ``rows`` (mission, photographer, year, count) and
    ``shown`` (mission, photographer, year, spacecraft, count) for the spacecraft they show."""

    rows: tuple
    shown: tuple

    @classmethod
    def of(cls, images):
        """The cells of ``images``, in one query (both groupings, as a UNION ALL)."""
        images = images.order_by()
        keys = ("mission_id", "photographer_id", Year("date_taken"))
        rows = images.values_list(*keys, Value(None, IntegerField())).annotate(count=Count("pk"))
        shown = (
            images.filter(spacecraft__isnull=False)
            .values_list(*keys, F("spacecraft"))
            .annotate(count=Count("pk"))
        )
        cells = list(rows.union(shown, all=True))
        return cls(
            tuple(row[:3] + row[4:] for row in cells if row[3] is None),
            tuple(tuple(row) for row in cells if row[3] is not None),
        )


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    choices: list


@dataclass(frozen=True)
class Directory:
    """The published missions, photographers and spacecraft: ``{id: (slug, name, French name)}``
    each (the French name empty where it is the same), in the order their choices are listed
    (by name)."""

    mission: dict
    photographer: dict
    spacecraft: dict

    @classmethod
    def load(cls):
        """All three, in one query (a UNION ALL of the three small tables)."""
        from .models import Astronaut, Mission, Spacecraft

        def entries(model, name, french=None):
            french = Value("", CharField()) if french is None else french
            return (
                model.objects.published()
                .order_by()
                .values_list(Value(name, CharField()), "pk", "slug", "name", french)
            )

        rows = entries(Mission, "mission").union(
            entries(Astronaut, "photographer"),
            entries(Spacecraft, "spacecraft", F("name_fr")),
            all=True,
        )
        found = {"mission": {}, "photographer": {}, "spacecraft": {}}
        for name, pk, slug, label, label_fr in sorted(rows, key=lambda row: row[3].casefold()):
            found[name][pk] = (slug, label, label_fr)
        return cls(**found)

    def slugs(self, name):
        """``{slug: id}`` of one facet's records, to read a slug from the query string."""
        return {slug: pk for pk, (slug, *_names) in getattr(self, name).items()}


@dataclass(frozen=True)
class Archive:
    """What the gallery knows of the whole public archive at one content version, with each
    mission's, photographer's and spacecraft's number of images summed once."""

    cells: Cells
    directory: Directory
    totals: dict = field(default_factory=dict)

    @classmethod
    def of(cls, cells, directory):
        totals = {name: Counter() for name in ("mission", "photographer", "spacecraft")}
        for row in cells.rows:
            totals["mission"][row[0]] += row[-1]
            totals["photographer"][row[1]] += row[-1]
        for *_keys, craft, count in cells.shown:
            totals["spacecraft"][craft] += count
        return cls(cells, directory, totals)

    def images_of(self, name, pk):
        """How many public images belong to one mission or photographer, or show a spacecraft."""
        return self.totals[name][pk]


_latest = {}  # this process's copy of the newest version's Archive: {token: Archive}


def archive():
    """The :class:`Archive` of the current content version: this process's copy, else the
    shared cache's, else read once (and shared)."""
    token = current_version().token
    found = _latest.get(token)
    if found is not None:
        return found
    key = f"gallery-archive:2:{token}"
    found = cache.get(key)
    if found is None:
        found = Archive.of(stored_cells(), Directory.load())
        cache.set(key, found, 24 * 60 * 60)
    forget_archive()
    _latest[token] = found
    return found


def forget_archive():
    """Drop this process's copy (tests: a rolled-back transaction can bring a token back)."""
    _latest.clear()


def searched_cells(query, search, part="all"):
    """The cells of the images a text search finds (``search()`` gives them), grouped once per
    search (``SearchQuery``), ``part`` (all the matches, or those by title) and content
    version: the same words with other filters, or another page, reuse them."""
    digest = hashlib.sha256(repr(query.terms).encode()).hexdigest()
    key = f"gallery-search:{current_version().token}:{part}:{digest}"
    found = cache.get(key)
    if found is None:
        found = Cells.of(search())
        cache.set(key, found, 60 * 60)
    return found


def stored_cells():
    """The cells as stored; counted afresh if there are none but there are public images (a
    database filled by a migration, a restore or any other way that sent no signal)."""
    from .models import GalleryCell, ImageCaption

    rows = list(
        GalleryCell.objects.values_list(
            "mission_id", "photographer_id", "year", "spacecraft_id", "count"
        )
    )
    if not rows and ImageCaption.objects.published().exists():
        return recount()
    return Cells(
        tuple(row[:3] + row[4:] for row in rows if row[3] is None),
        tuple(row for row in rows if row[3] is not None),
    )


def recount(missions=None):
    """Count the cells of some missions again (``None`` in the set: images without a mission),
    or of the whole archive; return the cells counted."""
    from .models import GalleryCell, ImageCaption

    scope = Q()
    if missions is not None:
        ids = [pk for pk in missions if pk is not None]
        scope = Q(mission_id__in=ids)
        if None in missions:
            scope |= Q(mission_id__isnull=True)
    with transaction.atomic():
        GalleryCell.objects.filter(scope).delete()
        cells = Cells.of(ImageCaption.objects.published().filter(scope))
        GalleryCell.objects.bulk_create(
            [
                GalleryCell(mission_id=m, photographer_id=p, year=y, count=n)
                for m, p, y, n in cells.rows
            ]
            + [
                GalleryCell(mission_id=m, photographer_id=p, year=y, spacecraft_id=s, count=n)
                for m, p, y, s, n in cells.shown
            ],
            batch_size=500,
        )
    return cells


def recount_missions_of(queryset):
    """After a bulk change of ``queryset`` (missions or images): recount what it touched."""
    from .models import ImageCaption, Mission

    if queryset.model is Mission:
        recount(set(queryset.values_list("pk", flat=True)))
    elif queryset.model is ImageCaption:
        recount(set(queryset.values_list("mission_id", flat=True).distinct()))


def _image_saved(sender, instance, created, raw=False, **kwargs):
    before_mission, was_published = getattr(instance, "_counted_in", (None, False))
    if raw or bulk_loading() or not (was_published or instance.is_published):
        return  # a draft before and after: it was never counted
    recount({before_mission, instance.mission_id})
    instance._counted_in = (instance.mission_id, instance.is_published)


def _image_deleted(sender, instance, **kwargs):
    if instance.is_published and not bulk_loading():
        recount({instance.mission_id})


def _mission_changed(sender, instance, **kwargs):
    if bulk_loading():
        return
    # Deleted, its images are left without a mission: both cells change.
    recount({instance.pk, None} if kwargs.get("signal") is post_delete else {instance.pk})


def _spacecraft_shown_changed(sender, instance, action, reverse, pk_set, model, **kwargs):
    from .models import ImageCaption

    if action not in ("post_add", "post_remove", "post_clear") or bulk_loading():
        return
    if not reverse:
        if instance.is_published:
            recount({instance.mission_id})
    elif pk_set:
        recount(
            set(ImageCaption.objects.filter(pk__in=pk_set).values_list("mission_id", flat=True))
        )
    else:  # a spacecraft cleared of all its images: which ones is no longer known
        recount()


def connect_signals():
    from .models import ImageCaption, Mission

    post_save.connect(_image_saved, sender=ImageCaption, dispatch_uid="cells-image-saved")
    post_delete.connect(_image_deleted, sender=ImageCaption, dispatch_uid="cells-image-deleted")
    post_save.connect(_mission_changed, sender=Mission, dispatch_uid="cells-mission-saved")
    post_delete.connect(_mission_changed, sender=Mission, dispatch_uid="cells-mission-deleted")
    m2m_changed.connect(
        _spacecraft_shown_changed,
        sender=ImageCaption.spacecraft.through,
        dispatch_uid="cells-spacecraft-shown",
    )


@dataclass
class Selection:
    """The chosen value of each facet: a record's id, or a year (``None`` when not chosen)."""

    values: dict = field(default_factory=dict)

    def _chosen(self, ignoring=None):
        """The chosen (mission, photographer, year), ``None`` where not chosen or ignored."""
        return tuple(
            None if name == ignoring else self.values.get(name)
            for name in ("mission", "photographer", "year")
        )

    def base_rows(self, cells, *, ignoring=None):
        """(mission, photographer, year, count) rows, within the chosen spacecraft if any."""
        craft = None if ignoring == "spacecraft" else self.values.get("spacecraft")
        if craft is None:
            return cells.rows
        return tuple(row[:3] + row[4:] for row in cells.shown if row[3] == craft)

    def total(self, cells):
        """The number of images every chosen filter lets through."""
        return sum(row[-1] for row in _passing(self.base_rows(cells), *self._chosen()))

    def counts(self, cells, name):
        """``Counter`` of one facet's values over the images the *other* filters let through."""
        counts = Counter()
        if name == "spacecraft":
            for row in _passing(cells.shown, *self._chosen()):
                counts[row[3]] += row[4]
            return counts
        position = POSITION[name]
        for row in _passing(self.base_rows(cells), *self._chosen(ignoring=name)):
            counts[row[position]] += row[3]
        return counts


def _passing(rows, mission, photographer, year):
    """The rows whose mission, photographer and year are the chosen ones (``None``: any)."""
    return (
        row
        for row in rows
        if (mission is None or row[0] == mission)
        and (photographer is None or row[1] == photographer)
        and (year is None or row[2] == year)
    )


def facets(filterset, selection, cells, directory):
    """Each filter's choices with the number of images it would give with the others kept.

    A choice that would give no image is left out, unless it is the one selected; records that
    are not published are never offered.
    """
    result = []
    french = active_language() == "fr"
    for name in FACETS:
        counts = selection.counts(cells, name)
        chosen = selection.values.get(name)
        if name == "year":
            years = sorted((year for year in counts if year is not None), reverse=True)
            entries = [(year, (str(year), str(year))) for year in years]
        else:
            entries = [
                (pk, (slug, french and label_fr or label))
                for pk, (slug, label, label_fr) in getattr(directory, name).items()
            ]
        choices = [
            Choice(slug, label, counts[key], key == chosen)
            for key, (slug, label) in entries
            if counts[key] or key == chosen
        ]
        if chosen is not None and not any(choice.selected for choice in choices):
            choices.insert(0, Choice(str(chosen), str(chosen), 0, True))
        result.append(Facet(name, filterset.filters[name].label, choices))
    return result
