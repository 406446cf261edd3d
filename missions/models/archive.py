"""Missions, the astronauts who flew them, spacecraft, and captioned images."""

import logging
import secrets
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.backends.ddl_references import Statement
from django.db.models import F, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import filepath_to_uri
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from imagekit.models import ImageSpecField

from .. import images
from ..bilingual import BilingualMixin, active_language
from ..managers import AstronautQuerySet, ImageCaptionQuerySet, MissionQuerySet, SpacecraftQuerySet
from .revisions import revisions


class Publishable(models.Model):
    """What every public record has: a draft/published switch and its editorial timestamps."""

    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Drafts are only visible to editors."),
    )
    is_demo = models.BooleanField(
        _("demo content"),
        default=False,
        editable=False,
        help_text=_("Created by the load_demo command from the seed pages."),
    )
    is_synthetic = models.BooleanField(
        _("synthetic content"),
        default=False,
        editable=False,
        help_text=_("Made by the seed_archive command for benchmarks; removed by its --reset."),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Published by the worker at this time (the site's time zone)."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_("Taken back to draft by the worker at this time."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def share_public_words(self):
        """Write the words other records show of this one, now that it is public: called by
        ``save()`` and by the admin's bulk publish (none by default)."""


class ContentVersion(models.Model):
    """One row that changes whenever anything a visitor can see may have changed.

    The page cache and the gallery's counts are keyed by ``token`` (see ``caching.py``): a new
    token makes every cached page and count stale at once, in every server process. A random
    token rather than a counter, so that two databases sharing one cache never collide.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


class GalleryCell(models.Model):
    """How many public images share one mission, photographer and year (and spacecraft shown).

    The gallery's counts are sums over these rows (see ``facets.py``), which are recounted for
    one mission at a time, in the writer's transaction, whenever its public images change.
    ``spacecraft_id`` is NULL on the rows that count every image of the combination; the other
    rows count the images that show that spacecraft. Plain integers, not foreign keys: the rows
    are derived data, rewritten rather than cascaded.
    """

    mission_id = models.BigIntegerField(null=True)
    photographer_id = models.BigIntegerField(null=True)
    year = models.IntegerField(null=True)
    spacecraft_id = models.BigIntegerField(null=True)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["mission_id"], name="gallery_cell_mission_idx")]

    def __str__(self):
        return (
            f"mission {self.mission_id}, photographer {self.photographer_id}, {self.year}, "
            f"spacecraft {self.spacecraft_id}: {self.count}"
        )


class Country(models.TextChoices):
    AUSTRIA = "AT", _("Austria")
    BELGIUM = "BE", _("Belgium")
    CANADA = "CA", _("Canada")
    CZECHIA = "CZ", _("Czechia")
    DENMARK = "DK", _("Denmark")
    FINLAND = "FI", _("Finland")
    FRANCE = "FR", _("France")
    GERMANY = "DE", _("Germany")
    GREECE = "GR", _("Greece")
    HUNGARY = "HU", _("Hungary")
    IRELAND = "IE", _("Ireland")
    ITALY = "IT", _("Italy")
    JAPAN = "JP", _("Japan")
    KAZAKHSTAN = "KZ", _("Kazakhstan")
    LUXEMBOURG = "LU", _("Luxembourg")
    NETHERLANDS = "NL", _("Netherlands")
    NORWAY = "NO", _("Norway")
    POLAND = "PL", _("Poland")
    PORTUGAL = "PT", _("Portugal")
    ROMANIA = "RO", _("Romania")
    RUSSIA = "RU", _("Russia")
    SPAIN = "ES", _("Spain")
    SWEDEN = "SE", _("Sweden")
    SWITZERLAND = "CH", _("Switzerland")
    UNITED_KINGDOM = "GB", _("United Kingdom")
    UNITED_STATES = "US", _("United States")


class Astronaut(BilingualMixin, Publishable):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    nationality = models.CharField(_("nationality"), max_length=2, choices=Country.choices)
    agency = models.CharField(
        _("agency"),
        max_length=60,
        blank=True,
        help_text=_("For example ESA, CNES. Written from the agency record when one is chosen."),
    )
    space_agency = models.ForeignKey(
        "Agency",
        verbose_name=_("agency record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="astronauts",
    )
    biography_en = models.TextField(_("biography (English)"), blank=True)
    biography_fr = models.TextField(_("biography (French)"), blank=True)
    portrait = models.ForeignKey(
        "ImageCaption",
        verbose_name=_("portrait"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AstronautQuerySet.as_manager()
    history = revisions()

    class Meta:
        ordering = ["name"]
        verbose_name = _("astronaut")
        verbose_name_plural = _("astronauts")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.space_agency_id and self.space_agency.is_published:
            self.agency = self.space_agency.short_name
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("missions:astronaut", kwargs={"slug": self.slug})

    @property
    def public_portrait(self):
        """The portrait, if visitors may see that image (a draft portrait stays private)."""
        portrait = self.portrait
        return portrait if portrait is not None and portrait.is_public else None


class Spacecraft(BilingualMixin, Publishable):
    class Kind(models.TextChoices):
        LAUNCHER = "launcher", _("launcher")
        CREW_VEHICLE = "crew_vehicle", _("crew vehicle")
        CARGO_VEHICLE = "cargo_vehicle", _("cargo vehicle")
        STATION = "station", _("space station")

    name = models.CharField(_("name"), max_length=120)
    name_fr = models.CharField(
        _("name (French)"),
        max_length=120,
        blank=True,
        help_text=_("Only where French says it otherwise: “Station spatiale internationale”."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    operator = models.CharField(_("operator"), max_length=120, blank=True)
    operated_by = models.ForeignKey(
        "Agency",
        verbose_name=_("operator record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="spacecraft",
        help_text=_("The operator's names above are then written from it."),
    )
    operator_fr = models.CharField(
        _("operator (French)"),
        max_length=120,
        blank=True,
        help_text=_("Only where French says it otherwise."),
    )
    height_m = models.DecimalField(
        _("height (m)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    stages = models.PositiveSmallIntegerField(_("stages"), null=True, blank=True)
    first_flight = models.DateField(_("first flight"), null=True, blank=True)
    launch_count = models.PositiveIntegerField(
        _("launches"), null=True, blank=True, help_text=_("Flights so far, if known.")
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    objects = SpacecraftQuerySet.as_manager()
    history = revisions()

    class Meta:
        ordering = ["name"]
        verbose_name = _("spacecraft")
        verbose_name_plural = pgettext_lazy("plural", "spacecraft")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.operated_by_id and self.operated_by.is_published:
            self.operator = self.operated_by.name_en
            self.operator_fr = self.operated_by.name_fr
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("missions:spacecraft", kwargs={"slug": self.slug})

    @property
    def shown_name(self):
        return self._shown("name")

    @property
    def shown_operator(self):
        return self._shown("operator")

    def _shown(self, field):
        """``field`` in the page's language: its French form on French pages, where it has one
        (left empty, it is the same in both languages)."""
        french = getattr(self, f"{field}_fr")
        return french if french and active_language() == "fr" else getattr(self, field)


class Mission(BilingualMixin, Publishable):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    launch_date = models.DateField(_("launch date"))
    landing_date = models.DateField(_("landing date"), null=True, blank=True)
    launch_site_en = models.CharField(_("launch site (English)"), max_length=120, blank=True)
    launch_site_fr = models.CharField(_("launch site (French)"), max_length=120, blank=True)
    launch_place = models.ForeignKey(
        "Place",
        verbose_name=_("launch site record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="launches",
        help_text=_("The launch site's names above are then written from it."),
    )
    training_place = models.ForeignKey(
        "Place",
        verbose_name=_("training centre"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainings",
    )
    partners = models.ManyToManyField(
        "Agency", blank=True, related_name="missions", verbose_name=_("partner agencies")
    )
    destination_en = models.CharField(_("destination (English)"), max_length=120, blank=True)
    destination_fr = models.CharField(_("destination (French)"), max_length=120, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown first on the home page.")
    )
    like_count = models.PositiveIntegerField(_("likes"), default=0, editable=False)
    crew = models.ManyToManyField(
        Astronaut, through="CrewMember", related_name="missions", verbose_name=_("crew")
    )
    spacecraft = models.ManyToManyField(
        Spacecraft,
        related_name="missions",
        blank=True,
        verbose_name=pgettext_lazy("plural", "spacecraft"),
    )

    objects = MissionQuerySet.as_manager()
    history = revisions("like_count")

    class Meta:
        ordering = ["-launch_date", "name"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            models.CheckConstraint(
                condition=Q(landing_date__isnull=True) | Q(landing_date__gte=F("launch_date")),
                name="mission_lands_after_launch",
                violation_error_message=_("A mission cannot land before it launches."),
            ),
        ]
        indexes = [models.Index(fields=["is_published", "-launch_date"], name="mission_pub_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.launch_place_id and self.launch_place.is_published:
            self.launch_site_en = self.launch_place.name_en
            self.launch_site_fr = self.launch_place.name_fr or self.launch_place.name_en
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("missions:mission", kwargs={"slug": self.slug})

    def clean(self):
        if self.landing_date and self.launch_date and self.landing_date < self.launch_date:
            raise ValidationError(
                {"landing_date": _("A mission cannot land before it launches.")},
                code="lands_before_launch",
            )

    @property
    def duration_days(self):
        if self.landing_date:
            return (self.landing_date - self.launch_date).days
        return None


class CrewMember(models.Model):
    class Role(models.TextChoices):
        COMMANDER = "commander", _("commander")
        PILOT = "pilot", _("pilot")
        FLIGHT_ENGINEER = "flight_engineer", _("flight engineer")
        MISSION_SPECIALIST = "mission_specialist", _("mission specialist")
        RESEARCH_COSMONAUT = "research_cosmonaut", _("research cosmonaut")

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="crew_members", verbose_name=_("mission")
    )
    astronaut = models.ForeignKey(
        Astronaut,
        on_delete=models.CASCADE,
        related_name="crew_members",
        verbose_name=_("astronaut"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["mission", "role", "astronaut__name"]
        verbose_name = _("crew member")
        verbose_name_plural = _("crew")
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "astronaut"],
                name="crew_member_once_per_mission",
                violation_error_message=_("This astronaut is already in the crew."),
            ),
        ]

    def __str__(self):
        return f"{self.astronaut} – {self.get_role_display()} ({self.mission})"


class Licence(models.TextChoices):
    ESA_STANDARD = "esa-standard", _("ESA Standard Licence")
    CC_BY_SA_3_IGO = "cc-by-sa-3.0-igo", _("CC BY-SA 3.0 IGO")

    @property
    def url(self):
        return LICENCE_URLS[self.value]


LICENCE_URLS = {
    Licence.ESA_STANDARD: "https://www.esa.int/ESA_Multimedia/Terms_and_Conditions",
    Licence.CC_BY_SA_3_IGO: "https://creativecommons.org/licenses/by-sa/3.0/igo/",
}


class GalleryOrderIndex(models.Index):
    """An index in the gallery's order, ``date_taken DESC NULLS LAST``.

    SQLite refuses ``NULLS LAST`` in an index, but its ``DESC`` already puts NULLs last, so the
    index it gets without the words is the same order and serves the same ``ORDER BY``. (Still a
    ``Statement``: when SQLite's table is rebuilt, Django renames the table it names.)
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        statement = super().create_sql(model, schema_editor, using=using, **kwargs)
        if schema_editor.connection.vendor == "sqlite":
            return WithoutNullsLast(statement.template, **statement.parts)
        return statement


class WithoutNullsLast(Statement):
    def __str__(self):
        return super().__str__().replace(" NULLS LAST", "")


logger = logging.getLogger(__name__)

# What an image's versions do not hold: the file and what was worked out from it (``revisions``).
IMAGE_FILE_FIELDS = (
    "image",
    "width",
    "height",
    "file_size",
    "format",
    "renditions",
    "content_hash",
    "perceptual_hash",
    "like_count",
)

NO_CAPTION = _("Write the caption in English or in French (or both) before publishing.")


def image_upload_to(instance, filename):
    """``images/<year>/<month>/<random>.<extension of the real format>``.

    Random, not the uploaded file's name: the file of a draft must not be found by guessing
    its URL, and its renditions' names derive from this one. Drawn once per new file (kept on
    the instance until it is saved), so that a failed save knows which files to remove.
    """
    if "_upload_name" not in instance.__dict__:
        extension = images.EXTENSIONS.get(instance.format, "bin")
        folder = timezone.now().strftime("images/%Y/%m/")
        instance._upload_name = f"{folder}{secrets.token_urlsafe(16)}.{extension}"
    return instance._upload_name


class ImageNotStored(Exception):
    """The file or its renditions could not be written (a full disk, read-only media, an
    image the library failed to resize): nothing was kept."""

    message = _(
        "The image could not be stored (%(reason)s). Nothing was saved: try again, or tell "
        "the site's administrator if it happens again."
    )

    def __init__(self, reason):
        super().__init__(reason)
        self.text = self.message % {"reason": reason}


class ImageCaption(BilingualMixin, Publishable):
    image = images.ArchiveImageField(
        _("image file"),
        upload_to=image_upload_to,
        max_length=200,
        help_text=_("JPEG, PNG or WebP. Sizes for every screen are made when you save."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Left empty, it is made from the title or the file name."),
    )
    mission = models.ForeignKey(
        Mission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="images",
        verbose_name=_("mission"),
    )
    photographer = models.ForeignKey(
        Astronaut,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photographs",
        verbose_name=_("photographer"),
        help_text=_("The astronaut who took the picture, if one did."),
    )
    spacecraft = models.ManyToManyField(
        Spacecraft,
        blank=True,
        related_name="images",
        verbose_name=_("spacecraft shown"),
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    caption_en = models.TextField(_("caption (English)"), blank=True)
    caption_fr = models.TextField(_("caption (French)"), blank=True)
    alt_en = models.CharField(
        _("alt text (English)"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    alt_fr = models.CharField(_("alt text (French)"), max_length=250, blank=True)
    credit = models.CharField(_("credit"), max_length=200, default="ESA")
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.ESA_STANDARD
    )
    is_illustration = models.BooleanField(
        _("illustration"),
        default=False,
        help_text=_("A drawing or an artist's view, not a photograph: pages say so."),
    )
    like_count = models.PositiveIntegerField(_("likes"), default=0, editable=False)
    # Where the subject is, as fractions of the width and height from the top left: crops that
    # cut the picture (cards, portraits) keep this point in view. Null: the centre.
    focal_x = models.FloatField(
        _("focal point (across)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    focal_y = models.FloatField(
        _("focal point (down)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    # Null: not worked out yet (images stored before they were recorded; ``image_hashes``).
    # Nullable, not "" by default, so that adding them left SQLite's table as it was: a NOT
    # NULL column makes Django rebuild the table, and the search index's triggers with it.
    content_hash = models.CharField(  # noqa: DJ001
        _("content hash (SHA-256)"), max_length=64, null=True, editable=False
    )
    perceptual_hash = models.CharField(  # noqa: DJ001
        _("perceptual hash"), max_length=16, null=True, editable=False
    )
    date_taken = models.DateField(
        _("date taken"),
        null=True,
        blank=True,
        help_text=_("Left empty, it is read from the photo's EXIF data."),
    )
    width = models.PositiveIntegerField(_("width (px)"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height (px)"), default=0, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), default=0, editable=False)
    format = models.CharField(_("format"), max_length=10, blank=True, editable=False)
    # The storage names of the renditions below, worked out once when the file is saved: asking
    # imagekit for them on every page costs a pickle and a hash per URL (~65 ms per gallery page).
    renditions = models.JSONField(_("renditions"), default=dict, editable=False)

    webp_320 = ImageSpecField(source="image", spec=images.RENDITION_SPECS["webp_320"])
    webp_640 = ImageSpecField(source="image", spec=images.RENDITION_SPECS["webp_640"])
    webp_1024 = ImageSpecField(source="image", spec=images.RENDITION_SPECS["webp_1024"])
    webp_1600 = ImageSpecField(source="image", spec=images.RENDITION_SPECS["webp_1600"])
    jpeg_640 = ImageSpecField(source="image", spec=images.RENDITION_SPECS["jpeg_640"])
    jpeg_1280 = ImageSpecField(source="image", spec=images.RENDITION_SPECS["jpeg_1280"])

    objects = ImageCaptionQuerySet.as_manager()
    history = revisions(*IMAGE_FILE_FIELDS)

    class Meta:
        # Undated images last on every database (PostgreSQL would put NULLs first).
        ordering = [F("date_taken").desc(nulls_last=True), "-created_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            # Drafts may wait for their caption (bulk uploads); nothing goes public without one.
            models.CheckConstraint(
                condition=Q(is_published=False) | ~Q(caption_en="") | ~Q(caption_fr=""),
                name="published_image_has_a_caption",
                violation_error_message=NO_CAPTION,
            ),
        ]
        # The gallery's order (newest first, undated last, then id) follows the column a list is
        # filtered by in each index, so a page is read in order instead of sorted. The trailing
        # columns answer the rest of the query from the index alone: ``mission_id`` whether the
        # image's mission is public, ``photographer_id`` the recount of a mission's cells.
        indexes = [
            GalleryOrderIndex(
                F("date_taken").desc(nulls_last=True),
                F("id").desc(),
                "mission",
                name="image_gallery_order_idx",
                condition=Q(is_published=True),
            ),
            GalleryOrderIndex(
                "mission",
                F("date_taken").desc(nulls_last=True),
                F("id").desc(),
                "photographer",
                name="image_mission_order_idx",
                condition=Q(is_published=True),
            ),
            GalleryOrderIndex(
                "photographer",
                F("date_taken").desc(nulls_last=True),
                F("id").desc(),
                "mission",
                name="image_photographer_order_idx",
                condition=Q(is_published=True),
            ),
            # "Most liked".
            GalleryOrderIndex(
                F("like_count").desc(),
                F("id").desc(),
                "mission",
                name="image_liked_order_idx",
                condition=Q(is_published=True),
            ),
            # "Recently added" and the feed.
            models.Index(
                F("created_at").desc(),
                F("id").desc(),
                "mission",
                name="image_added_order_idx",
                condition=Q(is_published=True),
            ),
            models.Index(fields=["is_synthetic"], name="image_synthetic_idx"),
            # Which image a requested media file belongs to (``media.py``).
            models.Index(fields=["image"], name="image_file_idx"),
            # An upload's duplicates, by the same bytes (``content_hash``).
            models.Index(fields=["content_hash"], name="image_content_hash_idx"),
            # What the worker publishes or unpublishes next (``scheduling``).
            models.Index(
                fields=["publish_at"],
                name="image_publish_at_idx",
                condition=Q(publish_at__isnull=False),
            ),
            models.Index(
                fields=["unpublish_at"],
                name="image_unpublish_at_idx",
                condition=Q(unpublish_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.tr("title") or self.slug

    def save(self, *args, **kwargs):
        """Save; with a new file, all or nothing: if writing the original or a rendition fails,
        the row is not written and every file already written is removed again."""
        if not (self.image and not self.image._committed):
            return self._save(*args, **kwargs)
        try:
            with transaction.atomic():
                self._save(*args, **kwargs)
        except Exception as error:
            _remove_written(self.__dict__.pop("_upload_name", None))
            # A storage error (full disk, read-only media) or one from the image library while
            # writing the renditions: the editor gets a message, not a server error.
            if isinstance(error, OSError | ValueError | SyntaxError):
                raise ImageNotStored(getattr(error, "strerror", None) or error) from error
            raise
        self.__dict__.pop("_upload_name", None)

    def get_absolute_url(self):
        return reverse("missions:image", kwargs={"slug": self.slug})

    def _save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            info = images.image_info(self.image)
            if len(info.stored) < info.size:  # it carried more than the image (containers.py)
                self.image = ContentFile(info.stored, name=self.image.name)
            self.format = info.format
            self.width, self.height, self.file_size = info.width, info.height, len(info.stored)
            if self.date_taken is None:
                self.date_taken = info.taken_on
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)
        names = images.rendition_names(self.image) if self.image else {}
        if names != self.renditions:
            self.renditions = names
            ImageCaption.objects.filter(pk=self.pk).update(renditions=names)
        replaced = getattr(self, "_stored_image_name", None)
        if replaced and replaced != self.image.name:
            transaction.on_commit(lambda: delete_image_files(replaced))
        self._stored_image_name = self.image.name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_image_name = instance.__dict__.get("image")
        # Where the image was counted before this save (see facets.recount_after_save).
        instance._counted_in = (
            instance.__dict__.get("mission_id"),
            instance.__dict__.get("is_published"),
        )
        return instance

    # Where the admin's forms show the errors of clean() (``admin/form_errors.py``).
    ERROR_FIELDS = {"no_title": "title_en", "no_caption": "caption_en"}

    def clean(self):
        errors = []
        if self.is_published and not (self.title_en.strip() or self.title_fr.strip()):
            # No constraint for this one (it would rebuild the table): the forms, the bulk
            # publish action and the scheduled publishing check it.
            errors.append(
                ValidationError(
                    _("Write the title in English or in French (or both) before publishing."),
                    code="no_title",
                )
            )
        if self.is_published and not self.has_caption:
            errors.append(ValidationError(NO_CAPTION, code="no_caption"))
        if errors:
            raise ValidationError(errors)

    def _unique_slug(self):
        return unique_slug(
            ImageCaption, self.title_en or self.title_fr or PurePath(self.image.name).stem, "image"
        )

    @property
    def is_public(self):
        """Whether visitors may see this image: published, and so is its mission if it has one."""
        return self.is_published and (self.mission_id is None or self.mission.is_published)

    @property
    def public_photographer(self):
        """The photographer, if published (a draft astronaut's name stays private)."""
        photographer = self.photographer
        return photographer if photographer is not None and photographer.is_published else None

    @property
    def download_name(self):
        """The original's name for visitors who download it: the slug, not the stored name."""
        return f"{self.slug}{PurePath(self.image.name).suffix}"

    @property
    def has_caption(self):
        return bool(self.caption_en.strip() or self.caption_fr.strip())

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    @property
    def is_landscape(self):
        return self.width >= self.height

    def rendition_url(self, field):
        """The URL of one rendition (``"jpeg_1280"``), from the name stored at save."""
        name = self.renditions.get(field) or getattr(self, field).name
        return media_url(self.image.storage, name)

    def rendition_size(self, field):
        """``(width, height)`` of one rendition (``images.fitted_size``)."""
        box = images.RENDITION_SPECS[field].width
        if not self.width or not self.height:
            return (box, box)
        return images.fitted_size(self.width, self.height, box)

    def rendition_sets(self):
        """``{"webp": [(width, url), …], "jpeg": […]}``, the files ``<picture>`` offers."""
        sets = {"webp": [], "jpeg": []}
        for name in RENDITION_FIELDS:
            width, _height = self.rendition_size(name)
            sets[name.split("_")[0]].append((width, self.rendition_url(name)))
        return sets


RENDITION_FIELDS = tuple(images.RENDITION_SPECS)


def unique_slug(model, text, fallback):
    """A slug made from ``text`` that no ``model`` record has yet (``-2``, ``-3``… if taken)."""
    base = slugify(text)[:100] or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def media_url(storage, name):
    """``storage.url(name)``; for files on this server's disk, without ``urljoin``.

    A gallery page asks for over two hundred URLs, and ``FileSystemStorage.url`` parses its base
    URL with ``urljoin`` for each: here a stored name (never absolute, never with ``..``) is
    appended to the base as the storage itself would.
    """
    if storage.__class__ is FileSystemStorage and storage.base_url.endswith("/"):
        return storage.base_url + filepath_to_uri(name).lstrip("/")
    return storage.url(name)


def _remove_written(name):
    """After a failed save: remove what was written of ``name`` and its renditions, as far as
    the storage lets us (on read-only media, nothing was written)."""
    try:
        delete_image_files(name)
    except OSError:
        logger.exception("Could not remove %s and its renditions after a failed save", name)


def delete_image_files(name):
    """Remove an original and every rendition made from it (after a replace or a delete).

    Files another image still points to are kept (``seed_archive`` shares a few real files
    among thousands of synthetic images).
    """
    if not name or ImageCaption.objects.filter(image=name).exists():
        return
    ghost = ImageCaption(image=name)
    storage = ghost.image.storage
    for field in RENDITION_FIELDS:
        storage.delete(getattr(ghost, field).name)
    storage.delete(name)


@receiver(post_delete, sender=ImageCaption)
def _delete_files_with_image(sender, instance, **kwargs):
    name = instance.image.name
    transaction.on_commit(lambda: delete_image_files(name))
